import AppCore
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
        let title = mineOnly ? "\(data.me.displayName) (\(data.me.delegation)): \(lines.count) sessions" : "\(data.meeting.title)"
        b.put(TextWidth.truncated(title, to: head.width), x: head.x, y: head.y, style: Style(.title, bold: true))
        b.put(TextWidth.truncated("times in \(state.zoneLabel)", to: head.width), x: head.x, y: head.y + 1, style: Style(.dim))
        guard data.programme != nil else {
            b.put("The programme is not planned yet.", x: body.x, y: body.y, clip: body)
            return
        }
        let (foot, table) = body.splitBottom(mineOnly ? 2 : 1)
        let (current, next) = state.nowNext(lines)
        var nowLine: String
        if let c = current {
            nowLine = "Now: \(c.session.id) \(c.session.title), until \(c.finish.local.timeText)"
        } else {
            nowLine = "Now: no session"
        }
        if let n = next {
            let minutes = state.now.minutes(to: n.placement.start)
            let inText = minutes < 60 ? "in \(minutes) min" : minutes < 48 * 60 ? "in \(minutes / 60) h \(minutes % 60) min" : "in \(minutes / 1440) days"
            nowLine += " · Next: \(n.session.id) at \(dayText(n.start.local.day)) \(n.start.local.timeText) (\(inText))"
        }
        b.put(TextWidth.truncated(nowLine, to: foot.width), x: foot.x, y: foot.y, style: Style(.accent), clip: foot)
        if mineOnly, foot.height > 1 {
            let night = state.myNightMinutes
            b.put(TextWidth.truncated("My schedule costs me \(night) minutes of night (\(data.me.zone)).", to: foot.width),
                  x: foot.x, y: foot.y + 1, style: Style(night > 0 ? .night : .dim), clip: foot)
        }
        // Only the rows on screen are formatted (a programme can have a thousand).
        let selectedRow = lines.isEmpty ? nil : min(mineOnly ? state.scheduleRow : state.programmeRow, lines.count - 1)
        let shown = max(0, table.height - 1)
        let window = Table(columns: [], rows: Array(repeating: [], count: lines.count), selected: selectedRow).offset(forHeight: shown)
        let slice = lines.indices.clamped(to: window..<min(lines.count, window + shown))
        let rows = lines[slice].map { l -> [String] in
            let offset = l.start.dayOffsetText.isEmpty ? "" : " " + l.start.dayOffsetText
            var row = [dayText(l.start.local.day), "\(l.start.local.timeText)-\(l.finish.local.timeText)\(offset)", "\(l.session.id) \(l.session.title)",
                       l.session.bodies.joined(separator: "+"), l.languages.joined(separator: " ")]
            row.append(mineOnly ? l.channel : (l.mine ? "●" : ""))
            return row
        }
        let styles = lines[slice].map { $0.end <= state.now ? Style(.dim) : Style.normal }
        Table(columns: [
            Table.Column("DAY", minWidth: 6), Table.Column("TIME", minWidth: 11), Table.Column("SESSION", minWidth: 8, grow: 1),
            Table.Column("BODY", minWidth: 3), Table.Column("LANGUAGES", minWidth: 5), Table.Column(mineOnly ? "CHANNEL" : "MINE", minWidth: 2),
        ], rows: rows, rowStyles: styles, selected: selectedRow.map { $0 - slice.lowerBound }).render(into: &b, area: table)
        if lines.isEmpty {
            b.put(state.search != nil ? "No session matches the search." : "No session.", x: table.x, y: table.y + 1, style: Style(.dim), clip: table)
        }
        if let id = state.detail, let line = lines.first(where: { $0.session.id == id }) {
            DetailView(state: state, data: data, line: line).render(into: &b, area: area, options: options)
        }
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
        let langText = (languages?.languages ?? []).map { "\($0.code) (\($0.reason.rawValue))" } + (languages?.relay ?? []).map { "\($0.code) (relay: \($0.requestedBy.joined(separator: ", ")))" }
        let mine = data.colleagues.filter { m.attends($0, s) }.map(\.displayName)
        let offset = line.start.dayOffsetText.isEmpty ? "" : " " + line.start.dayOffsetText
        var lines: [(String, Style)] = [
            ("\(dayText(line.start.local.day)) \(line.start.local.timeText)-\(line.finish.local.timeText)\(offset) \(state.zoneIdentifier)", Style(.accent)),
            ("Body: " + (bodies.isEmpty ? s.bodies.joined(separator: ", ") : bodies.map(\.name).joined(separator: "; ")), .normal),
            ("Chair: \(chair)", .normal),
            ("Members (\(members.count)): " + members.joined(separator: " "), .normal),
            ("Languages: " + langText.joined(separator: ", "), .normal),
            ("My channel: \(line.channel)", .normal),
            ("From \(data.me.delegation): " + (mine.isEmpty ? "nobody registered" : mine.joined(separator: ", ")), .normal),
        ]
        lines.append(("Esc closes", Style(.dim)))
        Dialog(title: "\(s.id) \(s.title)", lines: lines, width: min(area.width, 76)).render(into: &b, area: area, borders: options.borders)
    }
}
