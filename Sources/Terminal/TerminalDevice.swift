import Rendering
import TerminalInput

/// What the loop gets from the terminal besides events.
public enum TerminalWake: Sendable, Equatable {
    case event(TerminalEvent)
    /// Nothing happened within the timeout (the clock may tick).
    case idle
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT: restore the terminal and exit with 128 + signal.
    case signal(Int32)
    /// Standard input closed.
    case endOfInput
}

/// What the terminal UI's loop needs from a terminal: its size, its next event, a frame shown.
public protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Whether box lines can be drawn in Unicode (a UTF-8 locale).
    var utf8: Bool { get }
    func next() -> TerminalWake
    @discardableResult func draw(_ buffer: ScreenBuffer) -> Int
    /// Forget what is shown: the next frame is drawn whole, the terminal cleared first (Ctrl-L,
    /// when something outside the program scribbled on the screen).
    func repaint()
    func restore()
    /// Offers `text` to the terminal's clipboard (OSC 52), which a terminal may refuse.
    func copy(_ text: String)
}

/// The headless twin: events come from a script, frames are kept in memory (tests, benchmarks).
public final class HeadlessTerminal: TerminalDevice {
    public private(set) var size: (width: Int, height: Int)
    public let utf8 = true
    private var script: [TerminalWake]
    /// Every frame drawn, oldest first.
    public private(set) var frames: [ScreenBuffer] = []
    private var previous: ScreenBuffer?
    /// Cells written per frame (the diff against the one before).
    public private(set) var cellsWritten: [Int] = []
    public private(set) var restored = false
    /// What was offered to the clipboard, oldest first.
    public private(set) var copied: [String] = []
    /// Run just before the script's step with that index is delivered (another user's change
    /// arriving between two keys, in tests).
    public var before: [Int: () -> Void] = [:]
    private var delivered = 0

    /// A terminal of `width` × `height` that delivers `script`, then end of input.
    public init(width: Int, height: Int, script: [TerminalWake]) {
        size = (width, height)
        self.script = script
    }

    /// A script from keys typed as a terminal sends them (escape sequences included).
    public static func keys(_ text: String) -> [TerminalWake] {
        var decoder = KeyDecoder()
        return decoder.feed(text).map { .event($0) }
    }

    public func next() -> TerminalWake {
        guard !script.isEmpty else { return .endOfInput }
        before.removeValue(forKey: delivered)?()
        delivered += 1
        let wake = script.removeFirst()
        if case .event(.resized(let w, let h)) = wake { size = (w, h); previous = nil }
        return wake
    }

    @discardableResult
    public func draw(_ buffer: ScreenBuffer) -> Int {
        let n = buffer.changes(from: previous).count
        frames.append(buffer)
        cellsWritten.append(n)
        previous = buffer
        return n
    }

    public func repaint() {
        previous = nil
        repaints += 1
    }

    public func copy(_ text: String) { copied.append(text) }

    /// How many times the screen was repainted whole (Ctrl-L).
    public private(set) var repaints = 0

    public func restore() { restored = true }
}
