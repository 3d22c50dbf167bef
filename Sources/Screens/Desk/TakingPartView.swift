import AppCore
import Localization
import MeetingModel
import Rendering

/// Taking part (issue 19): per session, how many attendees have a personal link, the
/// Participants present against those expected and the quorum once a participant report is
/// recorded; below, the selected session's attendees without a link and the delegations present.
struct TakingPartView {
    let overview: TakingPartOverview
    let selected: Int
    let l: Localizer

    func render(into b: inout ScreenBuffer, area: Rect) {
        b.put(
            TextWidth.truncated(l("taking.heading"), to: area.width), x: area.x, y: area.y,
            style: Style(.title, bold: true))
        let summary =
            overview.revokedToCancel > 0
            ? l.plural("taking.revoked", overview.revokedToCancel)
            : overview.quorum.map { l("taking.quorum", ["quorum": "\($0)"]) } ?? l("taking.no-quorum")
        b.put(
            TextWidth.truncated(summary, to: area.width), x: area.x, y: area.y + 1,
            style: Style(overview.revokedToCancel > 0 ? .warning : .accent), clip: area)
        let rest = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        let detailLines = rest.height >= 10 ? 4 : rest.height >= 6 ? 2 : 0
        let (top, bottom) = rest.splitTop(rest.height - detailLines)
        let rows = overview.rows.map { r -> [String] in
            let a = r.attendance
            return [
                r.links.session.id, r.links.room ?? "·", "\(r.links.withLink)/\(r.links.attendees)",
                r.links.sharedLink ? l("taking.shared") : "",
                a.map { "\($0.participantsPresent.count)/\($0.participantsExpected.count)" } ?? "·",
                a.flatMap { s in
                    s.quorumMet.map { $0 ? l("taking.met") : l("taking.not-met", ["needed": "\(s.quorumNeeded ?? 0)"]) }
                } ?? "",
                a.map { "\($0.othersPresent.count)" } ?? "",
                r.links.session.title,
            ]
        }
        Table(
            columns: [
                Table.Column(l("column.session"), minWidth: 3),
                Table.Column(l("column.room"), minWidth: 2),
                Table.Column(l("column.links"), minWidth: 5, alignRight: true),
                Table.Column(l("column.shared"), minWidth: 4),
                Table.Column(l("column.present"), minWidth: 5, alignRight: true),
                Table.Column(l("column.quorum"), minWidth: 5),
                Table.Column(l("column.observers"), minWidth: 3, alignRight: true),
                Table.Column(l("column.title"), minWidth: 8, grow: 1),
            ], rows: rows,
            rowStyles: overview.rows.map {
                $0.attendance?.quorumMet == false
                    ? Style(.error, bold: true)
                    : $0.links.withLink < $0.links.attendees && !$0.links.sharedLink
                        ? Style(.warning) : .normal
            },
            selected: overview.rows.isEmpty ? nil : selected
        ).render(into: &b, area: top)
        guard detailLines > 0, overview.rows.indices.contains(selected) else { return }
        let r = overview.rows[selected]
        var lines: [String] = []
        let without = r.links.without.map { "\($0.displayName) (\($0.delegation))" }
        lines.append(
            without.isEmpty
                ? l("taking.all-have", ["session": r.links.session.id])
                : l("taking.without", ["session": r.links.session.id, "list": without.joined(separator: ", ")]))
        if let a = r.attendance {
            lines.append(
                l(
                    "taking.present",
                    [
                        "list": a.participantsPresent.isEmpty ? "—" : a.participantsPresent.joined(separator: ", "),
                        "others": a.othersPresent.isEmpty ? "—" : a.othersPresent.joined(separator: ", "),
                    ]))
        } else {
            lines.append(l("taking.no-report", ["session": r.links.session.id]))
        }
        let wrapped = lines.flatMap { TextWidth.wrapped($0, to: bottom.width) }
        for (i, line) in wrapped.prefix(detailLines).enumerated() {
            b.put(
                line, x: bottom.x, y: bottom.y + i, style: i == 0 && !without.isEmpty ? Style(.warning) : .normal,
                clip: bottom)
        }
    }
}
