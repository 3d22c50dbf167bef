import AppCore
import Localization
import MeetingModel
import MeetingTime
import Rendering
import Scheduling

/// The programme builder: one meeting day on the grid (rulers in UTC, the host's zone and a third
/// zone), sessions as blocks in their rooms, the selected session's cost at every start of the
/// day, then its detail, or a panel (conflicts, history, comparison).
struct BuilderView {
    let state: AppState
    let options: RenderOptions

    static let labelWidth = 9

    func render(into b: inout ScreenBuffer, area: Rect) {
        let builder = state.builder, l = state.l10n
        guard let model = builder.model, let current = builder.current else {
            let text = builder.failure.map { l("builder.failed", ["why": $0.text(l)]) } ?? l("builder.loading")
            b.put(text, x: area.x, y: area.y, style: Style(builder.failure == nil ? .dim : .error), clip: area)
            return
        }
        let problem = model.problem, plan = current.plan
        var y = area.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < area.maxY else { return }
            b.put(text, x: area.x, y: y, style: style, clip: Rect(x: area.x, y: y, width: area.width, height: 1))
            y += 1
        }

        // Header: which programme, its score, the last change.
        let version =
            builder.published.map { l("builder.published", ["version": "\($0.version)"]) } ?? l("builder.unpublished")
        var header = l(
            "builder.header",
            ["version": version, "hard": "\(current.score.hard)", "soft": String(format: "%.1f", current.score.soft)])
        if let d = builder.delta { header += " · Δ " + scoreChangeText(d, l) }
        header += l("builder.pinned", ["count": "\(current.pinned.count)"])
        if builder.violationsFresh { header += l.plural("builder.conflicts", builder.violations.count) }
        line(header, Style(current.score.hard > 0 ? .error : .title, bold: true))

        let day =
            problem.meeting.days.indices.contains(builder.day)
            ? problem.meeting.days[builder.day] : problem.meeting.firstDay
        line(
            l(
                "builder.day-line",
                [
                    "day": l.shortDay(day), "year": "\(day.year)", "n": "\(builder.day + 1)",
                    "count": "\(problem.dayCount)",
                ]), Style(.dim))

        // The visible columns: one per cell, from an hour boundary near the daily window.
        let cells = model.dayCells[builder.day]
        let width = max(0, area.width - Self.labelWidth)
        let first = Self.firstColumn(model: model, plan: plan, selected: builder.selected, cells: cells, width: width)
        let shown = first..<min(cells.upperBound, first + width)
        let x0 = area.x + Self.labelWidth

        // Rulers.
        var zones: [(String, ZoneClock?)] = [("UTC", nil), (Self.short(problem.meeting.hostZone), model.clock.host)]
        if let z = builder.thirdZone, let clock = try? model.clock.clock(for: z) {
            zones.append((Self.short(z), clock))
        }
        for (name, clock) in zones where y < area.maxY {
            b.put(
                TextWidth.truncated(name, to: Self.labelWidth - 1), x: area.x, y: y, style: Style(.accent), clip: area)
            var free = x0
            for c in shown {
                let t = problem.instant(ofCell: c)
                let local = clock?.local(at: t) ?? LocalDateTime(localSeconds: t.seconds)
                let x = x0 + c - first
                guard local.minute == 0, x >= free, x + 2 <= area.maxX else { continue }
                let text = local.hour < 10 ? "0\(local.hour)" : "\(local.hour)"
                b.put(text, x: x, y: y, style: Style(local.day == day || clock == nil ? .dim : .warning), clip: area)
                free = x + 3
            }
            y += 1
        }

        // Rooms with their sessions. Sessions that overlap in one room are never hidden one
        // under the other (issue 17 §3): the room takes a row per session at once ("lane"),
        // the extra rows marked; the blocks there are conflicts and drawn so.
        let conflicted = builder.conflicted
        let inView = problem.items.indices.filter {
            plan.starts[$0] >= 0 && plan.starts[$0] < shown.upperBound
                && plan.starts[$0] + problem.items[$0].length > shown.lowerBound
        }
        var lane = [Int: Int](), lanes = [Int](repeating: 1, count: model.roomNames.count)
        for r in model.roomNames.indices {
            var ends: [Int] = []  // per lane, where its last block ends
            for s in inView.filter({ plan.rooms[$0] == r }).sorted(by: { (plan.starts[$0], $0) < (plan.starts[$1], $1) }
            ) {
                let i = ends.firstIndex { $0 <= plan.starts[s] } ?? ends.count
                if i == ends.count { ends.append(0) }
                ends[i] = plan.starts[s] + problem.items[s].length
                lane[s] = i
            }
            lanes[r] = max(1, ends.count)
        }
        var rowOf = [Int](repeating: area.maxY, count: model.roomNames.count)
        for (r, room) in model.roomNames.enumerated() {
            for extra in 0..<lanes[r] where y < area.maxY {
                if extra == 0 { rowOf[r] = y }
                let label = extra == 0 ? l("builder.room", ["room": room]) : l("builder.room-overlap", ["room": room])
                b.put(
                    TextWidth.truncated(label, to: Self.labelWidth - 1), x: area.x, y: y,
                    style: extra == 0 ? Style(.dim) : Style(.error, bold: true), clip: area)
                for dot in shown where (dot * problem.cellMinutes) % 60 == 0 {
                    b.put("·", x: x0 + dot - first, y: y, style: Style(.dim), clip: area)
                }
                y += 1
            }
        }
        // Blocks of the sessions in view (the selected one last, on top).
        for s in inView.filter({ $0 != builder.selected })
            + (inView.contains(builder.selected) ? [builder.selected] : [])
        {
            let row = rowOf[plan.rooms[s]] + (lane[s] ?? 0)
            guard row < y else { continue }
            drawBlock(
                &b, s, y: row, first: first, shown: shown, x0: x0, area: area, conflicted: conflicted,
                current: current, model: model)
        }

        // The selected session's cost at every start of the day.
        if y < area.maxY {
            // While the heat of an edit is being computed (the next frame), the last one stays, marked.
            b.put(
                l("builder.cost") + (builder.heatStale ? "…" : ""), x: area.x, y: y, style: Style(.accent), clip: area)
            let finite = builder.heat.compactMap { $0 }.filter { $0.hard <= current.score.hard }
            let low = finite.map(\.soft).min() ?? 0, high = finite.map(\.soft).max() ?? 0
            for c in shown {
                let i = c - cells.lowerBound
                guard builder.heat.indices.contains(i), let score = builder.heat[i] else { continue }
                let glyph: String, role: ColorRole
                if score.hard > current.score.hard {
                    (glyph, role) = ("×", .error)
                } else {
                    let f = high > low ? (score.soft - low) / (high - low) : 0
                    (glyph, role) =
                        f < 0.25 ? ("▁", .core) : f < 0.5 ? ("▄", .shoulder) : f < 0.75 ? ("▆", .night) : ("█", .night)
                }
                let cursor = c == plan.starts[builder.selected]
                b.put(glyph, x: x0 + c - first, y: y, style: Style(role, reverse: cursor), clip: area)
            }
            y += 1
        }

        let rest = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        if let panel = builder.panel {
            renderPanel(panel, into: &b, area: rest, model: model)
        } else {
            renderDetail(into: &b, area: rest, model: model, current: current, day: day)
        }
        if let solver = builder.solver { renderSolver(solver, into: &b, area: area, current: current) }
    }

    private func drawBlock(
        _ b: inout ScreenBuffer, _ s: Int, y: Int, first: Int, shown: Range<Int>, x0: Int, area: Rect,
        conflicted: Set<String>, current: BuilderSnapshot, model: BuilderModel
    ) {
        let item = model.problem.items[s], start = current.plan.starts[s]
        let lower = max(start, shown.lowerBound), upper = min(start + item.length, shown.upperBound)
        guard lower < upper else { return }
        let span = lower..<upper
        let selected = s == state.builder.selected
        let pin = current.pinned.contains(s) ? "*" : "", room = max(0, item.length - 2)
        let labels = Self.blockLabels(item.session).map { pin + $0 }
        var text = "[" + (labels.first { TextWidth.of($0) <= room } ?? TextWidth.truncated(labels.last!, to: room))
        let fill = String(repeating: " ", count: max(0, item.length - 1 - TextWidth.of(text)))
        text += fill + "]"
        let role: ColorRole = conflicted.contains(item.session.id) ? .error : .session
        let clip = Rect(x: x0 + span.lowerBound - first, y: y, width: span.count, height: 1)
        b.put(
            text, x: x0 + start - first, y: y, style: Style(role, bold: selected, reverse: selected),
            clip: clip.intersection(area))
    }

    private func renderDetail(
        into b: inout ScreenBuffer, area: Rect, model: BuilderModel, current: BuilderSnapshot, day: CalendarDay
    ) {
        let builder = state.builder, problem = model.problem, s = builder.selected, item = problem.items[s]
        var y = area.y
        func line(_ text: String, _ style: Style = .normal) {
            guard y < area.maxY else { return }
            b.put(text, x: area.x, y: y, style: style, clip: Rect(x: area.x, y: y, width: area.width, height: 1))
            y += 1
        }
        let start = current.plan.starts[s]
        let l = state.l10n
        let flags =
            (current.pinned.contains(s) ? l("builder.flag-pinned") : "") + (item.isFixed ? l("builder.flag-fixed") : "")
        let name =
            item.session.kind == .body
            ? "\(model.finder.label(s)) · \(item.session.title)" : "\(item.session.id) · \(item.session.title)"
        line(
            name + l("builder.minutes", ["count": "\(item.session.durationMinutes)"]) + flags, Style(.title, bold: true)
        )
        if start >= 0 {
            let t = problem.instant(ofCell: start), end = t.adding(minutes: item.session.durationMinutes)
            let utc = LocalDateTime(localSeconds: t.seconds)
            var when = l(
                "builder.when",
                [
                    "day": l.shortDay(utc.day), "time": utc.timeText,
                    "end": LocalDateTime(localSeconds: end.seconds).timeText,
                    "room": model.roomNames[current.plan.rooms[s]],
                ])
            for zone in [problem.meeting.hostZone] + (builder.thirdZone.map { [$0] } ?? []) {
                if let clock = try? model.clock.clock(for: zone) {
                    let local = clock.local(at: t)
                    when +=
                        " · \(local.timeText)\(local.day != utc.day ? " (\(l.shortWeekday(local.day)))" : "") \(zone)"
                }
            }
            line(when)
            let burden = l("builder.burden", ["points": "\(problem.burdenCost(s, cell: start))"])
            let night = builder.night.prefix(12).map { "\($0.code) \($0.minutes)" }.joined(separator: ", ")
            line(
                builder.night.isEmpty
                    ? burden + l("builder.no-night")
                    : burden
                        + l(
                            "builder.night",
                            [
                                "count": "\(builder.night.count)",
                                "list": night + (builder.night.count > 12 ? ", …" : ""),
                            ]),
                Style(builder.night.isEmpty ? .core : .warning))
            let cells = model.dayCells[builder.day]
            if let best = builder.heat.indices.filter({ builder.heat[$0] != nil }).min(by: {
                builder.heat[$0]! < builder.heat[$1]!
            }) {
                let score = builder.heat[best]!, t = problem.instant(ofCell: cells.lowerBound + best)
                let d = Score(hard: score.hard - current.score.hard, soft: score.soft - current.score.soft)
                line(
                    cells.lowerBound + best == start
                        ? l("builder.cheapest-here")
                        : l(
                            "builder.cheapest",
                            ["time": LocalDateTime(localSeconds: t.seconds).timeText, "change": scoreChangeText(d, l)]),
                    Style(.dim))
            }
        } else {
            line(l("builder.not-placed"), Style(.warning))
        }
        for v in builder.focused { line(v.text(l), Style(.error)) }
        if builder.focused.isEmpty && current.score.hard > 0 {
            line(l("builder.broken-elsewhere", ["count": "\(current.score.hard)"]), Style(.warning))
        }
    }

    private func renderPanel(_ panel: BuilderPanel, into b: inout ScreenBuffer, area: Rect, model: BuilderModel) {
        guard area.height > 0 else { return }
        let builder = state.builder, l = state.l10n
        var rows: [(String, Style)] = []
        let title: String
        switch panel {
        case .conflicts:
            title =
                builder.violations.isEmpty
                ? l("builder.no-conflicts") : l("builder.conflicts-title", ["count": "\(builder.violations.count)"])
            rows = builder.violations.map { ($0.text(l), Style(.error)) }
        case .history:
            title = l("builder.history-title", ["count": "\(builder.history.count)"])
            rows = builder.history.enumerated().map { i, h in
                (
                    (i == builder.position ? "▶ " : "  ") + "\(i). \(h.label.text(l)) · " + h.score.text(l),
                    Style(i == builder.position ? .accent : .normal)
                )
            }
        case .compare:
            guard let c = builder.comparison else { title = l("builder.nothing-to-compare"); break }
            title = l.plural("builder.compare-title", c.changes.count, ["version": "\(c.version)"])
            rows = c.changes.map { ch in
                let at = { (p: Placement?) in p.map { "\(self.when($0.start)) \($0.room)" } ?? "—" }
                let who = ch.delegations.prefix(8).joined(separator: ",") + (ch.delegations.count > 8 ? ",…" : "")
                return (
                    l(
                        "builder.change-line",
                        [
                            "session": ch.sessionID,
                            "kind": l("change." + ch.kind.rawValue.replacingOccurrences(of: " ", with: "-")),
                            "before": at(ch.before), "after": at(ch.after), "count": "\(ch.delegations.count)",
                            "who": who,
                        ]), Style(.warning)
                )
            }
        }
        b.put(
            title, x: area.x, y: area.y, style: Style(.title, bold: true),
            clip: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        var body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if panel == .compare, let c = builder.comparison, body.height > 3 {
            // The changes on top, burden per delegation side by side below.
            let (top, bottom) = body.splitTop(max(1, min(rows.count, body.height / 2)))
            body = top
            let table = Table(
                columns: [
                    Table.Column(l("column.delegation"), minWidth: 4),
                    Table.Column(
                        l("column.burden-version", ["version": "\(c.version)"]), minWidth: 6, alignRight: true),
                    Table.Column(l("column.draft"), minWidth: 6, alignRight: true),
                    Table.Column("Δ", minWidth: 6, alignRight: true),
                    Table.Column(l("column.night-change", ["version": "\(c.version)"]), minWidth: 10, alignRight: true),
                ],
                rows: c.rows.map { r in
                    [
                        r.code, "\(r.published)", "\(r.draft)",
                        r.draft == r.published ? "0" : (r.draft > r.published ? "+" : "") + "\(r.draft - r.published)",
                        "\(r.publishedNight)→\(r.draftNight) min",
                    ]
                })
            table.render(into: &b, area: bottom)
        }
        let selectedRow = min(builder.panelRow, max(0, rows.count - 1))
        let firstRow = max(0, min(selectedRow - body.height / 2, rows.count - body.height))
        for (i, (text, style)) in rows.enumerated().dropFirst(firstRow).prefix(max(0, body.height)) {
            var st = style
            st.reverse = i == selectedRow
            b.put(TextWidth.truncated(text, to: body.width), x: body.x, y: body.y + i - firstRow, style: st, clip: body)
        }
    }

    private func renderSolver(_ solver: SolverStatus, into b: inout ScreenBuffer, area: Rect, current: BuilderSnapshot)
    {
        let width = min(area.width, 64), l = state.l10n
        func progress(iteration: Int, elapsed: Double, best: Score?, limit: Double, cancelling: Bool) {
            let barWidth = max(0, width - 4)
            let filled = min(barWidth, Int(Double(barWidth) * min(1, elapsed / max(0.001, limit))))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            let lines: [(String, Style)] = [
                (l("solver.replanning"), .normal),
                (bar, Style(.accent)),
                (
                    l(
                        "solver.time",
                        ["elapsed": String(format: "%.1f", elapsed), "limit": String(format: "%.0f", limit)])
                        + (iteration > 0 ? l("solver.steps", ["count": "\(iteration)"]) : ""), Style(.dim)
                ),
                (l("solver.best", ["score": best.map { "\($0)" } ?? "—"]), .normal),
                cancelling ? (l("solver.stopping"), Style(.warning)) : (l("solver.esc"), Style(.hint)),
            ]
            Dialog(title: l("solver.title"), lines: lines, width: width).render(
                into: &b, area: area, borders: options.borders)
        }
        switch solver {
        case .running(let iteration, let elapsed, let best, let limit):
            progress(iteration: iteration, elapsed: elapsed, best: best, limit: limit, cancelling: false)
        case .cancelling(let elapsed, let best):
            progress(iteration: 0, elapsed: elapsed, best: best, limit: builderSolverSeconds, cancelling: true)
        case .proposal(_, let score, let moved, let stop, let why):
            let d = Score(hard: score.hard - current.score.hard, soft: score.soft - current.score.soft)
            let list = moved.prefix(10).joined(separator: ", ") + (moved.count > 10 ? ", …" : "")
            Dialog(
                title: l("proposal.title"),
                lines: [
                    (l.plural("proposal.moved", moved.count) + (moved.isEmpty ? "" : ": " + list), .normal),
                    (
                        l(
                            "proposal.score",
                            ["before": current.score.text(l), "after": score.text(l), "change": scoreChangeText(d, l)]),
                        Style(d.hard > 0 || (d.hard == 0 && d.soft > 0) ? .warning : .core)
                    ),
                    (l("proposal.stopped", ["why": l(stop.catalogKey)]), Style(.dim)),
                ] + why.map { ($0.text(l), Style(.warning)) } + [(l("proposal.keys"), Style(.hint))], width: width
            ).render(into: &b, area: area, borders: options.borders)
        }
    }

    // MARK: Helpers

    /// "Tue 22 Jun 10:00" (UTC).
    func when(_ t: Instant) -> String {
        let utc = LocalDateTime(localSeconds: t.seconds)
        return "\(state.l10n.shortDay(utc.day)) \(utc.timeText)"
    }

    /// "Moscow" for "Europe/Moscow".
    static func short(_ zone: String) -> String {
        String(zone.split(separator: "/").last ?? Substring(zone)).replacingOccurrences(of: "_", with: " ")
    }

    /// What a block can say of its session, longest first: "WGM S03", "WGM"; "S01 Opening Session", "S01".
    static func blockLabels(_ s: Session) -> [String] {
        if s.kind == .body, let body = s.bodies.first { return ["\(body) \(s.id)", body] }
        return ["\(s.id) \(s.title)", s.id]
    }

    /// The first cell shown: an hour boundary an hour before the daily window, moved so that the
    /// selected session is in view when it is on this day.
    static func firstColumn(model: BuilderModel, plan: Plan, selected: Int, cells: Range<Int>, width: Int) -> Int {
        let p = model.problem
        guard cells.count > width, width > 0 else { return cells.lowerBound }
        let perHour = max(1, 60 / p.cellMinutes)
        let windowStart = p.meeting.dailyWindow.start.minutes / p.cellMinutes
        let dayStartUTC =
            cells.lowerBound - ((p.origin.minutes + cells.lowerBound * p.cellMinutes) % 1440) / p.cellMinutes
        var first = dayStartUTC + windowStart - perHour
        let s = plan.starts[selected], length = p.items[selected].length
        if s >= 0, cells.contains(s), s < first || s + length > first + width {
            first = s - width / 4
        }
        first -= ((first - dayStartUTC) % perHour + perHour) % perHour
        return max(cells.lowerBound, min(cells.upperBound - width, first))
    }
}
