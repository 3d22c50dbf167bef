import AppCore
import Rendering

/// The password change in a box over the delegate's views: current password, new one, again.
struct PasswordView {
    let form: PasswordForm

    func render(into b: inout ScreenBuffer, area: Rect, state: AppState, options: RenderOptions) {
        let l = state.l10n, width = min(60, area.width)
        let note = form.busy ? l("signin.checking") : (form.error?.text(l) ?? l("password.hint"))
        let noteLines = TextWidth.wrapped(note, to: max(1, width - 4))
        let fields = Dialog(title: l("password.title"), lines: [], width: width).render(
            into: &b, area: area, extraRows: 9 + noteLines.count, borders: options.borders)
        var y = fields.y
        for (i, label) in [
            l("password.current"), l(state.staff != nil ? "password.new-staff" : "signin.new-password"),
            l("signin.again"),
        ].enumerated()
        where y + 1 < fields.maxY {
            b.put(label, x: fields.x, y: y, style: Style(.dim), clip: fields)
            form.fields[i].render(
                into: &b, area: Rect(x: fields.x, y: y + 1, width: fields.width, height: 1), focused: i == form.focus)
            y += 3
        }
        for (i, line) in noteLines.enumerated() where y + i < fields.maxY {
            b.put(
                line, x: fields.x, y: y + i, style: form.error != nil ? Style(.error, bold: true) : Style(.dim),
                clip: fields)
        }
    }
}
