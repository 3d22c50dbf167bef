import MeetingModel

/// What the delegate views ask of the shell.
public enum DelegateViewsEffect: Sendable, Equatable {
    /// A signed-in delegate's new password, given the current one (checked as a sign-in is).
    case changePassword(delegateID: Int64, current: String, new: String)
    /// A signed-in delegate's screens read again (another user changed what they show).
    case refresh(delegateID: Int64)

    /// Whether the effect may change the store.
    public var writes: Bool {
        switch self {
        case .changePassword: true
        case .refresh: false
        }
    }
}

/// What the shell answers the delegate views.
public enum DelegateViewsAction: Sendable, Equatable {
    /// A signed-in delegate's screens, read again.
    case refreshed(MeetingData)
    /// The store's answer to `.changePassword`.
    case passwordChangeAnswered(PasswordChange)
}

func reduceViews(_ state: inout AppState, _ action: DelegateViewsAction) {
    switch action {
    case .refreshed(let data): delegateViewsRefreshed(&state, data)
    case .passwordChangeAnswered(let answer): passwordChangeAnswered(&state, answer)
    }
}
