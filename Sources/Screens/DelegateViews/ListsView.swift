import AppCore
import Localization
import MeetingModel
import MeetingTime
import Rendering

/// My schedule (the sessions I attend) or the whole programme, day by day in the zone shown,
/// with a now/next line; the selected session's detail in a box.
struct ListsView {
    let state: AppState
    let mineOnly: Bool

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        guard let data = state.data else { return }
        let lines = visibleLines(state)
        let (head, body) = area.splitTop(2)
        let l = state.l10n
        let title =
            mineOnly
            ? l.plural("lists.sessions", lines.count, ["name": data.me.displayName, "delegation": data.me.delegation])
            : "\(data.meeting.title)"
        b.put(TextWidth.truncated(title, to: head.width), x: head.x, y: head.y, style: Style(.title, bold: true))
        b.put(
            TextWidth.truncated(l("lists.times-in", ["zone": zoneLabel(state)]), to: head.width), x: head.x,
            y: head.y + 1, style: Style(.dim))
        guard data.programme != nil else {
            b.put(TextWidth.truncated(l("lists.not-published"), to: body.width), x: body.x, y: body.y, clip: body)
            return
        }
        // My sessions at the same time as another of mine (issue 17 §6): marked, and the first
        // pair said in words with whether my delegation's registered delegates cover both.
        let clashes = mineOnly ? state.myClashes() : []
        let clashing = Set(clashes.flatMap { [$0.0.session.id, $0.1.session.id] })
        let (foot, table) = body.splitBottom(mineOnly ? (clashes.isEmpty ? 2 : 3) : 1)
        // Now and next describe the programme, whatever the search shows (issue 17 §7).
        let (current, next) =
            state.views.search == nil
            ? state.nowNext(lines) : state.nowNext(state.lines(mineOnly: mineOnly, clock: data.clock, searched: false))
        var nowLine: String
        if let c = current {
            nowLine = l(
                "lists.now", ["session": "\(c.session.id) \(c.session.title)", "time": c.finish.local.timeText])
        } else {
            nowLine = l("lists.now-none")
        }
        if let n = next {
            let minutes = state.now.minutes(to: n.placement.start)
            let inText =
                minutes < 60
                ? l("lists.in-minutes", ["minutes": "\(minutes)"])
                : minutes < 48 * 60
                    ? l("lists.in-hours", ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"])
                    : l.plural("lists.in-days", minutes / 1440)
            nowLine += l(
                "lists.next",
                [
                    "session": n.session.id, "day": l.shortDay(n.start.local.day), "time": n.start.local.timeText,
                    "when": inText,
                ])
        }
        // The session to join now or next, once its link is out: J opens it (on its row) or t
        // takes the cursor there first.
        if let target = [current, next].compactMap({ $0 }).first(where: { $0.mine }),
            state.joinLink(for: target) != nil
        {
            let row = mineOnly ? state.views.scheduleRow : state.views.programmeRow
            let selected = lines.indices.contains(row) && lines[row].session.id == target.session.id
            nowLine += l(selected ? "lists.join-hint" : "lists.join-hint-go", ["session": target.session.id])
        }
        b.put(TextWidth.truncated(nowLine, to: foot.width), x: foot.x, y: foot.y, style: Style(.accent), clip: foot)
        if mineOnly, foot.height > 1 {
            let night = state.myNightMinutes
            b.put(
                TextWidth.truncated(l.plural("lists.night", night, ["zone": data.me.zone]), to: foot.width),
                x: foot.x, y: foot.y + 1, style: Style(night > 0 ? .night : .dim), clip: foot)
        }
        if let (one, other) = clashes.first, foot.height > 2 {
            let registered = data.colleagues.count
            let values = [
                "first": one.session.id, "second": other.session.id, "day": l.shortDay(other.start.local.day),
                "time": other.start.local.timeText, "delegation": data.me.delegation,
            ]
            let text = l.plural(registered >= 2 ? "lists.clash-covered" : "lists.clash-short", registered, values)
            b.put(
                TextWidth.truncated(text, to: foot.width), x: foot.x, y: foot.y + 2,
                style: Style(registered >= 2 ? .warning : .error, bold: registered < 2), clip: foot)
        }
        // Only the rows on screen are formatted (a programme can have a thousand).
        let selectedRow =
            lines.isEmpty ? nil : min(mineOnly ? state.views.scheduleRow : state.views.programmeRow, lines.count - 1)
        let shown = max(0, table.height - 1)
        let window = Table(columns: [], rows: Array(repeating: [], count: lines.count), selected: selectedRow).offset(
            forHeight: shown)
        let slice = lines.indices.clamped(to: window..<min(lines.count, window + shown))
        let rows = lines[slice].map { l -> [String] in
            let offset = l.start.dayOffset == 0 ? "" : " " + state.l10n.dayOffset(l.start.dayOffset)
            var row = [
                state.l10n.shortDay(l.start.local.day), "\(l.start.local.timeText)-\(l.finish.local.timeText)\(offset)",
                (clashing.contains(l.session.id) ? "⚠ " : "") + "\(l.session.id) \(l.session.title)",
                l.session.bodies.joined(separator: "+"), l.languages.joined(separator: " "),
            ]
            // My channel, with the platform's number for it where the room numbers channels.
            let number = mineOnly ? state.join(for: l)?.channelNumber : nil
            row.append(mineOnly ? l.channel + (number.map { " \($0)" } ?? "") : (l.mine ? "●" : ""))
            return row
        }
        let styles = lines[slice].map { $0.end <= state.now ? Style(.dim) : Style.normal }
        Table(
            columns: [
                // The date and the time with its "(+1 day)" are never cut; on a narrow screen the
                // session's title shrinks, then the languages and the body give way (issue 17 §5).
                Table.Column(l("column.day"), minWidth: 6, keep: true),
                Table.Column(l("column.time"), minWidth: 11, keep: true),
                Table.Column(l("column.session"), minWidth: 8, grow: 1, comfortable: 24),
                Table.Column(l("column.body"), minWidth: 3, optional: true),
                Table.Column(l("column.languages"), minWidth: 5, optional: true),
                Table.Column(l(mineOnly ? "column.channel" : "column.mine"), minWidth: 2),
            ], rows: rows, rowStyles: styles, selected: selectedRow.map { $0 - slice.lowerBound }
        ).render(into: &b, area: table)
        if lines.isEmpty {
            b.put(
                l(state.views.search != nil ? "lists.no-match" : "lists.none"), x: table.x, y: table.y + 1,
                style: Style(.dim), clip: table)
        }
        if let id = state.views.detail, let line = lines.first(where: { $0.session.id == id }) {
            DetailView(state: state, data: data, line: line).render(into: &b, area: area, options: options)
        }
        if let id = state.views.join, let line = lines.first(where: { $0.session.id == id }) {
            JoinView(state: state, data: data, line: line).render(into: &b, area: area, options: options)
        }
    }
}

/// "my zone Europe/Moscow", "host zone …", "UTC", or the zone typed: in the language shown.
func zoneLabel(_ state: AppState) -> String {
    switch state.views.zone {
    case .mine: state.l10n("zone.mine", ["zone": state.zoneIdentifier])
    case .host: state.l10n("zone.host", ["zone": state.zoneIdentifier])
    case .utc: "UTC"
    case .named(let z): z
    }
}

/// One session in a box: when, body, chair, members, languages, my delegation's registrations.
struct DetailView {
    let state: AppState
    let data: MeetingData
    let line: SessionLine

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        let s = line.session, m = data.meeting
        let bodies = s.bodies.compactMap { m.body($0) }
        let chair = bodies.first?.chair.flatMap { code in m.delegations.first { $0.code == code }?.name } ?? "—"
        let members = m.attendees(of: s)
        let languages = data.placed.first { $0.session.id == s.id }?.languageNeeds
        let l = state.l10n
        let langText =
            (languages?.languages ?? []).map { "\($0.code) (\(l("reason." + $0.reason.rawValue)))" }
            + (languages?.relay ?? []).map {
                "\($0.code) (\(l("detail.relay", ["who": $0.requestedBy.joined(separator: ", ")])))"
            }
        let mine = data.colleagues.filter { m.attends($0, s) }.map(\.displayName)
        let offset = line.start.dayOffset == 0 ? "" : " " + l.dayOffset(line.start.dayOffset)
        var lines: [(String, Style)] = [
            (
                "\(l.shortDay(line.start.local.day)) \(line.start.local.timeText)-\(line.finish.local.timeText)\(offset) \(state.zoneIdentifier)",
                Style(.accent)
            ),
            (
                l(
                    "detail.body",
                    [
                        "bodies": bodies.isEmpty
                            ? s.bodies.joined(separator: ", ") : bodies.map(\.name).joined(separator: "; ")
                    ]), .normal
            ),
            (l("detail.chair", ["chair": chair]), .normal),
            (l("detail.members", ["count": "\(members.count)", "list": members.joined(separator: " ")]), .normal),
            (l("detail.languages", ["list": langText.joined(separator: ", ")]), .normal),
            (l("detail.channel", ["channel": line.channel]), .normal),
            (
                l(
                    "detail.colleagues",
                    [
                        "delegation": data.me.delegation,
                        "list": mine.isEmpty ? l("detail.nobody") : mine.joined(separator: ", "),
                    ]), .normal
            ),
        ]
        if let info = state.join(for: line) {
            let how = [
                info.details.platform?.displayName, info.details.personal ? l("detail.join-personal") : nil,
                info.details.meetingID,
            ].compactMap { $0 }
            lines.append((l("detail.join", ["how": how.joined(separator: " · ")]), .normal))
        }
        lines.append((l("detail.close"), Style(.dim)))
        Dialog(title: "\(s.id) \(s.title)", lines: lines, width: min(area.width, 76)).render(
            into: &b, area: area, borders: options.borders)
    }
}
