import AppCore
import MeetingModel
import Rendering

/// The registration desk: counts per status, the delegates matching the search and the status
/// filter, the selected one highlighted.
struct DeskView {
    let state: AppState
    let staff: StaffSession

    func render(into b: inout ScreenBuffer, area: Rect) {
        let desk = state.desk
        let who = "\(staff.name) (\(staff.role.rawValue))", whoWidth = TextWidth.of(who)
        let showWho = whoWidth + 30 < area.width
        b.put(TextWidth.truncated("Registration desk · \(staff.meetingTitle)", to: showWho ? area.width - whoWidth - 1 : area.width),
              x: area.x, y: area.y, style: Style(.title, bold: true))
        if showWho { b.put(who, x: area.maxX - whoWidth, y: area.y, style: Style(.dim)) }
        let counts = RegistrationStatus.allCases.map { "\($0.rawValue) \(desk.counts[$0] ?? 0)" }.joined(separator: " · ")
        b.put(TextWidth.truncated(counts, to: area.width), x: area.x, y: area.y + 1, style: Style(.accent), clip: area)
        let filter = "status: \(desk.status?.rawValue ?? "all")" + (desk.search.map { " · search: \($0)" } ?? "")
            + " · \(desk.rows.count)\(desk.rows.count == 500 ? "+" : "") shown" + (desk.loading ? " · loading…" : "")
        b.put(TextWidth.truncated(filter, to: area.width), x: area.x, y: area.y + 2, style: Style(.dim), clip: area)
        let table = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        Table(columns: [
            Table.Column("ID", minWidth: 2, alignRight: true), Table.Column("DELEGATION", minWidth: 3), Table.Column("NAME", minWidth: 8, grow: 2),
            Table.Column("ROLE", minWidth: 5), Table.Column("E-MAIL", minWidth: 8, grow: 1), Table.Column("STATUS", minWidth: 6),
        ], rows: desk.rows.map { ["\($0.id)", $0.delegation, $0.displayName, $0.role.rawValue, $0.email, $0.status.rawValue] },
              selected: desk.rows.isEmpty ? nil : desk.selected).render(into: &b, area: table)
        if desk.rows.isEmpty, !desk.loading, table.height > 1 {
            b.put("No registration matches.", x: table.x, y: table.y + 1, style: Style(.dim), clip: table)
        }
    }
}
