import Localization
import Rendering
import TerminalInput

// A signed-in delegate changes their password (issue 17 §17): `P` or `:password` opens the form;
// the current password is required, and checked by the store as a sign-in is. Staff change the
// password they sign in with over SSH the same way (`:password` on their screens; 12 characters).

/// A signed-in delegate changing their password: the current one, then the new one twice.
public struct PasswordForm: Sendable, Equatable {
    public var fields = [TextField(secret: true), TextField(secret: true), TextField(secret: true)]
    public var focus = 0
    public var error: Message?
    /// Waiting for the store's answer.
    public var busy = false

    public init() {}
}

/// How a password change went, as the shell reports it.
public enum PasswordChange: Sendable, Equatable {
    case changed
    /// The current password typed is not right.
    case wrongCurrent
    case throttled(seconds: Int)
    case failed(Message)
}

/// Keys while the password form is open: Tab and the arrows move, Enter goes on and submits on
/// the last field, Esc cancels.
func passwordKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var form = state.passwordForm, state.data != nil || state.staff != nil else {
        state.passwordForm = nil
        return []
    }
    defer { if state.passwordForm != nil { state.passwordForm = form } }
    if form.busy { return [] }
    let n = form.fields.count
    switch KeyBindings.command(for: key, in: KeyBindings.form.filter { $0.command != .formChoose }) {
    case .formCancel:
        state.passwordForm = nil
        state.message = Message("password.unchanged")
        return []
    case .formNext: form.focus = (form.focus + 1) % n
    case .formPrevious: form.focus = (form.focus + n - 1) % n
    case .formSubmit:
        if form.focus < n - 1 { form.focus += 1; return [] }
        let current = form.fields[0].text, new = form.fields[1].text
        guard !current.isEmpty else { form.error = Message("password.need-current"); form.focus = 0; return [] }
        let shortest = state.staff != nil ? 12 : 10
        guard new.count >= shortest else {
            form.error = Message(state.staff != nil ? "store.staff-password-short" : "signin.error.short")
            form.focus = 1
            return []
        }
        guard new == form.fields[2].text else {
            form.error = Message("signin.error.differ")
            form.fields[1] = TextField(secret: true)
            form.fields[2] = TextField(secret: true)
            form.focus = 1
            return []
        }
        guard new != current else { form.error = Message("password.same"); form.focus = 1; return [] }
        form.busy = true
        form.error = nil
        if let me = state.data?.me { return [.views(.changePassword(delegateID: me.id, current: current, new: new))] }
        return state.staff.map { [.signIn(.staffPassword(name: $0.name, current: current, new: new))] } ?? []
    default: form.fields[form.focus].edit(with: key)
    }
    return []
}

/// The store's answer: the form closes on success, else it says why and clears what must be typed again.
func passwordChangeAnswered(_ state: inout AppState, _ answer: PasswordChange) {
    guard var form = state.passwordForm else { return }
    form.busy = false
    switch answer {
    case .changed:
        state.passwordForm = nil
        state.message = Message("password.changed")
        return
    case .wrongCurrent:
        form.fields[0] = TextField(secret: true)
        form.focus = 0
        form.error = Message("password.wrong")
    case .throttled(let seconds):
        form.fields[0] = TextField(secret: true)
        form.focus = 0
        form.error = Message("signin.error.throttled", count: seconds)
    case .failed(let why):
        form.error = why
    }
    state.passwordForm = form
}
