import MeetingModel

/// What the interpretation board asks of the shell (its runner: AppShell/Shell+Board.swift).
public enum BoardEffect: Sendable, Equatable {
    /// The board of the meeting (programme in force, all requests).
    case load(meetingID: String)
    /// Record a delegation's request for interpretation (audited; refused unless permitted).
    case request(InterpretationRequest, meetingID: String)
    /// Withdraw a delegation's request.
    case withdraw(InterpretationRequest, meetingID: String)

    /// Whether it may change the store.
    public var writes: Bool {
        switch self {
        case .request, .withdraw: true
        case .load: false
        }
    }
}
