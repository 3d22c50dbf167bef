import MeetingModel

/// What a local wall-clock reading means in one zone: one instant, none (a DST gap), or two (an overlap).
///
/// Gaps and overlaps are explicit cases (STYLE §3): callers pick a `WallTimePolicy` and can
/// show which choice was made.
public enum WallTimeResolution: Sendable, Hashable {
    /// The reading happens exactly once.
    case unique(Instant)
    /// The reading never happens: clocks jumped from `offsetBefore` to `offsetAfter` at `transition`.
    case skipped(transition: Instant, offsetBefore: Int, offsetAfter: Int, shiftedForward: Instant)
    /// The reading happens twice: first at `earlier` (old offset), again at `later` (new offset).
    case repeated(earlier: Instant, later: Instant)

    /// The instant chosen under `policy`, or nil when the policy rejects this case.
    public func instant(_ policy: WallTimePolicy) -> Instant? {
        switch (self, policy) {
        case (.unique(let t), _): t
        case (.skipped, .reject): nil
        case (.skipped(_, _, _, let shifted), _): shifted
        case (.repeated, .reject): nil
        case (.repeated(let earlier, _), .earlier): earlier
        case (.repeated(_, let later), .later): later
        }
    }
}

/// How to settle a local reading that a DST change makes ambiguous or impossible.
public enum WallTimePolicy: String, Sendable, Hashable, CaseIterable {
    /// Refuse it: the caller reports the problem (the default for agenda files).
    case reject
    /// An overlap takes its first occurrence; a gap is shifted forward by the gap's length.
    case earlier
    /// An overlap takes its second occurrence; a gap is shifted forward by the gap's length.
    case later
}
