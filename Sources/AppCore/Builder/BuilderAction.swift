import Localization
import MeetingModel
import Scheduling

/// What comes back to the programme builder: the shell's answers to its effects, the solver's
/// progress, and what other users changed.
public enum BuilderAction: Sendable, Equatable {
    /// The builder's engine and programmes.
    case loaded(BuilderLoad)
    /// Why the builder could not open.
    case failed(Message)
    /// The solver's best so far.
    case solverProgress(iteration: Int, elapsed: Double, best: Score?)
    /// The solver's proposal (as a programme) and why it stopped.
    /// Its best programme, why it stopped, and when infeasible why none was found (lines).
    case solverFinished(Programme, stop: StopReason, why: [Message] = [])
    case solverFailed(Message)
    /// The draft was published as `version`.
    case published(version: Int, programme: Programme)
    /// The heat, computed after an edit's frame was drawn.
    case heat
    /// The latest published version as another user published it.
    case publishedElsewhere(PublishedProgramme)
    /// The stored draft as another user saved it.
    case draftElsewhere(Programme)
}

/// The builder's part of `reduce`.
func reduceBuilder(_ state: inout AppState, _ action: BuilderAction) {
    switch action {
    case .loaded(let load):
        builderLoaded(&state, load)
    case .failed(let why):
        state.builder.failure = why
    case .solverProgress, .solverFinished, .solverFailed:
        solverAnswered(&state, action)
    case .published(let version, let programme):
        state.builder.published = PublishedProgramme(version: version, programme: programme)
        if state.builder.panel == .compare { state.builder.comparison = compare(state.builder) }
        state.message = Message("builder.published-now", ["version": "\(version)"])
    case .heat:
        if state.builder.heatStale { refreshHeat(&state.builder) }
    case .publishedElsewhere(let published):
        state.builder.published = published
        if state.builder.panel == .compare { state.builder.comparison = compare(state.builder) }
    case .draftElsewhere(let programme):
        adoptDraft(&state, programme)
    }
}
