import Foundation
import MeetingModel
import MeetingTime

/// The `zones --overlap` chart: rows per delegation grouped by offset, columns of one UTC day.
struct OverlapChart {
    /// Characters for the three bands.
    struct Glyphs {
        let core: Character, shoulder: Character, night: Character
        static let blocks = Glyphs(core: "█", shoulder: "▒", night: "·")
        static let ascii = Glyphs(core: "#", shoulder: "+", night: ".")
        func glyph(_ band: ComfortBand) -> Character {
            switch band {
            case .core: core
            case .shoulder: shoulder
            case .night: night
            }
        }
    }

    let view: OverlapDay
    let meeting: Meeting
    let clock: MeetingClock
    let glyphs: Glyphs

    /// Columns of three characters when there are at most 24 of them, else one.
    private var cellWidth: Int { view.columns.count <= 24 ? 3 : 1 }
    private static let labelWidth = 28

    var text: String {
        let bands = meeting.comfort, l = CLILanguage.current
        var out =
            l(
                "cli.overlap.heading",
                [
                    "day": "\(view.day) \(l.shortWeekday(view.day))", "step": "\(view.step)",
                    "core": "\(glyphs.core) \(l("band.core")) \(list(bands.core))",
                    "shoulder": "\(glyphs.shoulder) \(l("band.shoulder")) \(list(bands.shoulder))",
                    "night": "\(glyphs.night) \(l("band.night"))",
                ]) + "\n\n"
        out += pad("UTC", Self.labelWidth) + ruler() + "\n"
        for group in view.groups {
            out += "UTC\(offsetText(seconds: group.offsetSeconds))  (\(group.rows.count))\n"
            for row in group.rows {
                let label = "  " + pad(row.delegation, 6) + clip(row.zone, Self.labelWidth - 8)
                let cells = row.bands.map {
                    String(repeating: String(glyphs.glyph($0)), count: cellWidth - (cellWidth > 1 ? 1 : 0))
                }
                out += pad(label, Self.labelWidth) + cells.map { cellWidth > 1 ? " " + $0 : $0 }.joined() + "\n"
            }
        }
        if cellWidth > 1 {
            out +=
                pad(l("cli.overlap.in-core"), Self.labelWidth)
                + view.coreCounts.map { leftPad(String($0), cellWidth) }.joined() + "\n"
        }
        out += "\n" + summary()
        return out
    }

    private func summary() -> String {
        let w = meeting.comfort.weights, l = CLILanguage.current
        var out =
            l(
                "cli.overlap.windows",
                [
                    "minutes": "\(view.windowMinutes)", "count": "\(meeting.delegations.count)",
                    "shoulder": "\(w.shoulder)",
                    "night": "\(w.night)", "daily": "\(meeting.dailyWindow)",
                ]) + "\n"
        func line(_ win: OverlapDay.Window) -> String {
            let hostStart = clock.hostLocal(at: win.range.start), hostEnd = clock.hostLocal(at: win.range.end)
            let utc = "\(clock(win.range.start))-\(clock(win.range.end)) UTC"
            let host = "\(hostStart.timeText)-\(hostEnd.timeText) \(meeting.hostZone)"
            return "  \(utc)  (\(host))  "
                + l(
                    "cli.overlap.window",
                    ["burden": "\(win.weighted)", "core": "\(win.allCore)", "night": "\(win.withNight)"])
                + (win.insideDailyWindow ? "" : "  " + l("cli.overlap.outside")) + "\n"
        }
        out += l("cli.overlap.best") + "\n" + view.best(3).map(line).joined()
        out += l("cli.overlap.worst") + "\n" + view.worst(3).map(line).joined()
        return out
    }

    private func clock(_ t: Instant) -> String { LocalDateTime(localSeconds: t.seconds).timeText }

    private func list(_ ranges: [ClockRange]) -> String { ranges.map(\.description).joined(separator: ", ") }

    /// Hour labels above the columns.
    private func ruler() -> String {
        if cellWidth > 1 {
            return view.columns.map { " " + String(clock($0).prefix(cellWidth - 1)) }.joined()
        }
        let perHour = max(1, 60 / view.step)
        var out = ""
        for (i, column) in view.columns.enumerated() where i % perHour == 0 {
            let label = String(clock(column).prefix(2))
            out += perHour >= 3 ? pad(label, perHour) : (i % (2 * perHour) == 0 ? pad(label, 2 * perHour) : "")
        }
        return out.trimmingTrailingSpaces()
    }

    /// JSON: the columns, the rows (grouped data flattened) and the windows.
    static func json(_ view: OverlapDay) throws -> String {
        struct Row: Encodable { let delegation: String; let zone: String; let offset_minutes: Int; let bands: [String] }
        struct Window: Encodable {
            let start: String; let end: String; let weighted_burden: Int; let all_core: Int; let with_night: Int;
            let inside_daily_window: Bool
        }
        struct Chart: Encodable {
            let day: String; let step_minutes: Int; let columns: [String]; let rows: [Row]; let windows: [Window]
        }
        let chart = Chart(
            day: view.day.description, step_minutes: view.step, columns: view.columns.map(\.description),
            rows: view.rows.map {
                Row(
                    delegation: $0.delegation, zone: $0.zone, offset_minutes: $0.offsetSeconds / 60,
                    bands: $0.bands.map(\.rawValue))
            },
            windows: view.windows.map {
                Window(
                    start: $0.range.start.description, end: $0.range.end.description, weighted_burden: $0.weighted,
                    all_core: $0.allCore, with_night: $0.withNight, inside_daily_window: $0.insideDailyWindow)
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(chart), as: UTF8.self)
    }
}
