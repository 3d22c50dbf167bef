import AppCore
import Localization
import MeetingModel
import Rendering

/// The interpretation board: sessions × official languages (floor, all, agenda, requested by
/// whom, or not needed), relay lines, each language's load per day against its teams, and the
/// violations in words.
struct BoardView {
    let board: BoardData?
    var row = 0
    var column = 0
    var l: Localizer = .english

    /// A board cell: why the language is there ("requested CM,AO"), or "·" when it is not needed.
    func cell(_ need: LanguageNeed?) -> String {
        guard let need else { return "·" }
        return l("reason." + need.reason.rawValue)
            + (need.requestedBy.isEmpty ? "" : " " + need.requestedBy.joined(separator: ","))
    }

    func render(into b: inout ScreenBuffer, area: Rect) {
        guard let board else {
            b.put(l("board.computing"), x: area.x, y: area.y, style: Style(.dim), clip: area)
            return
        }
        let loadRows = board.loads.map { l in
            [
                l.language, "\(self.l.shortWeekday(l.day)) \(l.day)", "\(l.minutes)", "\(l.blocks)",
                "\(l.teamsNeeded)/\(l.teamsAvailable)", self.l(l.overLimit ? "board.over" : "board.ok"),
            ]
        }
        // The cell under the cursor, in words, with what can be done there.
        var detail = ""
        if board.rows.indices.contains(row), board.languages.indices.contains(column) {
            let session = board.rows[row].session, language = board.languages[column]
            let own = board.explicit.filter { $0.session == session && $0.language == language }.map(\.delegation)
            let of = board.published.map { l("overview.published", ["version": "\($0)"]) } ?? l("board.draft")
            detail =
                of + " · "
                + l(
                    "board.detail",
                    [
                        "session": session, "language": l.languageName(language),
                        "cell": cell(board.rows[row].cells[column]),
                    ])
                + (own.isEmpty ? "" : l("board.own", ["list": own.joined(separator: ", ")])) + l("board.actions")
        }
        b.put(TextWidth.truncated(detail, to: area.width), x: area.x, y: area.y, style: Style(.accent), clip: area)
        let rest = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        let below = min(max(0, rest.height / 2), loadRows.count + 2 + board.violations.count + board.relay.count)
        let (top, bottom) = rest.splitTop(rest.height - below)
        Table(
            columns: [Table.Column(l("column.session"), minWidth: 4), Table.Column(l("column.kind"), minWidth: 4)]
                + board.languages.enumerated().map { i, code in
                    Table.Column(i == column ? "[\(code.uppercased())]" : code.uppercased(), minWidth: 3, grow: 1)
                },
            rows: board.rows.map { [$0.session, l("kind." + $0.kind.rawValue)] + $0.cells.map(cell) },
            selected: board.rows.isEmpty ? nil : row
        ).render(into: &b, area: top)
        var y = bottom.y
        for r in board.relay where y < bottom.maxY {
            let line = l(
                "board.relay-line",
                [
                    "session": r.session, "language": l.languageName(r.code), "code": r.code,
                    "who": r.requestedBy.joined(separator: ", "),
                ])
            b.put(l("board.relay", ["line": line]), x: bottom.x, y: y, style: Style(.warning), clip: bottom)
            y += 1
        }
        let loadArea = Rect(x: bottom.x, y: y, width: bottom.width, height: min(bottom.maxY - y, loadRows.count + 1))
        Table(
            columns: [
                Table.Column(l("column.lang"), minWidth: 4), Table.Column(l("column.day"), minWidth: 10),
                Table.Column(l("column.min"), minWidth: 3, alignRight: true),
                Table.Column(l("column.blocks"), minWidth: 3, alignRight: true),
                Table.Column(l("column.teams"), minWidth: 5), Table.Column("", minWidth: 2),
            ],
            rows: loadRows, rowStyles: board.loads.map { $0.overLimit ? Style(.error, bold: true) : .normal }
        ).render(into: &b, area: loadArea)
        y = loadArea.maxY
        for v in board.violations where y < bottom.maxY {
            b.put(v.text(l), x: bottom.x, y: y, style: Style(.error), clip: bottom)
            y += 1
        }
    }
}
