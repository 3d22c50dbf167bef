import AppCore
import Foundation
import Localization
import MeetingModel
import MeetingTime
import Publishing
import Rendering
import RegistrationFiles
import Scheduling
import Screens
import Store
import Terminal

extension Shell {
    /// The runner of the sign-in: a username and a secret checked, a first password set.
    func performSignIn(_ effect: SignInEffect) -> [Action] {
        switch effect {
        case .credentials(let username, let secret):
            do {
                switch try store.signIn(username: username, secret: secret, source: source) {
                case .refused: return [.signIn(.answered(.refused))]
                case .throttled(let seconds): return [.signIn(.answered(.throttled(seconds: seconds)))]
                case .inactive: return [.signIn(.answered(.inactive))]
                case .mustSetPassword: return [.signIn(.answered(.mustSetPassword))]
                case .signedIn(let id): return [.signIn(.answered(load(delegateID: id)))]
                }
            } catch {
                return [.signIn(.answered(.failed(words(error))))]
            }
        case .setPassword(let username, let token, let password):
            do {
                try store.setPassword(username: username, token: token, password: password, source: source)
                guard case .signedIn(let id) = try store.signIn(username: username, secret: password, source: source)
                else { return [.signIn(.answered(.refused))] }
                return [.signIn(.answered(load(delegateID: id)))]
            } catch {
                return [.signIn(.answered(.failed(words(error))))]
            }
        case .staffPassword(let name, let current, let new):
            // The signed-in staff member's own (the name is the session's, never typed); only
            // one with a password (set by `users password`) has one to change.
            func answered(_ change: PasswordChange) -> [Action] { [.views(.passwordChangeAnswered(change))] }
            do {
                guard try store.staffHasPassword(name) else {
                    return answered(.failed(Message("password.staff-none", ["name": name])))
                }
                switch try store.checkStaffPassword(name, secret: current, source: source) {
                case .refused: return answered(.wrongCurrent)
                case .throttled(let seconds): return answered(.throttled(seconds: seconds))
                case .right:
                    try store.setStaffPassword(name, password: new, actor: name)
                    return answered(.changed)
                }
            } catch {
                return answered(.failed(words(error)))
            }
        }
    }
}
