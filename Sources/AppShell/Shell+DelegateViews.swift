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
    /// The runner of the delegates' views: their schedule exported to a file, their password
    /// changed, their screens read again.
    func performDelegateViews(_ effect: DelegateViewsEffect) -> [Action] {
        switch effect {
        case .changePassword(let delegateID, let current, let new):
            do {
                // The account is the signed-in delegate's own, looked up here (never typed).
                guard let username = try store.username(delegateID: delegateID) else {
                    return [.views(.passwordChangeAnswered(.failed(Message("app.registration-missing"))))]
                }
                switch try store.changePassword(username: username, current: current, new: new, source: source) {
                case .signedIn: return [.views(.passwordChangeAnswered(.changed))]
                case .throttled(let seconds): return [.views(.passwordChangeAnswered(.throttled(seconds: seconds)))]
                case .inactive: return [.signIn(.registrationEnded)]
                case .refused, .mustSetPassword: return [.views(.passwordChangeAnswered(.wrongCurrent))]
                }
            } catch {
                return [.views(.passwordChangeAnswered(.failed(words(error))))]
            }
        case .refresh(let id):
            do {
                guard let me = try store.delegate(id: id), me.status.isRegistered else {
                    return [.signIn(.registrationEnded)]
                }
            } catch {
                return []  // the store is busy or unreadable for a moment: read again at the next change
            }
            if case .signedIn(let data) = load(delegateID: id) { return [.views(.refreshed(data))] }
            return []
        }
    }

    /// The programme of meeting `meetingID` written to a file: a delegate's own schedule when
    /// `delegateID` is given (theirs only: a delegate of another meeting exports nothing).
    func performExport(path: String, meetingID: String, delegateID: Int64?, zone: String, language: String)
        -> [Action]
    {
        let l = Localizer(language)
        do {
            let me = try delegateID.flatMap { try store.delegate(id: $0) }
            guard delegateID == nil || me?.meetingID == meetingID, try store.meeting(meetingID) != nil else {
                return [.notice(Message("export.failed", values: ["why": .message(Message("app.no-meeting-yet"))]))]
            }
            let file = path.hasPrefix("/") ? path : exportFolder.appendingPathComponent(path).path
            try ExportFile.write(
                store: store, meetingID: meetingID, path: file, delegate: me, zone: zone, l10n: l, stamp: clock())
            return [.notice(Message("export.written", ["path": file, "zone": zone]))]
        } catch {
            return [.notice(Message("export.failed", values: ["why": .message(words(error))]))]
        }
    }
}
