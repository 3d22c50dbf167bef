import Foundation
import Localization
import MeetingModel
import MeetingTime
import Rendering

/// The `zones --at` table: every delegation's local reading at one instant.
enum ZoneTable {
    /// In the language of `l` (LANG for the command line): headings, weekdays and bands.
    static func text(
        _ readings: [ZoneReading], at instant: Instant, clock: MeetingClock, meeting: Meeting, l: Localizer = .english
    ) -> String {
        let host = clock.hostLocal(at: instant)
        var out =
            l(
                "zones.heading",
                [
                    "instant": "\(instant)", "day": "\(l.shortWeekday(host.day)) \(host.day)", "time": host.timeText,
                    "zone": meeting.hostZone,
                ]) + "\n\n"
        let rows = readings.map { r -> [String] in
            let local =
                "\(r.local.day) \(r.local.timeText) \(l.shortWeekday(r.local.day))"
                + (r.dayOffset == 0 ? "" : " " + l.dayOffset(r.dayOffset))
            return [
                r.delegation, r.zone, local, "UTC" + offsetText(seconds: r.offsetSeconds), l("band." + r.band.rawValue),
                meeting.delegation(r.delegation)?.name ?? "",
            ]
        }
        out += TextTable.render(
            header: ["column.code", "column.zone", "column.local", "column.offset", "column.band", "column.name"].map {
                l($0)
            }, rows: rows)
        let counts = ComfortBand.allCases.map { band in
            "\(readings.filter { $0.band == band }.count) \(l("band." + band.rawValue))"
        }
        out += "\n" + l.plural("zones.count", readings.count, ["list": counts.joined(separator: ", ")]) + "\n"
        return out
    }

    /// JSON: `[{"delegation", "zone", "local", "offset_minutes", "band"}]`.
    static func json(_ readings: [ZoneReading]) throws -> String {
        struct Row: Encodable {
            let delegation: String
            let zone: String
            let local: String
            let offset_minutes: Int
            let band: String
        }
        let rows = readings.map {
            Row(
                delegation: $0.delegation, zone: $0.zone, local: $0.isoLocal, offset_minutes: $0.offsetSeconds / 60,
                band: $0.band.rawValue)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }
}

/// Left-aligned columns separated by two spaces, measured in terminal columns (a CJK name takes
/// two per character); control characters in data are never printed; the last column is not padded.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map(TextWidth.visible) }
        let widths = header.indices.map { c in all.map { TextWidth.of($0[c]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : TextWidth.padded(cell, to: widths[c])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// `s` padded with spaces to `width` characters (a space added when it is already that long, for
/// tables whose columns must stay apart).
func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + (s.count == width ? "" : " ") : s + String(repeating: " ", count: width - s.count)
}

/// `s` right-aligned in `width` characters.
func leftPad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

/// `s` cut to `width` characters, the last one an ellipsis when cut.
func clip(_ s: String, _ width: Int) -> String { s.count <= width ? s : String(s.prefix(width - 1)) + "…" }
