import AppCore
import Localization
import Rendering

/// The outbox (issue 20): the meeting's messages, newest first, with their state and the
/// transport's last word; below, the selected message's text as its recipient reads it.
struct OutboxScreen {
    let outbox: OutboxView
    let selected: Int
    let l: Localizer

    func render(into b: inout ScreenBuffer, area: Rect) {
        b.put(
            TextWidth.truncated(l("outbox.heading"), to: area.width), x: area.x, y: area.y,
            style: Style(.title, bold: true))
        let counts = ["queued", "failed", "unknown", "sent", "cancelled"].compactMap { state in
            outbox.counts[state].map { "\(state) \($0)" }
        }
        b.put(
            TextWidth.truncated(counts.isEmpty ? l("outbox.empty") : counts.joined(separator: " · "), to: area.width),
            x: area.x, y: area.y + 1, style: Style((outbox.counts["failed"] ?? 0) > 0 ? .warning : .accent), clip: area)
        let rest = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        let previewLines = rest.height >= 12 ? rest.height / 2 : 0
        let (top, bottom) = rest.splitTop(rest.height - previewLines)
        Table(
            columns: [
                Table.Column(l("column.id"), minWidth: 2, alignRight: true),
                Table.Column(l("column.kind"), minWidth: 6),
                Table.Column(l("column.status"), minWidth: 6),
                Table.Column(l("column.email"), minWidth: 10, grow: 1),
                Table.Column(l("outbox.subject"), minWidth: 10, grow: 2),
                Table.Column("", minWidth: 0, grow: 1),
            ],
            rows: outbox.rows.map { ["\($0.id)", $0.kind, $0.state, $0.recipient, $0.subject, $0.lastError] },
            rowStyles: outbox.rows.map {
                $0.state == "failed" || $0.state == "unknown"
                    ? Style(.error) : $0.state == "sent" || $0.state == "cancelled" ? Style(.dim) : .normal
            },
            selected: outbox.rows.isEmpty ? nil : selected
        ).render(into: &b, area: top)
        guard previewLines > 1, outbox.rows.indices.contains(selected) else { return }
        let row = outbox.rows[selected]
        b.put(
            TextWidth.truncated(l("outbox.preview", ["id": "\(row.id)", "to": row.recipient]), to: bottom.width),
            x: bottom.x, y: bottom.y, style: Style(.title, bold: true), clip: bottom)
        let text = outbox.previews[row.id] ?? l("outbox.reading")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            TextWidth.wrapped(String($0), to: bottom.width)
        }
        for (i, line) in lines.prefix(previewLines - 1).enumerated() {
            b.put(line, x: bottom.x, y: bottom.y + 1 + i, clip: bottom)
        }
    }
}
