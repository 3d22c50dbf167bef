import MeetingModel

/// How the viewer joins one session on screen, and when (issue 19).
public struct JoinInfo: Sendable, Equatable {
    /// The room's details under the session's own.
    public let details: JoinDetails
    public let release: JoinRelease
    /// Before the release time, open, or ended — at the state's `now`.
    public let phase: JoinRelease.Phase
    /// The platform's channel for the language the viewer listens to, when it numbers them.
    public let channelNumber: Int?
    /// Whether the viewer attends the session (only attendees get a link).
    public let attendee: Bool
}

extension AppState {
    /// How to join `line`'s session; nil when neither its room nor the session has details.
    public func join(for line: SessionLine) -> JoinInfo? {
        guard let data,
            let details = data.meeting.joinDetails(
                for: line.session, room: line.placement.room, personal: line.mine ? data.links : [])
        else {
            return nil
        }
        let release = data.meeting.joinRelease(for: line.session, start: line.placement.start)
        return JoinInfo(
            details: details, release: release, phase: release.phase(at: now),
            channelNumber: details.channels[line.channel], attendee: line.mine)
    }

    /// The link the viewer may open for `line` now: an attendee's, released, not yet ended.
    public func joinLink(for line: SessionLine) -> String? {
        guard let info = join(for: line), info.attendee, info.phase == .open else { return nil }
        return info.details.url
    }
}
