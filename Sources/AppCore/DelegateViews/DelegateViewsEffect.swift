import MeetingModel

/// What the delegate views ask of the shell.
public enum DelegateViewsEffect: Sendable, Equatable {
    /// A signed-in delegate's new password, given the current one (checked as a sign-in is).
    case changePassword(delegateID: Int64, current: String, new: String)
    /// A signed-in delegate's screens read again (another user changed what they show).
    case refresh(delegateID: Int64)
    /// A signed-in delegate's public keys (for the SSH front door): add a pasted line, list, remove.
    case keys(delegateID: Int64, KeyRequest)

    /// Whether the effect may change the store.
    public var writes: Bool {
        switch self {
        case .changePassword: true
        case .keys(_, let request): request != .list
        case .refresh: false
        }
    }
}

/// What a delegate asks of their account's public keys.
public enum KeyRequest: Sendable, Equatable {
    /// A pasted line of a `.pub` file.
    case add(String)
    case list
    /// The key with this fingerprint ("SHA256:…").
    case remove(String)
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
