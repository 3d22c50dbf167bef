import AppCore
import Localization
import MeetingModel
import Rendering

/// The registration desk: counts per status, the delegates matching the search and the status
/// filter, the selected one highlighted.
struct DeskView {
    let state: AppState
    let staff: StaffSession

    func render(into b: inout ScreenBuffer, area: Rect) {
        let desk = state.desk, l = state.l10n
        if let outbox = desk.outbox {
            OutboxScreen(outbox: outbox, selected: desk.outboxRow, l: l).render(into: &b, area: area)
            return
        }
        if let overview = desk.takingPart {
            TakingPartView(overview: overview, selected: desk.takingPartRow, l: l).render(into: &b, area: area)
            return
        }
        if let overview = desk.overview {
            OverviewView(overview: overview, selected: desk.overviewRow, l: l).render(into: &b, area: area)
            return
        }
        let who = "\(staff.name) (\(staff.role.rawValue))", whoWidth = TextWidth.of(who)
        let showWho = whoWidth + 30 < area.width
        b.put(
            TextWidth.truncated(
                l("desk.heading", ["meeting": staff.meetingTitle]), to: showWho ? area.width - whoWidth - 1 : area.width
            ),
            x: area.x, y: area.y, style: Style(.title, bold: true))
        if showWho { b.put(who, x: area.maxX - whoWidth, y: area.y, style: Style(.dim)) }
        let counts = RegistrationStatus.allCases.map { "\(l("status." + $0.rawValue)) \(desk.counts[$0] ?? 0)" }.joined(
            separator: " · ")
        b.put(TextWidth.truncated(counts, to: area.width), x: area.x, y: area.y + 1, style: Style(.accent), clip: area)
        let filter =
            l(
                "desk.filter",
                [
                    "status": desk.status.map { l("status." + $0.rawValue) } ?? l("desk.all"),
                    "delegation": desk.delegation ?? l("desk.all"),
                ])
            + (desk.search.map { l("desk.filter-search", ["text": $0]) } ?? "")
            + l("desk.shown", ["count": "\(desk.rows.count)\(desk.more ? "+" : "")"])
            + (desk.marked.isEmpty ? "" : l("desk.marked", ["count": "\(desk.marked.count)"]))
            + (desk.loading ? l("desk.loading") : "")
        b.put(TextWidth.truncated(filter, to: area.width), x: area.x, y: area.y + 2, style: Style(.dim), clip: area)
        let table = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        Table(
            columns: [
                Table.Column("", minWidth: 1),  // * marked (space)
                Table.Column(l("column.id"), minWidth: 2, alignRight: true),
                Table.Column(l("column.delegation"), minWidth: 3), Table.Column(l("column.name"), minWidth: 8, grow: 2),
                Table.Column(l("column.role"), minWidth: 5), Table.Column(l("column.email"), minWidth: 8, grow: 1),
                Table.Column(l("column.status"), minWidth: 6),
            ],
            rows: desk.rows.map {
                [
                    desk.marked[$0.id] == nil ? "" : "*", "\($0.id)", $0.delegation, $0.displayName,
                    l("role." + $0.role.rawValue), $0.email,
                    l("status." + $0.status.rawValue),
                ]
            },
            selected: desk.rows.isEmpty ? nil : desk.selected
        ).render(into: &b, area: table)
        if desk.rows.isEmpty, !desk.loading, table.height > 1 {
            guard desk.isUnfiltered else {
                b.put(l("desk.no-match"), x: table.x, y: table.y + 1, style: Style(.dim), clip: table)
                return
            }
            // A meeting without registrations (issue 17 §16): what to do first.
            var lines: [(key: String, text: String)] = [
                ("n", l("desk.start-new")), ("I", l("desk.start-import")),
            ]
            if staff.screens.count > 1 { lines.append(("Tab", l("desk.start-screens"))) }
            lines.append(("?", l("desk.start-help")))
            b.put(l("desk.start"), x: table.x, y: table.y + 1, style: Style(.title, bold: true), clip: table)
            var y = table.y + 3
            for line in lines where y < table.maxY {
                b.put(line.key, x: table.x + 2, y: y, style: Style(.accent, bold: true), clip: table)
                for part in TextWidth.wrapped(line.text, to: max(1, table.width - 8)) where y < table.maxY {
                    b.put(part, x: table.x + 8, y: y, style: .normal, clip: table)
                    y += 1
                }
            }
        }
    }
}

/// A token issued (shown once) or a registration's audit trail, over the desk.
struct DeskOverlayView {
    let overlay: DeskOverlay
    let l: Localizer

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        switch overlay {
        case .importPreview(let p):
            var lines: [(String, Style)] = [
                (
                    l(
                        "import.summary",
                        [
                            "added": "\(p.added.count)", "updated": "\(p.updated.count)", "unchanged": "\(p.unchanged)",
                            "refused": "\(p.refused.count)",
                        ]),
                    Style(.title, bold: true)
                )
            ]
            let room = max(0, area.height - 6)
            let shown =
                p.refused.map { ($0, Style(.error)) } + p.added.map { (l("import.add", ["row": $0]), Style.normal) }
                + p.updated.map { (l("import.update", ["row": $0]), Style(.accent)) }
            lines += shown.prefix(room)
            if shown.count > room { lines.append((l("import.more", ["count": "\(shown.count - room)"]), Style(.dim))) }
            lines.append(
                p.refused.isEmpty && !(p.added.isEmpty && p.updated.isEmpty)
                    ? (l("import.confirm"), Style(.hint))
                    : (l(p.refused.isEmpty ? "import.nothing" : "import.refused"), Style(.warning)))
            Dialog(title: l("import.title", ["path": p.path]), lines: lines, width: min(area.width, 90)).render(
                into: &b, area: area, borders: options.borders)
        case .token(let t):
            Dialog(
                title: l("token.title"),
                lines: [
                    (l("token.who", ["name": t.name, "id": "\(t.delegateID)"]), Style(.title)),
                    (l("token.username", ["username": t.username]), .normal),
                    (l("token.token", ["token": t.token]), Style(.accent, bold: true)),
                    ("", .normal),
                    (l("token.warning"), Style(.warning)),
                    (l("dialog.any-key"), Style(.dim)),
                ], width: min(area.width, 76)
            ).render(into: &b, area: area, borders: options.borders)
        case .trail(let d, let trail):
            var lines: [(String, Style)] = [
                ("\(d.delegation) · \(l("role." + d.role.rawValue)) · \(d.email) · \(d.zone)", Style(.accent)),
                (
                    l(
                        "trail.status",
                        [
                            "status": l("status." + d.status.rawValue),
                            "reason": d.statusReason.isEmpty ? "" : " (\(d.statusReason))", "version": "\(d.version)",
                        ]), .normal
                ),
                (l("trail.heading"), Style(.title, bold: true)),
            ]
            for e in trail.suffix(max(0, area.height - 8)) {
                lines.append(("\(e.at) \(e.actor) \(e.action)", .normal))
            }
            lines.append((l("dialog.any-key"), Style(.dim)))
            Dialog(title: d.displayName, lines: lines, width: min(area.width, 76)).render(
                into: &b, area: area, borders: options.borders)
        }
    }
}

/// The registration form in a box: each field with its problem beside it.
struct FormView {
    let form: RegistrationForm
    let l: Localizer

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        if let why = form.conflict {
            let width = min(area.width, 76), text = max(1, width - 4)
            Dialog(
                title: l("form.not-saved"),
                lines: TextWidth.wrapped(why.text(l), to: text).map { ($0, Style(.error, bold: true)) }
                    + TextWidth.wrapped(l("form.reload"), to: text)
                    .map { ($0, Style(.hint)) }, width: width
            ).render(into: &b, area: area, borders: options.borders)
            return
        }
        let verb = l(form.original == nil ? "form.verb-register" : "form.verb-save")
        var lines: [(String, Style)] = [(l("form.hint", ["verb": verb]), Style(.dim))]
        if let g = form.general { lines.append((g.text(l), Style(.error, bold: true))) }
        let title =
            form.original.map { l("form.edit-title", ["id": "\($0.id)", "version": "\($0.version)"]) }
            ?? l("form.new-title")
        let fieldsArea = Dialog(title: title, lines: lines, width: min(area.width, 76))
            .render(into: &b, area: area, extraRows: RegistrationForm.fields.count * 2, borders: options.borders)
        // On a short screen the fields scroll so that the focused one is always shown.
        let fitting = max(1, fieldsArea.height / 2), first = max(0, form.focus - fitting + 1)
        for (i, field) in RegistrationForm.fields.enumerated().dropFirst(first) {
            let y = fieldsArea.y + (i - first) * 2
            guard y + 1 < fieldsArea.maxY || (y < fieldsArea.maxY && fieldsArea.height == 1) else { break }
            let problem = form.problems[field]
            b.put(
                l("form.field." + field) + (problem.map { ": " + $0.besideItsField(l) } ?? ""), x: fieldsArea.x, y: y,
                style: problem == nil ? Style(.dim) : Style(.error, bold: true), clip: fieldsArea)
            let line = Rect(x: fieldsArea.x, y: y + 1, width: fieldsArea.width, height: 1)
            if i == RegistrationForm.roleField {
                // A choice: its name in the screen's language between arrows.
                let (open, close) = options.borders == .ascii ? ("<", ">") : ("◂", "▸")
                b.put(
                    "\(open) \(l("role." + form.values[i].text)) \(close)", x: line.x, y: line.y,
                    style: i == form.focus ? Style(.selected, bold: true) : .normal, clip: line)
            } else {
                form.values[i].render(into: &b, area: line, focused: i == form.focus)
            }
        }
    }
}

/// The delegation overview: registrations per delegation against the bodies it sits in and the
/// most sessions it has at once; below, the capacity rule checked with those registrations.
struct OverviewView {
    let overview: DelegationOverview
    let selected: Int
    let l: Localizer

    func render(into b: inout ScreenBuffer, area: Rect) {
        let short = overview.rows.filter(\.short).count, none = overview.rows.filter { $0.active == 0 }.count
        b.put(
            TextWidth.truncated(
                l("overview.heading", ["programme": overview.programme ?? l("overview.no-programme")]), to: area.width),
            x: area.x, y: area.y, style: Style(.title, bold: true))
        b.put(
            TextWidth.truncated(
                l("overview.summary", ["count": "\(overview.rows.count)", "short": "\(short)", "none": "\(none)"]),
                to: area.width),
            x: area.x, y: area.y + 1, style: Style(short > 0 ? .warning : .accent), clip: area)
        let rest = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        let wrapped = overview.warnings.reduce(0) { $0 + TextWidth.wrapped($1.text(l), to: area.width).count }
        let warningLines = overview.warnings.isEmpty ? 0 : min(wrapped + 1, max(0, rest.height / 3))
        let (top, bottom) = rest.splitTop(rest.height - warningLines)
        let rows = overview.rows.map { r -> [String] in
            let statuses = RegistrationStatus.allCases.compactMap { st in
                r.counts[st].map { "\($0) \(st == .accountIssued ? l("overview.issued") : l("status." + st.rawValue))" }
            }
            .joined(separator: ", ")
            let note = r.active == 0 ? l("overview.none-yet") : r.short ? l("overview.short") : ""
            return [
                r.code, r.name, "\(r.active)/\(r.planned)", r.peak == 0 ? "·" : "\(r.peak)",
                r.bodies.map { "\($0.body) \($0.sitting)" }.joined(separator: " · "), statuses, note,
            ]
        }
        Table(
            columns: [
                Table.Column(l("column.code"), minWidth: 2), Table.Column(l("column.delegation"), minWidth: 8, grow: 1),
                Table.Column(l("column.reg-plan"), minWidth: 5, alignRight: true),
                Table.Column(l("column.at-once"), minWidth: 3, alignRight: true),
                Table.Column(l("column.bodies"), minWidth: 10, grow: 2),
                Table.Column(l("column.status"), minWidth: 6, grow: 1), Table.Column("", minWidth: 4),
            ], rows: rows,
            rowStyles: overview.rows.map {
                $0.short ? Style(.error, bold: true) : $0.active == 0 ? Style(.dim) : .normal
            },
            selected: overview.rows.isEmpty ? nil : selected
        ).render(into: &b, area: top)
        guard warningLines > 0 else { return }
        b.put(
            TextWidth.truncated(l("overview.capacity", ["count": "\(overview.warnings.count)"]), to: bottom.width),
            x: bottom.x, y: bottom.y, style: Style(.title, bold: true), clip: bottom)
        let lines = overview.warnings.flatMap { TextWidth.wrapped($0.text(l), to: bottom.width) }
        for (i, line) in lines.prefix(warningLines - 1).enumerated() {
            b.put(line, x: bottom.x, y: bottom.y + 1 + i, style: Style(.error), clip: bottom)
        }
    }
}
