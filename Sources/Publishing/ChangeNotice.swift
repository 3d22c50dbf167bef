import Foundation
import MeetingModel
import Localization
import MeetingTime
import Scheduling

/// The list the ASM sends out after publishing: every added, removed and moved session, the
/// delegations it concerns, and each registered delegate who sits in it with the new local time
/// in their own zone.
public struct ChangeNotice: Sendable {
    public struct Affected: Sendable, Hashable, Codable {
        public let delegateID: Int64
        public let name: String
        public let delegation: String
        public let zone: String
        /// Local start before and after ("Tue 22 Jun 13:00"), nil when the session was not / is no longer placed.
        public let before: String?
        public let after: String?
    }

    public struct Item: Sendable, Hashable, Codable {
        public let kind: String
        public let session: String
        public let title: String
        /// UTC start before and after, ISO 8601 ("2021-06-22T10:00:00Z").
        public let startBefore: String?
        public let startAfter: String?
        /// The same for people, in the notice's language ("Tue 22 Jun 10:00 UTC").
        public let before: String?
        public let after: String?
        public let roomBefore: String?
        public let roomAfter: String?
        public let delegations: [String]
        public let delegates: [Affected]
    }

    public let from: String
    public let to: String
    public let items: [Item]

    /// The language of the text (day and month names, sentences).
    public let l10n: Localizer

    /// The changes from `old` to `new`, for `delegates` (only registered ones, approved or with an
    /// account, are listed: not those submitted and not yet approved), written in the language of `l10n`.
    public init(
        meeting: Meeting, old: Programme, new: Programme, fromLabel: String, toLabel: String, delegates: [Delegate],
        l10n: Localizer = .english
    ) throws {
        self.l10n = l10n
        let clock: MeetingClock
        do { clock = try MeetingClock(meeting: meeting) } catch {
            throw ExportError(Message("export.zones-unreadable", ["why": "\(error)"]))
        }
        let active = delegates.filter { $0.status.isRegistered }
        func text(_ instant: Instant?, _ zone: String) -> String? {
            guard let instant, let c = try? clock.clock(for: zone) else { return nil }
            let t = c.local(at: instant)
            return "\(l10n.shortDay(t.day)) \(t.timeText)"
        }
        items = ProgrammeChange.between(old, new, meeting: meeting).map { change in
            let session = meeting.session(change.sessionID)!
            let people = active.filter { meeting.attends($0, session) }.sorted {
                ($0.delegation, $0.displayName) < ($1.delegation, $1.displayName)
            }
            return Item(
                kind: change.kind.rawValue, session: session.id, title: session.title,
                startBefore: change.before.map { "\($0.start)" }, startAfter: change.after.map { "\($0.start)" },
                before: text(change.before?.start, "UTC").map { $0 + " UTC" },
                after: text(change.after?.start, "UTC").map { $0 + " UTC" },
                roomBefore: change.before?.room, roomAfter: change.after?.room, delegations: change.delegations,
                delegates: people.map { d in
                    Affected(
                        delegateID: d.id, name: d.displayName, delegation: d.delegation, zone: d.zone,
                        before: text(change.before?.start, d.zone), after: text(change.after?.start, d.zone))
                })
        }
        from = fromLabel
        to = toLabel
    }

    /// One paragraph per change, then one line per delegate, in the notice's language.
    public var text: String {
        let l = l10n
        guard !items.isEmpty else { return l("notice.none", ["from": from, "to": to]) + "\n" }
        var out = [l.plural("notice.heading", items.count, ["from": from, "to": to]), ""]
        for i in items {
            let what: String
            switch i.kind {
            case "added": what = l("notice.added", ["at": i.after ?? "?", "room": i.roomAfter ?? "?"])
            case "removed": what = l("notice.removed", ["at": i.before ?? "?", "room": i.roomBefore ?? "?"])
            case "moved":
                what =
                    l("notice.moved", ["from": i.before ?? "?", "to": i.after ?? "?"])
                    + (i.roomBefore != i.roomAfter ? " (\(i.roomBefore ?? "?") → \(i.roomAfter ?? "?"))" : "")
            default:
                what = l(
                    "notice.room-changed",
                    ["room": i.roomAfter ?? "?", "old": i.roomBefore ?? "?", "at": i.after ?? ""])
            }
            out.append("\(i.session) \(i.title): \(what)")
            out.append(
                "  "
                    + l(
                        "notice.delegations",
                        ["count": "\(i.delegations.count)", "list": i.delegations.joined(separator: ", ")]))
            for d in i.delegates {
                let times = [
                    d.before.map { l("notice.was", ["time": $0]) }, d.after.map { l("notice.now", ["time": $0]) },
                ].compactMap { $0 }.joined(separator: ", ")
                out.append("  \(d.delegation) \(d.name) (\(d.zone)): \(times)")
            }
            if i.delegates.isEmpty { out.append("  " + l("notice.nobody")) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
