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
    /// How far it is scrolled (clamped here to what there is).
    var offset = 0

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        let width = min(area.width, staff && screen == .builder ? 80 : 72)
        var lines: [(String, Style)] = []
        let common =
            KeyBindings.table.filter { [.appQuit, .appHelp].contains($0.command) }
            + KeyBindings.desk.filter { $0.command == .staffNextScreen }
        // The screen's keys, then those of its forms, prompts and questions (issue 17 §2).
        let staffOnly: Set<Command> = [.formChoose, .formSubmit]
        let table =
            !staff
            ? KeyBindings.table + KeyBindings.form.filter { !staffOnly.contains($0.command) } + KeyBindings.prompt
                + KeyBindings.editing
            : screen == .builder
                ? KeyBindings.builder + common + KeyBindings.prompt + KeyBindings.editing + KeyBindings.confirm
                : screen == .board
                    ? KeyBindings.table.filter { $0.name.hasPrefix("cursor.") } + KeyBindings.board + common
                        + KeyBindings.prompt + KeyBindings.editing
                    : KeyBindings.desk
                        + KeyBindings.table.filter {
                            $0.context == .lists || [.appQuit, .appHelp].contains($0.command)
                        }.filter { !$0.name.hasPrefix("list.open") && !$0.name.hasPrefix("search.next") }
                        + KeyBindings.modal
        // The keys' column is as wide as its widest entry ("Backspace Del"), at most 16.
        let keyWidth = min(
            16, max(12, table.map { TextWidth.of($0.keys.map(\.description).joined(separator: " ")) }.max() ?? 12))
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
                // Descriptions wrap under themselves instead of being cut.
                let keys = binding.keys.map(\.description).joined(separator: " ")
                // On the desk, `/` searches registrations, not sessions.
                let text = l10n(
                    staff && screen == .desk && binding.command == .searchStart
                        ? "key.desk.search" : "key." + binding.name)
                for (i, part) in TextWidth.wrapped(text, to: max(8, width - 7 - keyWidth)).enumerated() {
                    lines.append(("  " + TextWidth.padded(i == 0 ? keys : "", to: keyWidth) + " " + part, .normal))
                }
            }
        }
        // As many lines as fit, from `offset`; the last line says how to scroll and close.
        let room = max(1, min(area.height, lines.count + 3) - 3)
        let start = max(0, min(offset, lines.count - room))
        var shown = Array(lines[start..<min(lines.count, start + room)])
        let more = start + room < lines.count || start > 0
        shown.append((l10n(more ? "help.scroll" : (staff ? "help.staff-close" : "help.close")), Style(.dim)))
        Dialog(title: l10n(staff ? "help.staff-title" : "help.title"), lines: shown, width: width)
            .render(into: &b, area: area, borders: options.borders)
    }
}
