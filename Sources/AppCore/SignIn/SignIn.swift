import Foundation
import Localization
import Rendering
import TerminalInput

// The sign-in: a username and a one-time token or password; a first password chosen when the token
// was right. What it asks of the shell and what the shell answers are its own enums.

/// The sign-in form: username and one-time token (or password), then a new password when the
/// token was right.
public struct SignInForm: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case credentials
        case choosePassword(username: String, token: String)
    }
    public enum Field: Sendable, Equatable { case first, second }

    public var stage: Stage = .credentials
    public var first = TextField()  // username, or new password
    public var second = TextField(secret: true)  // token or password, or the new password again
    public var focus: Field = .first
    public var error: Message?
    /// The SSH front door signed the account in with its one-time token: this form only chooses
    /// its password, and Esc ends the session instead of offering another account.
    public var onlyThisAccount = false
    /// Waiting for the store's answer.
    public var busy = false

    public init() {}
}

/// What the sign-in asks of the shell.
public enum SignInEffect: Sendable, Equatable {
    /// Check a username and a token or password.
    case credentials(username: String, secret: String)
    /// The first password of an account whose one-time token was right.
    case setPassword(username: String, token: String, password: String)
    /// A staff member's own SSH password changed from their screens (`:password`), given the
    /// current one; the answer is `DelegateViewsAction.passwordChangeAnswered` (the same form).
    case staffPassword(name: String, current: String, new: String)

    /// Whether the effect may change the store: a failed sign-in counts against the account (not
    /// audited, but a write).
    public var writes: Bool { true }
}

/// What the shell answers the sign-in.
public enum SignInAction: Sendable, Equatable {
    /// The store's answer to `.credentials` / `.setPassword`.
    case answered(SignInAnswer)
    /// The signed-in delegate's registration was rejected or withdrawn meanwhile: signed out at once.
    case registrationEnded
    /// The SSH front door took `token` as the first password of `username`: choose a password.
    case tokenAccepted(username: String, token: String)
}

/// How a sign-in went, as the shell reports it.
public enum SignInAnswer: Sendable, Equatable {
    case signedIn(MeetingData)
    case mustSetPassword
    /// Wrong username or secret: the message never says which.
    case refused
    /// Too many failures from here: try again in this many seconds.
    case throttled(seconds: Int)
    /// The right secret, but the registration is rejected or withdrawn.
    case inactive
    case failed(Message)
}

func reduceSignIn(_ state: inout AppState, _ action: SignInAction) {
    switch action {
    case .answered(let answer):
        answered(&state, answer)
    case .tokenAccepted(let username, let token):
        var form = SignInForm()
        form.stage = .choosePassword(username: username, token: token)
        form.first = TextField(secret: true)
        form.onlyThisAccount = true
        state.signIn = form
    case .registrationEnded:
        guard state.data != nil else { return }
        state.data = nil
        state.modal = nil  // whatever was open over the screens goes with them
        state.message = nil
        var form = SignInForm()
        form.error = Message("signin.error.inactive")
        // Through the front door the session was this account's: no other signs in here.
        form.onlyThisAccount = state.frontDoor
        state.signIn = form
    }
}

func signInKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    var form = state.signIn!
    defer { state.signIn = form }
    if form.busy { return [] }
    if form.onlyThisAccount, case .credentials = form.stage, key == .enter || key == .escape {
        state.quitting = true  // the account's registration ended: nothing else to do here
        return [.quit]
    }
    switch key {
    case .escape:
        if case .choosePassword = form.stage, !form.onlyThisAccount { form = SignInForm(); return [] }
        state.quitting = true
        return [.quit]
    case .tab, .backTab, .up, .down:
        form.focus = form.focus == .first ? .second : .first
        return []
    case .enter:
        if form.focus == .first { form.focus = .second; return [] }
        switch form.stage {
        case .credentials:
            let user = form.first.text.trimmingCharacters(in: .whitespaces).lowercased()
            guard !user.isEmpty, !form.second.text.isEmpty else {
                form.error = Message("signin.error.empty"); return []
            }
            form.busy = true
            form.error = nil
            return [.signIn(.credentials(username: user, secret: form.second.text))]
        case .choosePassword(let user, let token):
            guard form.first.text.count >= 10 else { form.error = Message("signin.error.short"); return [] }
            guard form.first.text == form.second.text else {
                form.error = Message("signin.error.differ"); form.second = TextField(secret: true); return []
            }
            form.busy = true
            form.error = nil
            return [.signIn(.setPassword(username: user, token: token, password: form.first.text))]
        }
    default:
        if form.focus == .first { form.first.edit(with: key) } else { form.second.edit(with: key) }
        return []
    }
}

private func answered(_ state: inout AppState, _ answer: SignInAnswer) {
    guard var form = state.signIn else { return }
    form.busy = false
    switch answer {
    case .signedIn(let data):
        // The account's preference (interpretation language, then languages spoken) unless --lang chose.
        if !state.languageChosen, let preferred = Localizer.preferred(by: data.me) {
            state.l10n = Localizer(preferred)
        }
        state.signIn = nil
        state.data = data
        state.views.tab = .schedule
        state.views.zone = .mine
        if let first = data.meeting.days.firstIndex(where: { $0 == data.clock.hostLocal(at: state.now).day }) {
            state.views.clockDay = first
        }
        jumpToNow(&state)
        return
    case .mustSetPassword:
        let user = form.first.text.trimmingCharacters(in: .whitespaces).lowercased()
        let token = form.second.text
        form = SignInForm()
        form.stage = .choosePassword(username: user, token: token)
        form.first = TextField(secret: true)
        form.error = nil
    case .refused:
        form.second = TextField(secret: true)
        form.focus = .second
        form.error = Message("signin.error.refused")
    case .throttled(let seconds):
        form.second = TextField(secret: true)
        form.focus = .second
        form.error = Message("signin.error.throttled", count: seconds)
    case .inactive:
        form.second = TextField(secret: true)
        form.error = Message("signin.error.inactive")
    case .failed(let why):
        form.error = why
    }
    state.signIn = form
}
