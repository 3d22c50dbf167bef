import TerminalInput

/// Where a binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global = "everywhere"
    case lists = "in lists"
    case worldClock = "world clock"
    case builder = "programme builder"
    /// A signed-in delegate's own account.
    case account
    case form = "in forms"
    case prompt = "in prompts"
    case editing = "editing text"
    case confirm = "questions"
}

/// One named command and the keys that run it (calcurse/ikhal habits).
public struct KeyBinding: Sendable, Hashable {
    public let command: Command
    /// The command's name (`key.NAME` in the catalogs).
    public var name: String { command.rawValue }
    public let keys: [Key]
    public let help: String
    public let context: KeyContext
}

/// The one table of key bindings; the `?` screen is generated from it.
public enum KeyBindings {
    public static let table: [KeyBinding] = [
        KeyBinding(command: .appQuit, keys: [.char("q")], help: "quit", context: .global),
        KeyBinding(command: .appHelp, keys: [.char("?"), .function(1)], help: "this help", context: .global),
        KeyBinding(
            command: .appCommand, keys: [.char(":")], help: "command (:q, :zone NAME, :export FILE [ZONE], :help)",
            context: .global),
        KeyBinding(command: .viewNext, keys: [.tab], help: "next view", context: .global),
        KeyBinding(command: .viewPrevious, keys: [.backTab], help: "previous view", context: .global),
        KeyBinding(command: .viewSchedule, keys: [.char("1")], help: "my schedule", context: .global),
        KeyBinding(command: .viewProgramme, keys: [.char("2")], help: "programme", context: .global),
        KeyBinding(command: .viewWorldClock, keys: [.char("3")], help: "world clock", context: .global),
        KeyBinding(command: .zoneCycle, keys: [.char("z")], help: "zone: mine, host, UTC, another", context: .global),
        KeyBinding(command: .timeNow, keys: [.char("t")], help: "go to now / the next session", context: .global),
        KeyBinding(command: .cursorDown, keys: [.char("j"), .down], help: "down", context: .lists),
        KeyBinding(command: .cursorUp, keys: [.char("k"), .up], help: "up", context: .lists),
        KeyBinding(command: .cursorPageDown, keys: [.pageDown, .ctrl("d")], help: "page down", context: .lists),
        KeyBinding(command: .cursorPageUp, keys: [.pageUp, .ctrl("u")], help: "page up", context: .lists),
        KeyBinding(command: .cursorFirst, keys: [.char("g"), .home], help: "first", context: .lists),
        KeyBinding(command: .cursorLast, keys: [.char("G"), .end], help: "last", context: .lists),
        KeyBinding(command: .listOpen, keys: [.enter], help: "session detail", context: .lists),
        KeyBinding(command: .listClose, keys: [.escape], help: "close detail or search", context: .lists),
        KeyBinding(command: .listJoin, keys: [.char("J")], help: "how to join the session", context: .lists),
        KeyBinding(command: .searchStart, keys: [.char("/")], help: "search sessions", context: .lists),
        KeyBinding(command: .searchNext, keys: [.char("n")], help: "next match", context: .lists),
        KeyBinding(command: .clockEarlier, keys: [.char("h"), .left], help: "hour earlier", context: .worldClock),
        KeyBinding(command: .clockLater, keys: [.char("l"), .right], help: "hour later", context: .worldClock),
        KeyBinding(command: .clockPreviousDay, keys: [.char("H")], help: "previous meeting day", context: .worldClock),
        KeyBinding(command: .clockNextDay, keys: [.char("L")], help: "next meeting day", context: .worldClock),
        KeyBinding(
            command: .accountPassword, keys: [.char("P")], help: "change my password (also :password)",
            context: .account),
    ]

    /// The command a key runs in `contexts` (first match in table order).
    public static func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        table.first { contexts.contains($0.context) && $0.keys.contains(key) }?.command
    }
}

/// Where a cursor command takes the selected row of a list of `count` rows (a page being `page`
/// rows); nil when the command is not a cursor move.
func cursorTarget(_ command: Command?, from row: Int, count: Int, page: Int) -> Int? {
    let last = max(0, count - 1)
    switch command {
    case .cursorDown: return min(last, row + 1)
    case .cursorUp: return max(0, row - 1)
    case .cursorPageDown: return min(last, row + page)
    case .cursorPageUp: return max(0, row - page)
    case .cursorFirst: return 0
    case .cursorLast: return last
    default: return nil
    }
}
