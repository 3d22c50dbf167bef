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
    /// The runner of the interpretation board: its data, and delegations' requests recorded and withdrawn.
    func performBoard(_ effect: BoardEffect) -> [Action] {
        switch effect {
        case .request(let r, let meetingID), .withdraw(let r, let meetingID):
            guard let actor = operatorName else { return [] }
            let what = ["delegation": r.delegation, "language": l10n.languageName(r.language), "session": r.session]
            do {
                if case .withdraw = effect {
                    try store.withdrawInterpretation(r, meetingID: meetingID, actor: actor)
                    return [.board(.changed(message: Message("board.withdrawn", what)))]
                }
                let added = try store.requestInterpretation(r, meetingID: meetingID, actor: actor)
                return [.board(.changed(message: Message(added ? "board.recorded" : "board.already", what)))]
            } catch {
                return [.board(.changed(message: words(error)))]
            }
        case .load(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else {
                    return [.desk(.changed(message: Message("app.no-meeting", ["meeting": meetingID])))]
                }
                let published = try store.publishedProgramme(meetingID: meetingID)
                var board = try BoardData(
                    meeting: meeting, programme: try published?.programme ?? store.draftProgramme(meetingID: meetingID),
                    requests: try store.allInterpretationRequests(meeting: meeting),
                    explicit: try store.interpretationRequests(meetingID: meetingID).map(\.request))
                board.published = published?.version
                return [.board(.loaded(board))]
            } catch {
                return [.desk(.changed(message: Message("app.board-failed", values: ["why": .message(words(error))])))]
            }
        }
    }
}
