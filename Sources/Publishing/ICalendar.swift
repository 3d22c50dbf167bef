import Foundation
import MeetingModel
import Localization
import MeetingTime

/// iCalendar (RFC 5545) of a programme: one VEVENT per placed session, with stable UIDs,
/// SEQUENCE raised each time a published version moved the session, and times in UTC or in a
/// real IANA zone with its VTIMEZONE (every offset change around the meeting, no abbreviations).
public enum ICalendar {
    /// The calendar of the sessions `selection` covers. `zone` nil writes UTC times; else local
    /// times with `TZID=zone`. `stamp` is DTSTAMP (when the file is made).
    /// The description is written in the language of `l10n`.
    public static func document(
        _ source: ExportSource, selection: ExportSelection = .all, zone: String? = nil, stamp: Instant,
        name: String? = nil, l10n l: Localizer = .english, personalLinks: [PersonalLink] = []
    ) throws -> String {
        let meeting = source.meeting
        var out = String()
        out.reserveCapacity(2_048 + source.programme.placements.count * 700)
        func line(_ l: String) {
            out += fold(l)
            out += "\r\n"
        }
        for l in [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Intersession//Programme export//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            line(l)
        }
        line("X-WR-CALNAME:" + text(name ?? meeting.title))
        var zoneClock: ZoneClock?
        if let zone {
            _ = try source.zoneClock(zone)
            let wide = InstantRange(
                start: meeting.firstDay.adding(days: -370).startInUTC, end: meeting.lastDay.adding(days: 370).startInUTC
            )
            guard let (clock, block) = ZoneBlocks.shared.block(zone, wide, make: timezone) else {
                throw ExportError(Message("export.unknown-zone", ["zone": zone]))
            }
            zoneClock = clock
            line("X-WR-TIMEZONE:" + zone)
            out += block
        }
        for (session, placement) in source.placed where selection.includes(session, in: source) {
            // An event depends on the session, the zone, the language, the stamp and, in a
            // delegate's calendar, their channel, country and personal link: the same event in
            // many delegates' calendars is written once per source (a notice to every delegate).
            var key = session.id + "\u{1F}" + (zone ?? "") + "\u{1F}" + l.language + "\u{1F}\(stamp.seconds)"
            if case .delegate(let d) = selection {
                key += "\u{1F}" + source.channel(of: d, at: session) + "\u{1F}" + d.delegation + "\u{1F}"
                key += meeting.personalLink(for: session, room: placement.room, among: personalLinks) ?? ""
            }
            if let done = source.events.text(key) {
                out += done
                continue
            }
            let event = self.event(
                session, placement, source: source, selection: selection, zone: zoneClock.map { ($0, zone ?? "") },
                stamp: stamp, l10n: l, personalLinks: personalLinks)
            source.events.keep(event, for: key)
            out += event
        }
        line("END:VCALENDAR")
        return out
    }

    /// One session's VEVENT, folded, each line ending in CRLF.
    static func event(
        _ session: Session, _ placement: Placement, source: ExportSource, selection: ExportSelection,
        zone: (clock: ZoneClock, name: String)?, stamp: Instant, l10n l: Localizer, personalLinks: [PersonalLink]
    ) -> String {
        let meeting = source.meeting
        let end = Instant(seconds: placement.start.seconds + session.durationMinutes * 60)
        let languages = source.languageCodes(session)
        var description = [
            session.title,
            l("ics.session", ["id": session.id, "kind": l("kind." + session.kind.rawValue)])
                + (session.bodies.isEmpty ? "" : " · " + session.bodies.joined(separator: ", ")),
            l("ics.room", ["room": placement.room]),
            l("ics.languages", ["list": languages.map { "\(l.languageName($0)) (\($0))" }.joined(separator: ", ")]),
        ]
        var location = placement.room
        var link: String?
        if case .delegate(let d) = selection {
            let channel = source.channel(of: d, at: session)
            description.append(l("ics.channel", ["channel": "\(l.languageName(channel)) (\(channel))"]))
            // How to join: the delegate's own sessions only, and only once released (the
            // file says when to export again); passcodes never reach a whole-meeting file.
            if let join = meeting.joinDetails(for: session, room: placement.room, personal: personalLinks) {
                let release = meeting.joinRelease(for: session, start: placement.start)
                switch release.phase(at: stamp) {
                case .open:
                    description += joinLines(join, channel: channel, country: d.delegation, l)
                    if let url = join.url {
                        link = url
                        location = url
                    }
                case .before:
                    description.append(l("ics.join-later", ["when": utcText(release.opens)]))
                case .ended:
                    break
                }
            }
        }
        if let version = source.version { description.append(l("ics.version", ["version": "\(version)"])) }
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + text("\(session.id)@\(meeting.id).intersession"),
            "DTSTAMP:" + utc(stamp),
            "SEQUENCE:\(source.sequences[session.id] ?? 0)",
        ]
        if let zone {
            lines.append("DTSTART;TZID=\(zone.name):" + local(zone.clock.local(at: placement.start)))
            lines.append("DTEND;TZID=\(zone.name):" + local(zone.clock.local(at: end)))
        } else {
            lines.append("DTSTART:" + utc(placement.start))
            lines.append("DTEND:" + utc(end))
        }
        lines += [
            "SUMMARY:" + text("\(session.id) · \(session.title)"),
            "LOCATION:" + text(location),
            "DESCRIPTION:" + text(description.joined(separator: "\n")),
        ]
        // A URI value (RFC 5545 §3.8.4.6), not text: written as it is (checked https, no
        // spaces, quotes or line breaks).
        if let link { lines.append("URL:" + link) }
        if !session.bodies.isEmpty { lines.append("CATEGORIES:" + session.bodies.map(text).joined(separator: ",")) }
        lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    /// The description's lines on joining a released session: platform, link, meeting ID and
    /// passcode, the delegate's channel, the dial-in numbers (their country's first).
    public static func joinLines(_ join: JoinDetails, channel: String, country: String, _ l: Localizer) -> [String] {
        var out: [String] = []
        let platform = [join.platform?.displayName, join.name].compactMap { $0 }.joined(separator: " · ")
        if !platform.isEmpty { out.append(l("ics.join-platform", ["platform": platform])) }
        if let url = join.url { out.append(l(join.personal ? "ics.join-personal" : "ics.join-link", ["url": url])) }
        if let id = join.meetingID { out.append(l("join.meeting-id", ["id": id])) }
        if let code = join.passcode { out.append(l("join.passcode", ["code": code])) }
        if let n = join.channels[channel] {
            out.append(l("join.channel", ["language": l.languageName(channel), "number": "\(n)"]))
        }
        for number in join.dialIn(firstFor: country) {
            out.append(l("ics.join-dial-in", ["country": number.country, "number": number.number]))
        }
        return out
    }

    /// "2021-06-20 16:00 UTC".
    static func utcText(_ instant: Instant) -> String {
        let t = LocalDateTime(localSeconds: instant.seconds)
        return "\(t.day) \(t.timeText) UTC"
    }

    /// VTIMEZONE for the clock's zone: one observance for the offset at the start of its horizon
    /// and one per change (DTSTART in the local time before the change, as RFC 5545 wants).
    static func timezone(_ clock: ZoneClock) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + clock.identifier]
        let first = clock.horizon.start, firstOffset = clock.offset(at: first)
        func observance(_ at: Instant, from: Int, to: Int) -> [String] {
            let kind = clock.timeZone.isDaylightSavingTime(for: at.date) ? "DAYLIGHT" : "STANDARD"
            return [
                "BEGIN:\(kind)", "DTSTART:" + local(LocalDateTime(localSeconds: at.seconds + from)),
                "TZOFFSETFROM:" + offset(from), "TZOFFSETTO:" + offset(to), "END:\(kind)",
            ]
        }
        lines += observance(first, from: firstOffset, to: firstOffset)
        for t in clock.transitions { lines += observance(t.at, from: t.offsetBefore, to: t.offsetAfter) }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// "20210621T100000Z".
    static func utc(_ instant: Instant) -> String { local(LocalDateTime(localSeconds: instant.seconds)) + "Z" }

    /// "20210621T130000" (a local date-time, no zone).
    static func local(_ t: LocalDateTime) -> String {
        func digits(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return digits(t.day.year, 4) + digits(t.day.month, 2) + digits(t.day.day, 2) + "T" + digits(t.hour, 2)
            + digits(t.minute, 2) + digits(t.secondOfDay % 60, 2)
    }

    /// "+0300", "-0430".
    static func offset(_ seconds: Int) -> String {
        let m = abs(seconds) / 60
        return String(format: "%@%02d%02d", seconds < 0 ? "-" : "+", m / 60, m % 60)
    }

    /// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and newlines; other
    /// control characters dropped.
    static func text(_ s: String) -> String {
        // Most text needs nothing: printable ASCII without \ ; , (checked on the bytes).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x3B && $0 != 0x2C }) { return s }
        // Else byte by byte (whole scalars are kept or dropped, so the UTF-8 stays valid).
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case 0x5C, 0x3B, 0x2C: out += [0x5C, b]  // \ ; ,
            case 0x0A: out += [0x5C, 0x6E]  // \n
            // The control characters (Cc): U+0000-001F, U+007F, and U+0080-009F (C2 80-C2 9F).
            case 0x00..<0x20, 0x7F: continue
            case 0xC2 where i < bytes.count && (0x80...0x9F).contains(bytes[i]): i += 1
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence:
    /// continuation lines start with one space.
    static func fold(_ line: String) -> String {
        if line.utf8.count <= 75 { return line }
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 24 + 3)
        var i = 0, used = 0
        while i < bytes.count {
            // A scalar's length from its lead byte.
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let end = min(bytes.count, i + n)
            if used + (end - i) > 75 {
                out += [0x0D, 0x0A, 0x20]
                used = 1
            }
            out += bytes[i..<end]
            used += end - i
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Each zone's clock over a calendar's horizon and its VTIMEZONE lines, made once per zone and
/// horizon: a change notice to every delegate of a large meeting writes one calendar each, in a
/// few dozen zones (issue 20's benchmark).
final class ZoneBlocks: @unchecked Sendable {
    static let shared = ZoneBlocks()
    private let lock = NSLock()
    private var made: [String: (ZoneClock, String)] = [:]

    /// The clock and its VTIMEZONE, folded, each line ending in CRLF.
    func block(_ zone: String, _ horizon: InstantRange, make: (ZoneClock) -> [String]) -> (ZoneClock, String)? {
        let key = "\(zone) \(horizon.start.seconds) \(horizon.end.seconds)"
        lock.lock()
        defer { lock.unlock() }
        if let done = made[key] { return done }
        guard let clock = ZoneClock(identifier: zone, horizon: horizon) else { return nil }
        let done = (clock, make(clock).map { ICalendar.fold($0) + "\r\n" }.joined())
        if made.count > 1_000 { made.removeAll() }  // bounded: a process serving many meetings
        made[key] = done
        return done
    }
}
