/// A key as the app sees it, whatever the terminal sent.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)  // Ctrl-A … Ctrl-Z, lower case
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How the help screen writes it.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        }
    }
}

/// What the terminal reports.
public enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    /// Text pasted at once (bracketed paste): inserted, never read as commands.
    case paste(String)
    case resized(width: Int, height: Int)
}

/// Turns the characters a terminal delivers into events: escape sequences the curses library did
/// not decode itself (Shift-Tab, bracketed paste `ESC[200~ … ESC[201~`), control characters as
/// Ctrl keys, a lone ESC as Escape. Pure: the backend feeds it, tests feed it strings.
public struct KeyDecoder: Sendable {
    private var pending: [Character] = []
    private var pasting = false
    private var pasted = ""
    private var pastedCount = 0
    private var tail: [Character] = []

    public init() {}

    /// Events for one character read from the terminal (nothing while a sequence is incomplete).
    /// The most of one paste that is kept, in characters; the rest is dropped up to its end marker.
    public static let maxPaste = 65_536

    public mutating func feed(_ c: Character) -> [TerminalEvent] {
        if pasting {
            // The last six characters wait in `tail` until it is clear they are not the end
            // marker; past the limit, what leaves the tail is dropped (constant work a character).
            tail.append(c)
            if tail.count > 6 {
                let first = tail.removeFirst()
                if pastedCount < KeyDecoder.maxPaste { pasted.append(first); pastedCount += 1 }
            }
            if tail == ["\u{1B}", "[", "2", "0", "1", "~"] {
                pasting = false
                let text = pasted
                (pasted, tail, pastedCount) = ("", [], 0)
                return [.paste(text)]
            }
            return []
        }
        if !pending.isEmpty || c == "\u{1B}" {
            pending.append(c)
            let seq = String(pending)
            if seq == "\u{1B}[200~" { pending = []; pasting = true; return [] }
            if let key = KeyDecoder.sequences[seq] { pending = []; return [.key(key)] }
            if KeyDecoder.sequences.keys.contains(where: { $0.hasPrefix(seq) }) || "\u{1B}[200~".hasPrefix(seq) {
                return []
            }
            // Not a sequence we know: Escape, then the rest as typed.
            let rest = pending.dropFirst()
            pending = []
            return [.key(.escape)] + rest.flatMap { feed($0) }
        }
        return [.key(KeyDecoder.plain(c))]
    }

    /// A lone Escape after the escape delay: the sequence never came.
    public mutating func flush() -> [TerminalEvent] {
        guard !pending.isEmpty else { return [] }
        let rest = pending.dropFirst()
        pending = []
        return [.key(.escape)] + rest.flatMap { feed($0) }
    }

    /// Events for a whole string (tests, key scripts).
    public mutating func feed(_ s: String) -> [TerminalEvent] { s.flatMap { feed($0) } + flush() }

    static func plain(_ c: Character) -> Key {
        switch c {
        case "\r", "\n": return .enter
        case "\t": return .tab
        case "\u{7F}", "\u{08}": return .backspace
        default:
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, v >= 1, v <= 26 {
                return .ctrl(Character(Unicode.Scalar(v + 96)!))
            }
            // Ctrl-\ (the quit character, which the backend turns off), Ctrl-], Ctrl-^, Ctrl-_.
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, v >= 28, v <= 31 {
                return .ctrl(Array("\\]^_")[Int(v) - 28])
            }
            return .char(c)
        }
    }

    static let sequences: [String: Key] = [
        "\u{1B}[A": .up, "\u{1B}[B": .down, "\u{1B}[C": .right, "\u{1B}[D": .left,
        "\u{1B}OA": .up, "\u{1B}OB": .down, "\u{1B}OC": .right, "\u{1B}OD": .left,
        "\u{1B}[H": .home, "\u{1B}[F": .end, "\u{1B}[1~": .home, "\u{1B}[4~": .end,
        "\u{1B}[5~": .pageUp, "\u{1B}[6~": .pageDown, "\u{1B}[3~": .delete, "\u{1B}[Z": .backTab,
        "\u{1B}OP": .function(1), "\u{1B}OQ": .function(2), "\u{1B}OR": .function(3), "\u{1B}OS": .function(4),
    ]
}
