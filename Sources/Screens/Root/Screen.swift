import AppCore
import Localization
import MeetingModel
import MeetingTime
import Rendering
import TerminalInput

/// How the terminal can draw: borders in Unicode or ASCII (a locale that is not UTF-8).
public struct RenderOptions: Sendable {
    public var borders: BorderSet
    public init(borders: BorderSet = .unicode) { self.borders = borders }
}

/// The whole screen for `state`: what the terminal shows and the tests read.
public func render(_ state: AppState, options: RenderOptions = RenderOptions()) -> ScreenBuffer {
    var b = ScreenBuffer(width: state.width, height: state.height)
    guard state.width >= minimumWidth, state.height >= minimumHeight else {
        let l = state.staff == nil ? state.l10n : .english
        b.put(
            TextWidth.truncated(l("terminal.too-small"), to: state.width), x: 0, y: 0,
            style: Style(.warning, bold: true))
        if state.height > 1 {
            b.put(
                TextWidth.truncated(
                    l("terminal.need", ["width": "\(minimumWidth)", "height": "\(minimumHeight)"]), to: state.width),
                x: 0, y: 1)
        }
        return b
    }
    if let form = state.signIn {
        SignInView(form: form).render(into: &b, state: state, options: options)
        return b
    }
    if let staff = state.staff {
        let (bottom, body) = b.area.splitBottom(2)
        let (tabs, content) = body.splitTop(1)
        let screens = staff.screens
        Tabs(screens.map { $0.title(state.l10n) }, selected: screens.firstIndex(of: state.staffScreen) ?? 0).render(
            into: &b, area: tabs)
        switch state.staffScreen {
        case .board:
            BoardView(board: state.desk.board, row: state.desk.boardRow, column: state.desk.boardColumn, l: state.l10n)
                .render(into: &b, area: content)
        case .desk: DeskView(state: state, staff: staff).render(into: &b, area: content)
        case .builder: BuilderView(state: state, options: options).render(into: &b, area: content)
        }
        renderFooter(state, into: &b, area: bottom)
        if let overlay = state.desk.overlay {
            DeskOverlayView(overlay: overlay, l: state.l10n).render(into: &b, area: body, options: options)
        }
        if let form = state.desk.form {
            FormView(form: form, l: state.l10n).render(into: &b, area: body, options: options)
        }
        // A staff member's own SSH password (`:password`).
        if let form = state.passwordForm {
            PasswordView(form: form).render(into: &b, area: body, state: state, options: options)
        }
        if state.showHelp {
            HelpView(staff: true, screen: state.staffScreen, l10n: state.l10n, offset: state.helpOffset).render(
                into: &b, area: body, options: options)
        }
        return b
    }
    let (top, rest) = b.area.splitTop(1)
    let (bottom, middle) = rest.splitBottom(2)
    let tabs = Tabs(
        Tab.allCases.map { "\($0.rawValue + 1) \($0.title(state.l10n))" }, selected: state.views.tab.rawValue)
    tabs.render(into: &b, area: top)
    // The clock on the right when it fits beside the tabs.
    let clockText = nowText(state), tabsWidth = tabs.titles.reduce(0) { $0 + TextWidth.of($1) + 3 }
    if tabsWidth + TextWidth.of(clockText) < top.width {
        b.put(clockText, x: top.maxX - TextWidth.of(clockText), y: top.y, style: Style(.dim))
    }
    switch state.views.tab {
    case .schedule: ListsView(state: state, mineOnly: true).render(into: &b, area: middle, options: options)
    case .programme: ListsView(state: state, mineOnly: false).render(into: &b, area: middle, options: options)
    case .worldClock: WorldClockView(state: state).render(into: &b, area: middle)
    }
    renderFooter(state, into: &b, area: bottom)
    if let form = state.passwordForm {
        PasswordView(form: form).render(into: &b, area: middle, state: state, options: options)
    }
    if state.showHelp {
        HelpView(l10n: state.l10n, offset: state.helpOffset).render(into: &b, area: middle, options: options)
    }
    return b
}

/// "Tue 22 Jun 13:05 Europe/Moscow": now in the zone shown.
func nowText(_ state: AppState) -> String {
    guard let data = state.data,
        let r = try? data.clock.reading(zone: state.zoneIdentifier, delegation: "", at: state.now)
    else { return "" }
    return "\(state.l10n.shortDay(r.local.day)) \(r.local.timeText) \(state.zoneIdentifier)"
}

/// The prompt or message line, then the key hints.
func renderFooter(_ state: AppState, into b: inout ScreenBuffer, area: Rect) {
    let (line, hints) = area.splitTop(1)
    if let p = state.prompt {
        let label: String
        switch p.purpose {
        case .search: label = "/"
        case .zone: label = state.l10n("zone.prompt")
        case .command: label = ":"
        case .reason(let targets, let status):
            label =
                targets.count == 1
                ? state.l10n(status == .rejected ? "prompt.reject" : "prompt.withdraw", ["id": "\(targets[0].id)"])
                : state.l10n.plural(
                    status == .rejected ? "prompt.reject-marked" : "prompt.withdraw-marked", targets.count)
        case .delegation: label = state.l10n("prompt.delegation")
        case .meeting: label = state.l10n("prompt.meeting")
        case .thirdZone: label = state.l10n("prompt.third-zone")
        case .importFile: label = state.l10n("prompt.import")
        case .exportFile: label = state.l10n("prompt.export")
        case .requestInterpretation(let session, let language):
            label = state.l10n("prompt.request", ["language": language, "session": session])
        case .withdrawInterpretation(let session, let language, _):
            label = state.l10n("prompt.withdraw-request", ["language": language, "session": session])
        }
        let used = b.put(label, x: line.x, y: line.y, style: Style(.accent, bold: true))
        let fieldWidth: Int
        switch p.purpose {
        case .reason, .importFile, .exportFile: fieldWidth = line.width - used  // sentences and paths
        default: fieldWidth = min(30, line.width - used)
        }
        let (field, rest) = Rect(x: line.x + used, y: line.y, width: line.width - used, height: 1).splitLeft(fieldWidth)
        p.field.render(into: &b, area: field, focused: true)
        if !p.completions.isEmpty {
            b.put(" " + p.completions.joined(separator: "  "), x: rest.x, y: rest.y, style: Style(.dim), clip: rest)
        }
    } else if let m = state.message {
        // A message longer than the line wraps upwards, over the bottom of the screen, up to
        // four lines (issue 17 §3: a sentence is never cut in the middle); beyond, its end is cut.
        let wrapped = TextWidth.wrapped(m.text(state.l10n), to: max(1, line.width))
        let count = min(wrapped.count, 4, max(1, line.y - b.area.y))
        let top = line.y - (count - 1)
        for (i, text) in wrapped.prefix(count).enumerated() {
            let row = Rect(x: line.x, y: top + i, width: line.width, height: 1)
            b.fill(row)
            let shown =
                i == count - 1 && wrapped.count > count ? TextWidth.truncated(text + " …", to: line.width) : text
            b.put(shown, x: line.x, y: row.y, style: Style(.warning), clip: row)
        }
    } else if let s = state.staff != nil ? state.desk.search : state.views.search {
        let text = state.l10n("lists.search", ["text": s])
        b.put(text, x: line.x, y: line.y, style: Style(.dim), clip: line)
    }
    if state.staff != nil, state.staffScreen == .board {
        let l = state.l10n
        let list = [
            ("j/k", l("hint.session")), ("h/l", l("hint.language")), ("a", l("hint.add-request")),
            ("x", l("hint.withdraw-request")),
            ("Tab", l("hint.next-screen")), ("?", l("hint.help")), ("q", l("hint.quit")),
        ]
        KeyHints(list.map { (key: $0.0, label: $0.1) }).render(into: &b, area: hints)
        return
    }
    if state.staff != nil, state.staffScreen == .builder {
        let l = state.l10n
        let list = [
            ("j/k", l("hint.sessions-select")), ("h/l", l("hint.move")), ("H/L", l("hint.day")), ("r", l("hint.room")),
            ("p", l("hint.pin")),
            ("u", l("hint.undo")), ("^R", l("hint.redo")), ("c", l("hint.conflicts")), ("y", l("hint.history")),
            ("d", l("hint.compare")),
            ("S", l("hint.solve")), ("P", l("hint.publish")), ("z", l("hint.zone")), ("[/]", l("hint.show-day")),
            ("Tab", l("hint.screens")),
            ("?", l("hint.help")), ("q", l("hint.quit")),
        ]
        KeyHints(list.map { (key: $0.0, label: $0.1) }).render(into: &b, area: hints)
        return
    }
    if state.staff != nil {
        // The desk: the keys that matter now first (issue 17 §16), help and quit always.
        let l = state.l10n, desk = state.desk
        var list = [("?", l("hint.help")), ("q", l("hint.quit"))]
        if desk.outbox != nil {
            // The outbox's own keys, not the list's (what it opened in place of).
            list += [
                ("j/k", l("hint.message")), ("s", l("hint.send")), ("m/Esc", l("hint.close")),
                ("c", l("hint.cancel-message")), ("R", l("hint.retry")), ("C", l("hint.compose")),
            ]
        } else if desk.takingPart != nil {
            list += [("j/k", l("hint.session")), ("p/Esc", l("hint.close"))]
        } else if desk.overview != nil {
            list += [("j/k", l("hint.delegation")), ("o/Esc", l("hint.close"))]
        } else if desk.rows.isEmpty && desk.isUnfiltered {
            list += [("n", l("hint.new")), ("I", l("hint.import")), ("Tab", l("hint.next-screen"))]
        } else {
            list += [
                ("a", l("hint.approve")), ("r", l("hint.reject")), ("w", l("hint.withdraw")),
                ("i", l("hint.issue-account")), ("Space", l("hint.mark")), ("/", l("hint.search")),
                ("Enter", l("hint.trail")), ("n", l("hint.new")), ("e", l("hint.edit")), ("s", l("hint.status")),
                ("f", l("hint.delegation")), ("o", l("hint.overview")), ("I", l("hint.import")),
                ("Tab", l("hint.board")),
            ]
        }
        KeyHints(list.map { (key: $0.0, label: $0.1) }).render(into: &b, area: hints)
        return
    }
    let l = state.l10n
    var list: [(String, String)] = [
        ("q", l("hint.quit")), ("?", l("hint.help")), ("Tab", l("hint.views")), ("z", l("hint.zone")),
        ("t", l("hint.now")),
    ]
    if state.views.tab != .worldClock {
        list += [("/", l("hint.search")), ("Enter", l("hint.detail"))]
    } else {
        list += [("h/l", l("hint.hour")), ("H/L", l("hint.day"))]
    }
    list.append(("P", l("hint.password")))
    KeyHints(list.map { (key: $0.0, label: $0.1) }).render(into: &b, area: hints)
}
