import Rendering
import TerminalInput

extension TextField {
    /// Applies an editing key (a character, Backspace, Delete, arrows, Home/End, Ctrl-A/E/U);
    /// returns false for a key that does not edit text, which the caller then handles.
    @discardableResult
    public mutating func edit(with key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .ctrl("u"): deleteToStart()
        default: return false
        }
        return true
    }
}
