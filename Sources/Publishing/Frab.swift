import Foundation
import MeetingModel
import MeetingTime

/// The frab / "schedule.xml" interchange format (and its JSON form) that pretalx, frab and the
/// conference-reader apps share: days in the host's zone, rooms = the virtual rooms (channels),
/// one event per placed session with a stable name-based GUID.
public enum FrabSchedule {
    /// One event as both forms write it.
    struct Event {
        let id: Int
        let guid: String
        let room: String
        let title: String
        let type: String
        let date: String  // ISO 8601 with the host's offset
        let end: String
        let start: String  // "13:00"
        let duration: String  // "02:00"
        let slug: String
        let track: String
        let language: String
        let description: String
        let url: String
    }

    struct Day {
        let index: Int
        let date: String
        let start: String
        let end: String
        let rooms: [(name: String, events: [Event])]
    }

    /// The acronym the schema allows ("kp2021intersessional"): lower-case letters and digits.
    static func acronym(_ meeting: Meeting) -> String {
        let a = meeting.id.lowercased().filter { ($0.isASCII && $0.isLetter) || $0.isNumber }
        return a.count >= 4 ? a : a + String(repeating: "0", count: 4 - a.count)
    }

    static func days(_ source: ExportSource) throws -> [Day] {
        let meeting = source.meeting
        let host = try source.zoneClock(meeting.hostZone)
        let rooms = meeting.rules.rooms
        let order = Dictionary(uniqueKeysWithValues: meeting.sessions.enumerated().map { ($1.id, $0 + 1) })
        let acronym = acronym(meeting)
        return meeting.days.enumerated().map { i, day in
            let from = midnight(day, host), to = midnight(day.adding(days: 1), host)
            let here = source.placed.filter { host.local(at: $0.placement.start).day == day }
            let names = rooms + Array(Set(here.map(\.placement.room)).subtracting(rooms)).sorted()
            return Day(
                index: i + 1, date: "\(day)", start: iso(from, host), end: iso(to, host),
                rooms: names.map { room in
                    (
                        room,
                        here.filter { $0.placement.room == room }.map { s, p in
                            let end = Instant(seconds: p.start.seconds + s.durationMinutes * 60)
                            let languages = source.languageCodes(s)
                            let words = s.title.folding(
                                options: [.diacriticInsensitive, .caseInsensitive], locale: nil
                            ).lowercased()
                                .map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" }
                            let titleSlug = String(words).split(separator: "-").joined(separator: "-")
                            return Event(
                                id: order[s.id] ?? 1,
                                guid: StableID.uuid5(StableID.sessionURN(meeting: meeting.id, session: s.id)).uuidString
                                    .lowercased(),
                                room: room, title: s.title, type: s.kind.rawValue, date: iso(p.start, host),
                                end: iso(end, host),
                                start: host.local(at: p.start).timeText,
                                duration: String(format: "%02d:%02d", s.durationMinutes / 60, s.durationMinutes % 60),
                                slug: "\(acronym)-\(s.id.lowercased())"
                                    + (titleSlug.isEmpty ? "-session" : "-" + titleSlug),
                                track: s.bodies.first ?? s.kind.rawValue, language: s.floorLanguage,
                                description: "Interpretation: "
                                    + languages.map { "\(LanguageCatalogue.englishName($0)) (\($0))" }.joined(
                                        separator: ", ")
                                    + (s.bodies.isEmpty ? "" : ". Bodies: " + s.bodies.joined(separator: ", ")) + ".",
                                url: StableID.sessionURN(meeting: meeting.id, session: s.id))
                        }
                    )
                })
        }
    }

    /// Local midnight of `day` in the zone (the first instant of the day when midnight is skipped).
    static func midnight(_ day: CalendarDay, _ clock: ZoneClock) -> Instant {
        let r = clock.resolve(LocalDateTime(day: day, secondOfDay: 0))
        return r.instant(.later) ?? r.instant(.earlier) ?? day.startInUTC
    }

    /// "2021-06-21T13:00:00+03:00": local time with the zone's offset at that instant.
    static func iso(_ instant: Instant, _ clock: ZoneClock) -> String {
        let t = clock.local(at: instant), o = clock.offset(at: instant), m = abs(o) / 60
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", t.day.year, t.day.month, t.day.day, t.hour, t.minute,
            t.secondOfDay % 60,
            o < 0 ? "-" : "+", m / 60, m % 60)
    }

    static func versionText(_ source: ExportSource) -> String { source.version.map { "version \($0)" } ?? "draft" }

    /// The schedule as XML (schedule.xml.xsd).
    public static func xml(_ source: ExportSource, generatorVersion: String = "1") throws -> String {
        let meeting = source.meeting
        var x = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<schedule>",
            "  <generator name=\"intersession\" version=\"\(escape(generatorVersion))\"/>",
            "  <version>\(escape(versionText(source)))</version>",
            "  <conference>",
            "    <title>\(escape(meeting.title))</title>",
            "    <acronym>\(acronym(meeting))</acronym>",
            "    <start>\(meeting.firstDay)</start>",
            "    <end>\(meeting.lastDay)</end>",
            "    <days>\(meeting.days.count)</days>",
            String(
                format: "    <timeslot_duration>%02d:%02d</timeslot_duration>", meeting.gridMinutes / 60,
                meeting.gridMinutes % 60),
            "    <time_zone_name>\(escape(meeting.hostZone))</time_zone_name>",
        ]
        for body in meeting.bodies { x.append("    <track name=\"\(escape(body.id))\">\(escape(body.name))</track>") }
        x.append("  </conference>")
        for day in try days(source) {
            x.append("  <day index=\"\(day.index)\" date=\"\(day.date)\" start=\"\(day.start)\" end=\"\(day.end)\">")
            for (room, events) in day.rooms {
                x.append(
                    "    <room name=\"\(escape(room))\" guid=\"\(StableID.uuid5("urn:intersession:\(meeting.id):room:\(room)").uuidString.lowercased())\">"
                )
                for e in events {
                    x += [
                        "      <event id=\"\(e.id)\" guid=\"\(e.guid)\">",
                        "        <room>\(escape(e.room))</room>",
                        "        <title>\(escape(e.title))</title>",
                        "        <subtitle></subtitle>",
                        "        <type>\(escape(e.type))</type>",
                        "        <date>\(e.date)</date>",
                        "        <start>\(e.start)</start>",
                        "        <duration>\(e.duration)</duration>",
                        "        <abstract></abstract>",
                        "        <slug>\(e.slug)</slug>",
                        "        <track>\(escape(e.track))</track>",
                        "        <persons/>",
                        "        <language>\(escape(e.language))</language>",
                        "        <description>\(escape(e.description))</description>",
                        "        <links/>",
                        "        <attachments/>",
                        "      </event>",
                    ]
                }
                x.append("    </room>")
            }
            x.append("  </day>")
        }
        x.append("</schedule>")
        return x.joined(separator: "\n") + "\n"
    }

    /// Text for XML content and attributes: markup characters escaped, characters XML 1.0 does
    /// not allow dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                guard
                    v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                        || v >= 0x10000
                else { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The schedule as JSON (schema.json).
    public static func json(_ source: ExportSource, generatorVersion: String = "1") throws -> String {
        let meeting = source.meeting
        func event(_ e: Event) -> [String: Any] {
            [
                "id": e.id, "guid": e.guid, "room": e.room, "title": e.title, "subtitle": "", "type": e.type,
                "date": e.date, "end": e.end,
                "start": e.start, "duration": e.duration, "abstract": "", "slug": e.slug, "track": e.track,
                "language": e.language,
                "description": e.description, "persons": [Any](), "links": [Any](), "url": e.url,
            ]
        }
        let days = try days(source)
        let conference: [String: Any] = [
            "acronym": acronym(meeting), "title": meeting.title, "start": "\(meeting.firstDay)",
            "end": "\(meeting.lastDay)",
            "daysCount": meeting.days.count,
            "timeslot_duration": String(format: "%02d:%02d", meeting.gridMinutes / 60, meeting.gridMinutes % 60),
            "time_zone_name": meeting.hostZone,
            "tracks": meeting.bodies.map { ["name": $0.id] },
            "rooms": days.flatMap { $0.rooms.map(\.name) }.reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }.map {
                [
                    "name": $0,
                    "guid": StableID.uuid5("urn:intersession:\(meeting.id):room:\($0)").uuidString.lowercased(),
                ]
            },
            "days": days.map { d -> [String: Any] in
                [
                    "index": d.index, "date": d.date, "day_start": d.start, "day_end": d.end,
                    "rooms": Dictionary(uniqueKeysWithValues: d.rooms.map { ($0.name, $0.events.map(event)) }),
                ]
            },
        ]
        let root: [String: Any] = [
            "generator": ["name": "intersession", "version": generatorVersion],
            "schedule": ["version": versionText(source), "conference": conference],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
