import AppCore
import Foundation
import Localization
import MeetingModel
import MeetingTime
import Publishing
import Rendering
import RegistrationFiles
import SSHKeys
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
        case .keys(let delegateID, let request):
            return [.notice(keys(delegateID: delegateID, request))]
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

    /// A delegate's own public keys: the line read by swift-nio-ssh's parser, then stored.
    func keys(delegateID: Int64, _ request: KeyRequest) -> Message {
        do {
            guard let username = try store.username(delegateID: delegateID) else {
                return Message("app.registration-missing")
            }
            switch request {
            case .add(let text):
                let line: PublicKeyLine
                do { line = try PublicKeyLine(text) } catch let refusal as PublicKeyLine.Refusal {
                    return Message(refusal.key, refusal.values)
                }
                try store.addAccountKey(
                    delegateID: delegateID, type: line.type, key: line.key, fingerprint: line.fingerprint,
                    comment: line.comment, actor: username, byDelegate: true)
                return Message("pubkey.added", ["fingerprint": line.fingerprint])
            case .list:
                let keys = try store.accountKeys(delegateID: delegateID)
                guard !keys.isEmpty else { return Message("pubkey.none") }
                let list = keys.map { "\($0.fingerprint) (\($0.type)\($0.comment.isEmpty ? "" : " " + $0.comment))" }
                return Message("pubkey.list", ["list": list.joined(separator: "; ")])
            case .remove(let fingerprint):
                let shown = String(fingerprint.prefix(60))
                return try store.removeAccountKey(
                    delegateID: delegateID, fingerprint: fingerprint, actor: username, byDelegate: true)
                    ? Message("pubkey.removed", ["fingerprint": shown])
                    : Message("pubkey.unknown", ["fingerprint": shown])
            }
        } catch {
            return words(error)
        }
    }
}
