import Localization

/// What comes back to the interpretation board: the shell's answers to its effects.
public enum BoardAction: Sendable, Equatable {
    /// A request was recorded or withdrawn, or refused (the sentence); the board is read again.
    case changed(message: Message)
    /// The interpretation board, computed.
    case loaded(BoardData)
}

/// The board's part of `reduce`.
func reduceBoard(_ state: inout AppState, _ action: BoardAction) -> [Effect] {
    switch action {
    case .changed(let message):
        state.message = message
        guard let staff = state.staff else { return [] }
        return [.board(.load(meetingID: staff.meetingID))]
    case .loaded(let board):
        state.desk.board = board
        return []
    }
}
