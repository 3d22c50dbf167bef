import MeetingModel

/// What the programme builder asks of the shell (its runner: AppShell/Shell+Builder.swift).
public enum BuilderEffect: Sendable, Equatable {
    /// The builder's engine, draft and latest published version.
    case load(meetingID: String)
    /// The builder's programme becomes the stored draft.
    case saveDraft(Programme)
    /// The draft becomes the next published version.
    case publish(meetingID: String)
    /// Re-plan from `programme` (keeping its pins, moving little), at most `seconds`.
    case solve(Programme, seconds: Double)
    /// Stop the solver; it hands over its best.
    case cancelSolver
    /// The latest published version, read again (another user published).
    case loadPublished(meetingID: String)
    /// The stored draft, read again (another user saved it).
    case loadDraft(meetingID: String)

    /// Whether it may change the store.
    public var writes: Bool {
        switch self {
        case .saveDraft, .publish: true
        case .load, .solve, .cancelSolver, .loadPublished, .loadDraft: false
        }
    }
}
