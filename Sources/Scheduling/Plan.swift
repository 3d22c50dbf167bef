import MeetingModel

/// A solved placement: each session's start cell and room on the problem's timeline.
public struct Plan: Sendable, Hashable {
    /// Start cell per session (meeting order), −1 when unplaced.
    public let starts: [Int]
    /// Room index per session.
    public let rooms: [Int]

    /// A plan as given.
    public init(starts: [Int], rooms: [Int]) {
        self.starts = starts
        self.rooms = rooms
    }

    /// The plan as a programme of the meeting (unplaced sessions left out).
    public func programme(_ problem: SchedulingProblem, pinned: Set<String> = []) -> Programme {
        Programme(
            meetingID: problem.meeting.id,
            placements: problem.items.indices.compactMap { s in
                guard starts[s] >= 0 else { return nil }
                let id = problem.items[s].session.id
                return Placement(
                    sessionID: id, start: problem.instant(ofCell: starts[s]),
                    room: problem.rooms[safe: rooms[s]] ?? "R\(rooms[s] + 1)",
                    pinned: pinned.contains(id))
            })
    }

    /// The plan of `programme` on `problem`'s timeline; rooms that are not the meeting's get indices after them.
    public static func of(_ programme: Programme, on problem: SchedulingProblem) -> Plan {
        var starts = [Int](repeating: -1, count: problem.items.count),
            rooms = [Int](repeating: 0, count: problem.items.count)
        var extra: [String: Int] = [:]
        let index = Dictionary(uniqueKeysWithValues: problem.items.map { ($0.session.id, $0.index) })
        for p in programme.placements {
            guard let s = index[p.sessionID] else { continue }
            starts[s] = problem.cell(of: p.start)
            if let r = problem.rooms.firstIndex(of: p.room) {
                rooms[s] = r
            } else {
                if extra[p.room] == nil { extra[p.room] = problem.rooms.count + extra.count }
                rooms[s] = extra[p.room]!
            }
        }
        return Plan(starts: starts, rooms: rooms)
    }
}

extension Programme {
    /// This programme on `problem`'s timeline.
    public func plan(on problem: SchedulingProblem) -> Plan { Plan.of(self, on: problem) }
}

extension Array {
    /// The element at `i`, or nil when out of range.
    public subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
