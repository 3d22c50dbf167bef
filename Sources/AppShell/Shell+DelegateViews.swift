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
    /// The runner of the delegates' views: their schedule exported to a file.
    func performDelegateViews(_ effect: Effect) -> [Action] {
        switch effect {
        case .export(let path, let delegateID, let zone, let language):
            let l = Localizer(language)
            do {
                let me = try delegateID.flatMap { try store.delegate(id: $0) }
                let first = try store.meetingSummaries().first?.id
                guard let meetingID = me?.meetingID ?? first else {
                    return [.notice(Message("export.failed", values: ["why": .message(Message("app.no-meeting-yet"))]))]
                }
                let file = path.hasPrefix("/") ? path : exportFolder.appendingPathComponent(path).path
                try ExportFile.write(
                    store: store, meetingID: meetingID, path: file, delegate: me, zone: zone, l10n: l, stamp: clock())
                return [.notice(Message("export.written", ["path": file, "zone": zone]))]
            } catch {
                return [.notice(Message("export.failed", values: ["why": .message(words(error))]))]
            }
        case .refreshDelegateViews(let id):
            do {
                guard let me = try store.delegate(id: id), me.status.isRegistered else { return [.registrationEnded] }
            } catch {
                return []  // the store is busy or unreadable for a moment: read again at the next change
            }
            if case .signedIn(let data) = load(delegateID: id) { return [.delegateViewsRefreshed(data)] }
            return []
        default:
            return []
        }
    }
}
