import AppCore
import MeetingModel
import Rendering

/// The interpretation board: sessions × official languages (floor, all, agenda, requested by
/// whom, or not needed), relay lines, each language's load per day against its teams, and the
/// violations in words.
struct BoardView {
    let board: BoardData?
    var row = 0
    var column = 0

    func render(into b: inout ScreenBuffer, area: Rect) {
        guard let board else {
            b.put("Computing the board…", x: area.x, y: area.y, style: Style(.dim), clip: area)
            return
        }
        let loadRows = board.loads.map { l in
            [l.language, "\(l.day.weekdayAbbreviation) \(l.day)", "\(l.minutes)", "\(l.blocks)", "\(l.teamsNeeded)/\(l.teamsAvailable)", l.overLimit ? "OVER" : "ok"]
        }
        // The cell under the cursor, in words, with what can be done there.
        var detail = ""
        if board.rows.indices.contains(row), board.languages.indices.contains(column) {
            let session = board.rows[row].session, language = board.languages[column]
            let own = board.explicit.filter { $0.session == session && $0.language == language }.map(\.delegation)
            detail = "\(session) · \(LanguageCatalogue.englishName(language)): \(board.rows[row].cells[column])"
                + (own.isEmpty ? "" : " · own requests: " + own.joined(separator: ", ")) + " · a add a request · x withdraw"
        }
        b.put(TextWidth.truncated(detail, to: area.width), x: area.x, y: area.y, style: Style(.accent), clip: area)
        let rest = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
        let below = min(max(0, rest.height / 2), loadRows.count + 2 + board.violations.count + board.relay.count)
        let (top, bottom) = rest.splitTop(rest.height - below)
        Table(columns: [Table.Column("SESSION", minWidth: 4), Table.Column("KIND", minWidth: 4)]
                + board.languages.enumerated().map { i, l in Table.Column(i == column ? "[\(l.uppercased())]" : l.uppercased(), minWidth: 3, grow: 1) },
              rows: board.rows.map { [$0.session, $0.kind.rawValue] + $0.cells },
              selected: board.rows.isEmpty ? nil : row).render(into: &b, area: top)
        var y = bottom.y
        for line in board.relay where y < bottom.maxY {
            b.put("relay " + line, x: bottom.x, y: y, style: Style(.warning), clip: bottom)
            y += 1
        }
        let loadArea = Rect(x: bottom.x, y: y, width: bottom.width, height: min(bottom.maxY - y, loadRows.count + 1))
        Table(columns: [Table.Column("LANG", minWidth: 4), Table.Column("DAY", minWidth: 10), Table.Column("MIN", minWidth: 3, alignRight: true),
                        Table.Column("BLOCKS", minWidth: 3, alignRight: true), Table.Column("TEAMS", minWidth: 5), Table.Column("", minWidth: 2)],
              rows: loadRows, rowStyles: board.loads.map { $0.overLimit ? Style(.error, bold: true) : .normal }).render(into: &b, area: loadArea)
        y = loadArea.maxY
        for v in board.violations where y < bottom.maxY {
            b.put(v, x: bottom.x, y: y, style: Style(.error), clip: bottom)
            y += 1
        }
    }
}
