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
    /// The runner of the programme builder: its model, the draft saved, publishing, the solver.
    func performBuilder(_ effect: BuilderEffect) -> [Action] {
        switch effect {
        case .load(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else {
                    return [.builder(.failed(Message("app.no-meeting", ["meeting": meetingID])))]
                }
                let draft =
                    try store.draftProgramme(meetingID: meetingID) ?? store.currentProgramme(meetingID: meetingID)
                let published = try store.publishedProgramme(meetingID: meetingID)
                let model = try BuilderModel(
                    meeting: meeting, draft: draft, requests: try store.allInterpretationRequests(meeting: meeting))
                return [
                    .builder(
                        .loaded(
                            BuilderLoad(
                                model: model, draft: draft, publishedVersion: published?.version,
                                publishedProgramme: published?.programme)))
                ]
            } catch {
                return [.builder(.failed(words(error)))]
            }
        case .saveDraft(let programme):
            guard let actor = operatorName else { return [] }
            do {
                try store.saveDraft(programme, actor: actor)
                return []
            } catch {
                return [.notice(Message("app.draft-not-saved", values: ["why": .message(words(error))]))]
            }
        case .publish(let meetingID):
            guard let actor = operatorName else { return [] }
            do {
                let version = try store.publish(meetingID: meetingID, actor: actor)
                guard let p = try store.publishedProgramme(meetingID: meetingID, version: version) else { return [] }
                return [.builder(.published(version: version, programme: p.programme))]
            } catch {
                return [.notice(words(error))]
            }
        case .solve(let programme, let seconds):
            do {
                guard let meeting = try store.meeting(programme.meetingID) else {
                    return [.builder(.solverFailed(Message("app.no-meeting", ["meeting": programme.meetingID])))]
                }
                let requests = try store.allInterpretationRequests(meeting: meeting)
                solverJob.start(meeting: meeting, programme: programme, requests: requests, seconds: seconds)
                return []
            } catch {
                return [.builder(.solverFailed(words(error)))]
            }
        case .cancelSolver:
            solverJob.cancel()
            return []
        case .loadPublished(let meetingID):
            guard let p = try? store.publishedProgramme(meetingID: meetingID) else { return [] }
            return [.builder(.publishedElsewhere(PublishedProgramme(version: p.version, programme: p.programme)))]
        case .loadDraft(let meetingID):
            guard let draft = try? store.draftProgramme(meetingID: meetingID) else { return [] }
            return [.builder(.draftElsewhere(draft))]
        }
    }
}
