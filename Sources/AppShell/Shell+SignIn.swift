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
    func performSignIn(_ effect: Effect) -> [Action] {
        switch effect {
        case .signIn(let username, let secret):
            do {
                switch try store.signIn(username: username, secret: secret, source: source) {
                case .refused: return [.signInAnswered(.refused)]
                case .throttled(let seconds): return [.signInAnswered(.throttled(seconds: seconds))]
                case .inactive: return [.signInAnswered(.inactive)]
                case .mustSetPassword: return [.signInAnswered(.mustSetPassword)]
                case .signedIn(let id): return [.signInAnswered(load(delegateID: id))]
                }
            } catch {
                return [.signInAnswered(.failed(words(error)))]
            }
        case .setPassword(let username, let token, let password):
            do {
                try store.setPassword(username: username, token: token, password: password, source: source)
                guard case .signedIn(let id) = try store.signIn(username: username, secret: password, source: source)
                else { return [.signInAnswered(.refused)] }
                return [.signInAnswered(load(delegateID: id))]
            } catch {
                return [.signInAnswered(.failed(words(error)))]
            }
        case .changePassword(let delegateID, let current, let new):
            do {
                // The account is the signed-in delegate's own, looked up here (never typed).
                guard let username = try store.username(delegateID: delegateID) else {
                    return [.passwordChangeAnswered(.failed(Message("app.registration-missing")))]
                }
                switch try store.changePassword(username: username, current: current, new: new, source: source) {
                case .signedIn: return [.passwordChangeAnswered(.changed)]
                case .throttled(let seconds): return [.passwordChangeAnswered(.throttled(seconds: seconds))]
                case .inactive: return [.registrationEnded]
                case .refused, .mustSetPassword: return [.passwordChangeAnswered(.wrongCurrent)]
                }
            } catch {
                return [.passwordChangeAnswered(.failed(words(error)))]
            }
        default:
            return []
        }
    }
}
