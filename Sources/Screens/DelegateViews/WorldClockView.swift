import AppCore
import Localization
import MeetingModel
import MeetingTime
import Rendering

/// One row per delegation, grouped by UTC offset, 24 hourly cells in UTC coloured by comfort
/// band; the selected day's sessions on top; at the cursor hour, every group's local time.
struct WorldClockView {
    let state: AppState

    static func role(_ band: ComfortBand) -> ColorRole {
        switch band {
        case .core: .core
        case .shoulder: .shoulder
        case .night: .night
        }
    }

    func render(into b: inout ScreenBuffer, area: Rect) {
        guard let data = state.data, !area.isEmpty else { return }
        let m = data.meeting, clock = data.clock
        let day = m.days[min(state.views.clockDay, m.days.count - 1)]
        let labelWidth = min(26, max(8, area.width / 4))
        let cell = max(1, min(3, (area.width - labelWidth) / 24))
        let hourX = { (h: Int) in area.x + labelWidth + h * cell }
        b.put(
            TextWidth.truncated(
                state.l10n(
                    "clock.heading",
                    ["day": state.l10n.shortDay(day), "hour": String(format: "%02d", state.views.clockHour)]),
                to: area.width),
            x: area.x, y: area.y, style: Style(.title, bold: true))
        // Hour ruler and the day's sessions.
        for h in 0..<24 where cell >= 2 || h % 3 == 0 {
            b.put(
                String(format: "%02d", h), x: hourX(h), y: area.y + 1,
                style: h == state.views.clockHour ? Style(.selected, reverse: true) : Style(.dim), clip: area)
        }
        let start = day.startInUTC
        var sessionsRow = Array(repeating: " ", count: 24)
        for p in data.placed {
            for h in 0..<24 {
                let a = start.adding(minutes: h * 60), z = a.adding(minutes: 60)
                if p.placement.start < z && a < p.end { sessionsRow[h] = "■" }
            }
        }
        b.put(state.l10n("clock.sessions"), x: area.x, y: area.y + 2, style: Style(.dim), clip: area)
        for h in 0..<24 where sessionsRow[h] != " " {
            b.put(
                String(repeating: "■", count: cell), x: hourX(h), y: area.y + 2, style: Style(.session, bold: true),
                clip: area)
        }
        // Delegations, grouped by their offset at the cursor hour.
        let at = start.adding(minutes: state.views.clockHour * 60)
        let rows = m.delegations.map { d in (d, (try? clock.reading(zone: d.zone, delegation: d.code, at: at))) }
            .sorted { ($0.1?.offsetSeconds ?? 0, $0.0.code) < ($1.1?.offsetSeconds ?? 0, $1.0.code) }
        // At the cursor: each offset group's local time.
        var groups: [(Int, String, [String])] = []
        for (d, r) in rows {
            guard let r else { continue }
            if let last = groups.last, last.0 == r.offsetSeconds {
                groups[groups.count - 1].2.append(d.code)
            } else {
                groups.append((r.offsetSeconds, r.local.timeText + state.l10n.dayOffset(r.dayOffset), [d.code]))
            }
        }
        // Wrapped between codes, never inside one (issue 17 §5: "I,GH" was cut across lines).
        var pieces: [(text: String, gap: String)] = []
        for (g, group) in groups.enumerated() {
            for (i, code) in group.2.enumerated() {
                // A time stays with its first code; the codes follow, comma-separated.
                let text = (i == 0 ? group.1 + " " : "") + code + (i < group.2.count - 1 ? "," : "")
                pieces.append((text, i > 0 ? "" : g == 0 ? "" : " · "))
            }
        }
        var lines: [String] = [], line = "", used = 0
        for p in pieces {
            let w = TextWidth.of(p.text), gap = used == 0 ? "" : p.gap
            if used > 0, used + TextWidth.of(gap) + w > area.width {
                lines.append(line)
                line = p.text
                used = w
            } else {
                line += gap + p.text
                used += TextWidth.of(gap) + w
            }
        }
        if used > 0 { lines.append(line) }
        let listTop = area.y + 3
        // Every group's time is shown: the foot takes the lines it needs (at least 3 where
        // there is room), the delegations' rows keep at least 3.
        let footHeight = min(max(3, lines.count), max(0, area.maxY - listTop - 3), max(0, area.maxY - listTop - 1))
        let listHeight = max(0, area.maxY - listTop - footHeight)
        let first = min(state.views.clockRow, max(0, rows.count - listHeight))
        let grid = HeatGrid(
            rows: rows.map { d, reading in
                let zc = try? clock.clock(for: d.zone)
                let bands = (0..<24).map { h -> ColorRole in
                    guard let zc else { return .dim }
                    return Self.role(clock.bandOfMinute[zc.local(at: start.adding(minutes: h * 60 + 30)).minuteOfDay])
                }
                return HeatGrid.Row(
                    label: "\(reading.map { offsetText(seconds: $0.offsetSeconds) } ?? "") \(d.code) \(d.name)",
                    cells: bands)
            },
            labelWidth: labelWidth, cellWidth: cell, cursorColumn: state.views.clockHour, firstRow: first,
            glyphs: [.core: "█", .shoulder: "▒", .night: "░"])
        grid.render(into: &b, area: Rect(x: area.x, y: listTop, width: area.width, height: listHeight))
        var y = area.maxY - footHeight
        for line in lines where y < area.maxY {
            b.put(TextWidth.truncated(line, to: area.width), x: area.x, y: y, style: Style(.accent), clip: area)
            y += 1
        }
    }
}
