import AppCore
import Rendering

/// The sign-in form in a box: username and secret, or the new password twice.
struct SignInView {
    let form: SignInForm

    func render(into b: inout ScreenBuffer, state: AppState, options: RenderOptions) {
        let choosing: Bool
        if case .choosePassword = form.stage { choosing = true } else { choosing = false }
        let l = state.l10n
        let labels =
            choosing ? [l("signin.new-password"), l("signin.again")] : [l("signin.username"), l("signin.secret")]
        var lines: [(String, Style)] = [(choosing ? l("signin.choose") : l("signin.intro"), Style(.title))]
        lines.append(("", .normal))
        // An error wraps onto as many lines as it needs (a throttled or inactive account's
        // sentence is longer than the box at 80 columns).
        let width = min(60, b.width)
        let noteLines =
            form.busy || form.error == nil
            ? 1 : max(1, TextWidth.wrapped(form.error!.text(l), to: max(1, width - 4)).count)
        let dialog = Dialog(title: l("signin.title"), lines: lines, width: width)
        let fields = dialog.render(into: &b, area: b.area, extraRows: 6 + noteLines, borders: options.borders)
        var y = fields.y
        for (i, label) in labels.enumerated() where y + 1 < fields.maxY {
            b.put(label, x: fields.x, y: y, style: Style(.dim), clip: fields)
            let field = i == 0 ? form.first : form.second
            let focused = (i == 0) == (form.focus == .first)
            field.render(into: &b, area: Rect(x: fields.x, y: y + 1, width: fields.width, height: 1), focused: focused)
            y += 3
        }
        let note =
            form.busy
            ? l("signin.checking")
            : (form.error?.text(l)
                ?? l(
                    "signin.hint",
                    ["escape": l(choosing && !form.onlyThisAccount ? "signin.escape-back" : "signin.escape-quit")]))
        let wrapped =
            form.error != nil && !form.busy
            ? TextWidth.wrapped(note, to: max(1, fields.width)) : [TextWidth.truncated(note, to: fields.width)]
        for (i, line) in wrapped.enumerated() where y - 1 + i < fields.maxY {
            b.put(
                line, x: fields.x, y: y - 1 + i, style: form.error != nil ? Style(.error, bold: true) : Style(.dim),
                clip: fields)
        }
    }
}
