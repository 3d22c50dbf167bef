import Foundation
import Localization
import MeetingModel
import MeetingTime

/// What an export reads: the meeting, the programme exported and what is known about it.
public struct ExportSource: Sendable {
    public let meeting: Meeting
    public let programme: Programme
    /// Every session's languages (floor first), with the requests that count.
    public let languages: [String: SessionLanguages]
    /// The published version exported; nil for a draft or a programme file.
    public let version: Int?
    /// Per session, how many times a published version moved it (start or room): calendars
    /// replace an event whose SEQUENCE went up.
    public let sequences: [String: Int]
    public let clock: MeetingClock
    /// Per session, the delegations expected at it (a delegate's calendar asks for every session).
    let attending: [String: Set<String>]
    /// The placed sessions in start order (then meeting order), with their sessions.
    public let placed: [(session: Session, placement: Placement)]
    /// Calendar events and printed programmes written from this source, kept for the next
    /// calendar or letter that has them.
    let events = EventTexts()

    /// `history` holds the published versions before the one exported, oldest first.
    public init(
        meeting: Meeting, programme: Programme, requests: [InterpretationRequest] = [], version: Int? = nil,
        history: [Programme] = []
    ) throws {
        self.meeting = meeting
        self.programme = programme
        self.version = version
        languages = Dictionary(
            uniqueKeysWithValues: meeting.sessionLanguages(requests: requests).map { ($0.session, $0) })
        var sequences: [String: Int] = [:]
        let chain = history + [programme]
        for (old, new) in zip(chain, chain.dropFirst()) {
            let before = Dictionary(old.placements.map { ($0.sessionID, $0) }, uniquingKeysWith: { a, _ in a })
            for p in new.placements {
                if let b = before[p.sessionID], b.start != p.start || b.room != p.room {
                    sequences[p.sessionID, default: 0] += 1
                }
            }
        }
        self.sequences = sequences
        attending = Dictionary(uniqueKeysWithValues: meeting.sessions.map { ($0.id, Set(meeting.attendees(of: $0))) })
        let order = Dictionary(uniqueKeysWithValues: meeting.sessions.enumerated().map { ($1.id, $0) })
        placed = programme.placements.compactMap { p in meeting.session(p.sessionID).map { ($0, p) } }
            .sorted {
                ($0.placement.start, order[$0.session.id] ?? 0) < ($1.placement.start, order[$1.session.id] ?? 0)
            }
        do { clock = try MeetingClock(meeting: meeting) } catch {
            throw ExportError(Message("export.zones-unreadable", ["why": "\(error)"]))
        }
    }

    /// The official languages of a session, floor first (codes).
    public func languageCodes(_ session: Session) -> [String] {
        languages[session.id]?.languages.map(\.code) ?? [session.floorLanguage]
    }

    /// The channel a delegate listens to: their interpretation language when the session has it,
    /// else the floor language.
    public func channel(of delegate: Delegate, at session: Session) -> String {
        if let wanted = delegate.interpretation, languageCodes(session).contains(wanted) { return wanted }
        return session.floorLanguage
    }

    /// A clock for `zone` over the meeting (refused with the zone's name when unknown).
    public func zoneClock(_ zone: String) throws -> ZoneClock {
        do { return try clock.clock(for: zone) } catch {
            throw ExportError(Message("export.unknown-zone", ["zone": zone]))
        }
    }
}

/// Which sessions an export covers.
public enum ExportSelection: Sendable {
    case all
    case body(String)
    case delegate(Delegate)

    func includes(_ s: Session, in meeting: Meeting) -> Bool {
        switch self {
        case .all: true
        case .body(let id): s.bodies.contains(id)
        case .delegate(let d): meeting.attends(d, s)
        }
    }

    /// The same, with the delegations attending each session tabulated once by the source.
    func includes(_ s: Session, in source: ExportSource) -> Bool {
        guard case .delegate(let d) = self else { return includes(s, in: source.meeting) }
        return Meeting.attends(d, s) { source.attending[s.id]?.contains(d.delegation) ?? false }
    }
}

/// An export that cannot be made, with what to do.
public struct ExportError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, worded in the reader's language.
    public let message: Message
    /// A refusal from the catalog.
    public init(_ message: Message) { self.message = message }
    /// In English.
    public var description: String { message.description }
}

/// The events a source's calendars wrote and the programmes it printed, by what they depend on
/// (see `ICalendar.document` and `PrintableProgramme.render`):
/// shared by the copies of one source, bounded, safe from several threads.
final class EventTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String: String] = [:]
    private var bytes = 0
    /// At most this many bytes are kept; past it everything kept is dropped and keeping starts over.
    static let limit = 16 << 20

    func text(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return texts[key]
    }

    func keep(_ text: String, for key: String) {
        lock.lock()
        defer { lock.unlock() }
        if bytes + text.utf8.count > EventTexts.limit {
            texts.removeAll()
            bytes = 0
        }
        texts[key] = text
        bytes += text.utf8.count
    }
}
