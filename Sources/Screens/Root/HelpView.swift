import AppCore
import Localization
import Rendering

/// The `?` screen, generated from the key-binding table.
struct HelpView {
    var staff = false
    /// The staff screen whose keys are listed.
    var screen: StaffScreen = .desk
    /// The delegates' help is in their language; the staff screens' stays English.
    var l10n: Localizer = .english

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        var lines: [(String, Style)] = []
        let common =
            KeyBindings.table.filter { [.appQuit, .appHelp].contains($0.command) }
            + KeyBindings.desk.filter { $0.command == .staffNextScreen }
        let builder = staff && screen == .builder
        let table =
            !staff
            ? KeyBindings.table
            : screen == .builder
                ? KeyBindings.builder + common
                : screen == .board
                    ? KeyBindings.table.filter { $0.name.hasPrefix("cursor.") } + KeyBindings.board + common
                    : KeyBindings.desk
                        + KeyBindings.table.filter {
                            $0.context == .lists || [.appQuit, .appHelp].contains($0.command)
                        }.filter { !$0.name.hasPrefix("list.open") && !$0.name.hasPrefix("search.next") }
        for context in KeyContext.allCases where table.contains(where: { $0.context == context }) {
            let heading =
                staff
                ? (context == .lists
                    ? screen.title(l10n)
                    : l10n(
                        "help.context."
                            + (context == .global
                                ? "everywhere" : context.rawValue.replacingOccurrences(of: " ", with: "-"))))
                : l10n("help.context." + context.rawValue.replacingOccurrences(of: " ", with: "-"))
            lines.append((heading, Style(.title, bold: true)))
            for binding in table where binding.context == context {
                let keys = binding.keys.map(\.description).joined(separator: " ")
                lines.append(("  " + TextWidth.padded(keys, to: 12) + " " + l10n("key." + binding.name), .normal))
            }
        }
        lines.append((l10n(staff ? "help.staff-close" : "help.close"), Style(.dim)))
        Dialog(
            title: l10n(staff ? "help.staff-title" : "help.title"), lines: lines,
            width: min(area.width, builder ? 80 : 60)
        ).render(into: &b, area: area, borders: options.borders)
    }
}
