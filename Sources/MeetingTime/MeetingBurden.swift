import MeetingModel

/// The burden a placement puts on each attending delegation of a meeting.
///
/// Attendees of every session are resolved once to zone indices, so scoring a candidate start
/// is a loop of prefix-sum subtractions (see `BurdenIndex`).
public struct MeetingBurden: Sendable {
    /// The meeting scored.
    public let meeting: Meeting
    /// The zone index behind the scores.
    public let index: BurdenIndex
    /// For each session (meeting order): attending delegations' positions in `meeting.delegations`.
    public let attendeePositions: [[Int]]
    /// For each delegation (meeting order): its zone's index in `index`.
    public let zoneOfDelegation: [Int]

    /// Burden tables for `meeting` over its clock horizon.
    public init(meeting: Meeting) throws(UnknownZone) {
        self.meeting = meeting
        let index = try BurdenIndex(
            zones: meeting.delegations.map(\.zone), bands: meeting.comfort, horizon: MeetingClock.horizon(of: meeting)
        )
        self.index = index
        let position = Dictionary(uniqueKeysWithValues: meeting.delegations.enumerated().map { ($1.code, $0) })
        self.attendeePositions = meeting.sessions.map { meeting.attendees(of: $0).compactMap { position[$0] } }
        self.zoneOfDelegation = meeting.delegations.map { index.index(ofZone: $0.zone)! }
    }

    /// Each attendee's burden if session number `session` (meeting order) starts at `start`.
    public func burden(session: Int, start: Instant) -> [DelegationBurden] {
        let duration = meeting.sessions[session].durationMinutes
        return attendeePositions[session].map { p in
            let m = index.minutes(zoneIndex: zoneOfDelegation[p], startMinute: start.minutes, duration: duration)
            return DelegationBurden(
                delegation: meeting.delegations[p].code, minutes: m, weighted: m.weighted(by: index.weights))
        }
    }

    /// The summed weighted burden of all attendees if session number `session` starts at `start`.
    public func totalWeighted(session: Int, start: Instant) -> Int {
        let duration = meeting.sessions[session].durationMinutes
        let startMinute = start.minutes
        var total = 0
        for p in attendeePositions[session] {
            total += index.weighted(zoneIndex: zoneOfDelegation[p], startMinute: startMinute, duration: duration)
        }
        return total
    }
}
