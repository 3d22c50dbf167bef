import Foundation
import MeetingModel
import Localization
import MeetingTime

/// The programme day by day in one zone, for printing or sending: local dates, a "(+1 day)" /
/// "(−1 day)" mark where the local date differs from the host's, the room and the languages.
public enum PrintableProgramme {
    public enum Format: String, Sendable, CaseIterable { case text, markdown, html }

    struct Row {
        let start: String, end: String, mark: String, id: String, title: String, bodies: String, room: String,
            languages: String
    }

    static func days(_ source: ExportSource, zone: String, selection: ExportSelection, l10n: Localizer) throws -> [(
        CalendarDay, [Row]
    )] {
        let clock = try source.zoneClock(zone)
        var byDay: [CalendarDay: [Row]] = [:]
        for (s, p) in source.placed where selection.includes(s, in: source) {
            let end = Instant(seconds: p.start.seconds + s.durationMinutes * 60)
            let start = source.clock.reading(clock: clock, delegation: "", at: p.start)
            let finish = clock.local(at: end)
            let mark = l10n.dayOffset(start.dayOffset)
            let endText =
                finish.day == start.local.day ? finish.timeText : "\(finish.timeText) \(l10n("date.next-day"))"
            byDay[start.local.day, default: []].append(
                Row(
                    start: start.local.timeText, end: endText, mark: mark, id: s.id, title: s.title,
                    bodies: s.bodies.joined(separator: ", "),
                    room: p.room, languages: source.languageCodes(s).map { $0.uppercased() }.joined(separator: "/")))
        }
        return byDay.keys.sorted().map { ($0, byDay[$0]!) }
    }

    /// The programme in `zone` as text, Markdown or one self-contained HTML page, in the
    /// language of `l10n` (day and month names, headings, marks; times stay 24-hour).
    public static func render(
        _ source: ExportSource, zone: String, format: Format, selection: ExportSelection = .all,
        l10n: Localizer = .english
    ) throws -> String {
        // What it depends on: the zone, the format, the language and which sessions it holds (a
        // letter to every delegate of a large meeting writes each such programme once).
        let held = source.placed.lazy.filter { selection.includes($0.session, in: source) }.map(\.session.id)
        let key =
            "printed\u{1F}" + zone + "\u{1F}" + format.rawValue + "\u{1F}" + l10n.language + "\u{1F}"
            + held.joined(separator: "\u{1F}")
        if let done = source.events.text(key) { return done }
        let text = try written(source, zone: zone, format: format, selection: selection, l10n: l10n)
        source.events.keep(text, for: key)
        return text
    }

    static func written(
        _ source: ExportSource, zone: String, format: Format, selection: ExportSelection, l10n: Localizer
    ) throws -> String {
        let meeting = source.meeting, l = l10n
        let days = try days(source, zone: zone, selection: selection, l10n: l)
        let version = source.version.map { l("printed.version", ["version": "\($0)"]) } ?? l("printed.draft")
        let heading = meeting.title
        let subtitle = l("printed.times", ["zone": zone, "host": meeting.hostZone, "version": version])
        func longDay(_ d: CalendarDay) -> String { l.longDay(d) }
        switch format {
        case .text:
            // Plain text goes to terminals: every field through the one rule (escaped, never raw).
            func t(_ s: String) -> String { DisplayText.escaped(s) }
            let heading = t(heading)
            var out = [heading, String(repeating: "=", count: heading.count), t(subtitle), ""]
            for (day, rows) in days {
                out += [longDay(day), String(repeating: "-", count: longDay(day).count)]
                for r in rows {
                    out.append(
                        "\(r.start)-\(r.end)\(r.mark.isEmpty ? "" : " " + r.mark)  \(t(r.id)) \(t(r.title))  [\(t(r.room))] \(r.bodies.isEmpty ? "" : t(r.bodies) + " · ")\(t(r.languages))"
                    )
                }
                out.append("")
            }
            return out.joined(separator: "\n")
        case .markdown:
            // Markdown renders inline HTML: <, > and & become entities, and the characters that
            // start Markdown syntax are escaped, so a title is always read as text.
            func cell(_ s: String) -> String { markdownText(s) }
            var out = ["# \(cell(heading))", "", cell(subtitle), ""]
            for (day, rows) in days {
                out += [
                    "## \(longDay(day))", "",
                    "| \(l("printed.time")) | \(l("printed.session")) | \(l("printed.body")) | \(l("printed.room")) | \(l("printed.languages")) |",
                    "|---|---|---|---|---|",
                ]
                for r in rows {
                    out.append(
                        "| \(r.start)–\(r.end)\(r.mark.isEmpty ? "" : " " + r.mark) | \(cell(r.id)) \(cell(r.title)) | \(cell(r.bodies)) | \(cell(r.room)) | \(cell(r.languages)) |"
                    )
                }
                out.append("")
            }
            return out.joined(separator: "\n")
        case .html:
            func h(_ s: String) -> String { FrabSchedule.escape(s) }
            var out = [
                "<!DOCTYPE html>", "<html lang=\"\(l.language)\">", "<head>", "<meta charset=\"utf-8\">",
                "<title>\(h(heading)) · \(h(zone))</title>",
                "<style>body{font-family:system-ui,sans-serif;margin:2em;color:#111}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;border-bottom:1px solid #999}"
                    + "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid #ddd;vertical-align:top}"
                    + ".mark{font-weight:bold}.time{white-space:nowrap}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}</style>",
                "</head>", "<body>", "<h1>\(h(heading))</h1>", "<p>\(h(subtitle))</p>",
            ]
            for (day, rows) in days {
                out += [
                    "<h2>\(h(longDay(day)))</h2>", "<table>",
                    "<thead><tr>"
                        + ["printed.time", "printed.session", "printed.body", "printed.room", "printed.languages"].map {
                            "<th>\(h(l($0)))</th>"
                        }.joined() + "</tr></thead>",
                    "<tbody>",
                ]
                for r in rows {
                    out.append(
                        "<tr><td class=\"time\">\(h(r.start))–\(h(r.end))\(r.mark.isEmpty ? "" : " <span class=\"mark\">\(h(r.mark))</span>")</td>"
                            + "<td>\(h(r.id)) \(h(r.title))</td><td>\(h(r.bodies))</td><td>\(h(r.room))</td><td>\(h(r.languages))</td></tr>"
                    )
                }
                out += ["</tbody>", "</table>"]
            }
            out += ["</body>", "</html>", ""]
            return out.joined(separator: "\n")
        }
    }
}

extension PrintableProgramme {
    /// Text for a Markdown document: escaped by `DisplayText`, HTML's `&`, `<`, `>` as entities,
    /// and a backslash before every character that Markdown reads as syntax.
    static func markdownText(_ s: String) -> String {
        var out = ""
        for c in DisplayText.escaped(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }
}
