import TerminalInput

/// Where a binding applies.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case global = "everywhere"
    case lists = "in lists"
    case worldClock = "world clock"
    case builder = "programme builder"
}

/// One named command and the keys that run it (calcurse/ikhal habits).
public struct KeyBinding: Sendable, Hashable {
    public let name: String
    public let keys: [Key]
    public let help: String
    public let context: KeyContext
}

/// The one table of key bindings; the `?` screen is generated from it.
public enum KeyBindings {
    public static let table: [KeyBinding] = [
        KeyBinding(name: "app.quit", keys: [.char("q")], help: "quit", context: .global),
        KeyBinding(name: "app.help", keys: [.char("?"), .function(1)], help: "this help", context: .global),
        KeyBinding(name: "app.command", keys: [.char(":")], help: "command (:q, :zone NAME, :help)", context: .global),
        KeyBinding(name: "view.next", keys: [.tab], help: "next view", context: .global),
        KeyBinding(name: "view.previous", keys: [.backTab], help: "previous view", context: .global),
        KeyBinding(name: "view.schedule", keys: [.char("1")], help: "my schedule", context: .global),
        KeyBinding(name: "view.programme", keys: [.char("2")], help: "programme", context: .global),
        KeyBinding(name: "view.world-clock", keys: [.char("3")], help: "world clock", context: .global),
        KeyBinding(name: "zone.cycle", keys: [.char("z")], help: "zone: mine, host, UTC, another", context: .global),
        KeyBinding(name: "time.now", keys: [.char("t")], help: "go to now / the next session", context: .global),
        KeyBinding(name: "cursor.down", keys: [.char("j"), .down], help: "down", context: .lists),
        KeyBinding(name: "cursor.up", keys: [.char("k"), .up], help: "up", context: .lists),
        KeyBinding(name: "cursor.page-down", keys: [.pageDown, .ctrl("d")], help: "page down", context: .lists),
        KeyBinding(name: "cursor.page-up", keys: [.pageUp, .ctrl("u")], help: "page up", context: .lists),
        KeyBinding(name: "cursor.first", keys: [.char("g"), .home], help: "first", context: .lists),
        KeyBinding(name: "cursor.last", keys: [.char("G"), .end], help: "last", context: .lists),
        KeyBinding(name: "list.open", keys: [.enter], help: "session detail", context: .lists),
        KeyBinding(name: "list.close", keys: [.escape], help: "close detail or search", context: .lists),
        KeyBinding(name: "search.start", keys: [.char("/")], help: "search sessions", context: .lists),
        KeyBinding(name: "search.next", keys: [.char("n")], help: "next match", context: .lists),
        KeyBinding(name: "clock.earlier", keys: [.char("h"), .left], help: "hour earlier", context: .worldClock),
        KeyBinding(name: "clock.later", keys: [.char("l"), .right], help: "hour later", context: .worldClock),
        KeyBinding(name: "clock.previous-day", keys: [.char("H")], help: "previous meeting day", context: .worldClock),
        KeyBinding(name: "clock.next-day", keys: [.char("L")], help: "next meeting day", context: .worldClock),
    ]

    /// The command a key runs in `contexts` (first match in table order).
    public static func command(for key: Key, in contexts: [KeyContext]) -> String? {
        table.first { contexts.contains($0.context) && $0.keys.contains(key) }?.name
    }

    /// The keys of a command, as the hint bar writes them ("j/↓").
    public static func keys(_ name: String) -> String {
        table.first { $0.name == name }.map { $0.keys.map(\.description).joined(separator: "/") } ?? ""
    }
}

/// Where a cursor command takes the selected row of a list of `count` rows (a page being `page`
/// rows); nil when the command is not a cursor move.
func cursorTarget(_ command: String?, from row: Int, count: Int, page: Int) -> Int? {
    let last = max(0, count - 1)
    switch command {
    case "cursor.down": return min(last, row + 1)
    case "cursor.up": return max(0, row - 1)
    case "cursor.page-down": return min(last, row + page)
    case "cursor.page-up": return max(0, row - page)
    case "cursor.first": return 0
    case "cursor.last": return last
    default: return nil
    }
}
