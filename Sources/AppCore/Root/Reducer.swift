import Foundation
import Localization
import MeetingModel
import MeetingTime
import Rendering
import Registration
import Scheduling
import TerminalInput

/// What the shell does for the reducer: the store and the process are reached only through these.
public enum Effect: Sendable, Equatable {
    /// The sign-in's (AppCore/SignIn/SignIn.swift).
    case signIn(SignInEffect)
    /// The registration desk's (AppCore/Desk/DeskEffect.swift).
    case desk(DeskEffect)
    /// The interpretation board's (AppCore/Board/BoardEffect.swift).
    case board(BoardEffect)
    /// The programme builder's (AppCore/Builder/BuilderEffect.swift).
    case builder(BuilderEffect)
    /// The delegate views' (AppCore/DelegateViews/DelegateViewsEffect.swift).
    case views(DelegateViewsEffect)
    /// Writes the programme to a file whose extension names the format (.ics, .xml, .json, .txt,
    /// .md, .html): of meeting `meetingID`, a delegate's own schedule when `delegateID` is given
    /// (`:export` on their screens), else the whole programme (the builder's), in `zone` and `language`.
    case export(path: String, meetingID: String, delegateID: Int64?, zone: String, language: String)
    /// Reduce `action` once the current frame is on the screen (work that may follow what the
    /// user sees, such as the builder's heat after an edit).
    indirect case afterDraw(Action)
    /// Clear the terminal and draw the next frame whole (Ctrl-L).
    case repaint
    /// Text for the terminal's clipboard (OSC 52; terminals that do not allow it ignore it).
    case clipboard(String)
    /// Staff: the staff screens on another meeting of the database.
    case switchMeeting(String)
    case quit
}

extension Effect {
    /// Whether the effect may change the store (the shell tells its own changes from others').
    public var writes: Bool {
        switch self {
        case .signIn(let effect): effect.writes
        case .views(let effect): effect.writes
        case .desk(let effect): effect.writes
        case .board(let effect): effect.writes
        case .builder(let effect): effect.writes
        case .export, .afterDraw, .repaint, .clipboard, .quit, .switchMeeting:
            false
        }
    }
}

/// What happened: keys and terminal events, the clock, and the answers of effects.
public enum Action: Sendable, Equatable {
    case terminal(TerminalEvent)
    case clockTicked(Instant)
    /// The sign-in's answers (AppCore/SignIn/SignIn.swift).
    case signIn(SignInAction)
    /// The OS user is staff of the database: the staff screens open.
    case staffStarted(StaffSession)
    /// The registration desk's answers (AppCore/Desk/DeskAction.swift).
    case desk(DeskAction)
    /// The interpretation board's answers (AppCore/Board/BoardAction.swift).
    case board(BoardAction)
    /// The programme builder's answers (AppCore/Builder/BuilderAction.swift).
    case builder(BuilderAction)
    /// A line for the message bar (a store's refusal, a saved draft's failure).
    case notice(Message)
    /// Changes to the store (by anyone) since the screens last looked, oldest first; `omitted`
    /// older ones were not read (a large import between two looks).
    case storeChanged([StoreChange], omitted: Int)
    /// The delegate views' answers (AppCore/DelegateViews/DelegateViewsEffect.swift).
    case views(DelegateViewsAction)
    /// The staff screens now on another meeting (nil: no such meeting, or not staff of it).
    case meetingSwitched(StaffSession?, wanted: String)
}

/// The smallest terminal the views are laid out for; below it, "terminal too small".
public let minimumWidth = 30, minimumHeight = 8

/// The app's one state transition.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .clockTicked(let t):
        state.now = t
        return []
    case .terminal(.resized(let w, let h)):
        state.width = w
        state.height = h
        return []
    case .signIn(let action):
        reduceSignIn(&state, action)
        return []
    case .staffStarted(let staff):
        state.signIn = nil
        state.staff = staff
        // The Chair's office starts in the builder; the ASM at the desk.
        let first: StaffScreen = staff.role == .chairOffice ? .builder : .desk
        return open(&state, staff.screens.contains(first) ? first : (staff.screens.first ?? .desk), staff)
    case .builder(let action):
        reduceBuilder(&state, action)
        return []
    case .notice(let text):
        // The sign-in form has no message line: its own note says it (the idle warning).
        if state.signIn != nil { state.signIn?.error = text } else { state.message = text }
        return []
    case .storeChanged(let changes, let omitted):
        return storeChanged(&state, changes, omitted: omitted)
    case .views(let action):
        reduceViews(&state, action)
        return []
    case .meetingSwitched(let session, let wanted):
        guard let session else {
            state.message = Message("staff.no-meeting", ["meeting": wanted])
            return []
        }
        // Everything read of the old meeting goes; the screen shown stays when the role has it.
        let screen = state.staffScreen, zone = state.builder.thirdZone, solving = state.builder.solver != nil
        state.desk = DeskState()
        state.builder = BuilderState()
        state.builder.thirdZone = zone
        state.staff = session
        state.message = Message("staff.meeting-now", ["meeting": session.meetingID, "title": session.meetingTitle])
        return (solving ? [.builder(.cancelSolver)] : [])
            + open(&state, session.screens.contains(screen) ? screen : (session.screens.first ?? .desk), session)
    case .desk(let action):
        return reduceDesk(&state, action)
    case .board(let action):
        return reduceBoard(&state, action)
    case .terminal(.paste(let text)):
        if case .password(var form) = state.modal {
            form.fields[form.focus].insert(text)
            state.modal = .password(form)
        } else if case .prompt(var p) = state.modal {
            p.field.insert(text)
            state.modal = .prompt(p)
        } else if state.signIn != nil {
            if state.signIn!.focus == .first {
                state.signIn!.first.insert(text)
            } else {
                state.signIn!.second.insert(text)
            }
        }
        return []
    case .terminal(.key(let key)):
        let message = state.message
        state.message = nil
        if key == .ctrl("c") { state.quitting = true; return [.quit] }
        // Ctrl-L repaints on every screen, as in every terminal program (the message stays).
        if key == .ctrl("l") { state.message = message; return [.repaint] }
        if state.signIn != nil { return signInKey(&state, key) }
        switch state.modal {
        case .password: return passwordKey(&state, key)
        case .prompt: return promptKey(&state, key)
        case .help:
            helpKey(&state, key)
            return []
        case nil: return state.staff != nil ? (deskKey(&state, key) ?? []) : mainKey(&state, key)
        }
    }
}

// MARK: Prompt (search, zone, command)

private func promptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    var p = state.prompt!
    switch KeyBindings.command(for: key, in: KeyBindings.prompt) {
    case .promptCancel:
        state.prompt = nil
        if p.purpose == .search {
            state.views.search = nil
            if let staff = state.staff, state.desk.search != nil {
                state.desk.search = nil; return reload(&state, staff)
            }
        }
        return []
    case .promptAccept:
        state.prompt = nil
        return submit(&state, p)
    case .promptComplete:
        if let first = p.completions.first { p.field = TextField(first) }
    default: p.field.edit(with: key)
    }
    if p.purpose == .zone || p.purpose == .thirdZone { p.completions = ZoneNames.completions(for: p.field.text) }
    if let staff = state.staff {
        let t = p.field.text.uppercased()
        switch p.purpose {
        case .delegation, .requestInterpretation:
            p.completions = staff.delegations.filter { t.isEmpty || $0.hasPrefix(t) }
        case .meeting:
            p.completions = staff.meetings.filter { p.field.text.isEmpty || $0.hasPrefix(p.field.text) }
        case .withdrawInterpretation(_, _, let requesters):
            p.completions = requesters.filter { t.isEmpty || $0.hasPrefix(t) }
        default: break
        }
    }
    state.prompt = p
    if p.purpose == .search {
        // Incremental: the lists follow as the text is typed.
        if let staff = state.staff {
            state.desk.search = p.field.text.isEmpty ? nil : p.field.text
            return reload(&state, staff)
        }
        state.views.search = NameText.folded(p.field.text)
        state.views.scheduleRow = 0
        state.views.programmeRow = 0
    }
    return []
}

private func submit(_ state: inout AppState, _ p: Prompt) -> [Effect] {
    let text = p.field.text.trimmingCharacters(in: .whitespaces)
    switch p.purpose {
    case .search:
        if state.staff != nil { return [] }  // the desk searched as it was typed
        state.views.search = text.isEmpty ? nil : NameText.folded(text)
    case .exportFile:
        guard let staff = state.staff, !text.isEmpty, let model = state.builder.model else { return [] }
        // The programme in force (latest published, else the draft), times in the third ruler's zone or the host's.
        return [
            .export(
                path: text, meetingID: staff.meetingID, delegateID: nil,
                zone: state.builder.thirdZone ?? model.problem.meeting.hostZone,
                language: state.l10n.language)
        ]
    case .importFile:
        guard let staff = state.staff, !text.isEmpty else { return [] }
        return [.desk(.previewImport(path: text, meetingID: staff.meetingID))]
    case .thirdZone:
        let name = text.isEmpty ? (p.completions.first ?? "") : text
        if name.isEmpty || name == "-" { state.builder.thirdZone = nil; return [] }
        guard TimeZone(identifier: name) != nil else {
            state.message =
                ZoneNames.suggestions(for: name).first.map {
                    Message("builder.unknown-zone-mean", ["zone": name, "near": $0])
                }
                ?? Message("builder.unknown-zone", ["zone": name])
            return []
        }
        state.builder.thirdZone = name
    case .meeting:
        guard let staff = state.staff else { return [] }
        let id = text.isEmpty ? (p.completions.first ?? "") : (p.completions.first { $0 == text } ?? text)
        guard !id.isEmpty, id != staff.meetingID else { return [] }
        return [.switchMeeting(id)]
    case .delegation:
        guard let staff = state.staff else { return [] }
        let code =
            (text.isEmpty
                ? "" : (p.completions.first { $0 == text.uppercased() } ?? p.completions.first ?? text.uppercased()))
        if !code.isEmpty, !staff.delegations.contains(code) {
            state.message = Message("desk.no-delegation", ["text": text]); return []
        }
        state.desk.delegation = code.isEmpty ? nil : code
        return reload(&state, staff)
    case .requestInterpretation(let session, let language), .withdrawInterpretation(let session, let language, _):
        guard let staff = state.staff else { return [] }
        let code =
            text.isEmpty
            ? (p.completions.first ?? "")
            : (p.completions.first { $0 == text.uppercased() } ?? p.completions.first ?? text.uppercased())
        guard !code.isEmpty else { return [] }
        let r = InterpretationRequest(delegation: code, session: session, language: language)
        if case .withdrawInterpretation = p.purpose { return [.board(.withdraw(r, meetingID: staff.meetingID))] }
        return [.board(.request(r, meetingID: staff.meetingID))]
    case .reason(let targets, let status):
        guard let staff = state.staff else { return [] }
        guard !text.isEmpty else {
            state.message = Message("desk.needs-reason", ["status": state.l10n("status." + status.rawValue)]);
            return []
        }
        state.desk.marked = [:]
        return [.desk(.changeStatus(targets, meetingID: staff.meetingID, to: status, reason: text))]
    case .zone:
        return chooseZone(&state, text.isEmpty ? (p.completions.first ?? "") : text)
    case .command:
        let words = text.split(separator: " ").map(String.init)
        switch words.first {
        case "q", "quit": state.quitting = true; return [.quit]
        case "help", "h": state.showHelp = true
        case "password" where state.data != nil || state.staff != nil: state.passwordForm = PasswordForm()
        case "key" where state.data != nil:
            // My public keys, for the SSH front door (issue 18): a key line is pasted after "add".
            guard let me = state.data?.me else { return [] }
            let after = text.dropFirst("key".count).trimmingCharacters(in: .whitespaces)
            switch words.count > 1 ? words[1] : "" {
            case "add":
                let line = after.dropFirst("add".count).trimmingCharacters(in: .whitespacesAndNewlines)
                return [.views(.keys(delegateID: me.id, .add(line)))]
            case "list" where words.count == 2: return [.views(.keys(delegateID: me.id, .list))]
            case "remove" where words.count == 3: return [.views(.keys(delegateID: me.id, .remove(words[2])))]
            default: state.message = Message("pubkey.usage")
            }
        case "meeting" where state.staff != nil && words.count == 2:
            return words[1] == state.staff?.meetingID ? [] : [.switchMeeting(words[1])]
        case "meeting" where state.staff != nil:
            state.message = Message(
                "staff.meetings",
                ["list": state.staff!.meetings.joined(separator: ", "), "meeting": state.staff!.meetingID])
        case "links" where state.staff != nil:
            // :links import FILE [session ID | room NAME] (issue 19): a platform's registrant export.
            guard let staff = state.staff, words.count == 3 || words.count == 5, words[1] == "import" else {
                state.message = Message("command.usage-links"); return []
            }
            var scope = LinkScope.meeting
            if words.count == 5 {
                switch words[3] {
                case "session": scope = .session(words[4])
                case "room": scope = .room(words[4])
                default: state.message = Message("command.usage-links"); return []
                }
            }
            return [.desk(.importLinks(path: words[2], scope: scope, meetingID: staff.meetingID))]
        case "attendance" where state.staff != nil:
            // :attendance import FILE SESSION [ZONE]: a session's participant report.
            guard let staff = state.staff, words.count == 4 || words.count == 5, words[1] == "import" else {
                state.message = Message("command.usage-attendance"); return []
            }
            let zone = words.count == 5 ? words[4] : nil
            if let zone, TimeZone(identifier: zone) == nil {
                state.message = Message("zone.unknown", ["zone": zone]); return []
            }
            return [
                .desk(.importAttendance(path: words[2], session: words[3], zone: zone, meetingID: staff.meetingID))
            ]
        case "zone" where words.count == 2: return chooseZone(&state, words[1])
        case "zone": state.message = Message("command.usage-zone")
        case "export" where state.frontDoor && state.data != nil:
            // Over SSH a file would land on the server, not with the delegate: `ssh … ics` instead.
            state.message = Message("command.export-over-ssh")
        case "export" where words.count == 2 || words.count == 3:
            // My schedule to a file in my own zone (issue 17 §15), or in the zone named after the
            // file; .txt/.md/.html in my language. The message and the file say which zone.
            guard let data = state.data else { return [] }
            let me = data.me
            let zone = words.count == 3 ? words[2] : me.zone
            guard TimeZone(identifier: zone) != nil else {
                state.message = Message("zone.unknown", ["zone": zone]); return []
            }
            // A delegate names a file, never a path: the restricted login shares one OS account.
            guard !words[1].contains("/"), !words[1].hasPrefix(".") else {
                state.message = Message("command.export-name"); return []
            }
            return [
                .export(
                    path: words[1], meetingID: data.meeting.id, delegateID: me.id, zone: zone,
                    language: state.l10n.language)
            ]
        case "export": state.message = Message("command.usage-export")
        case nil: break
        default: state.message = Message("command.unknown", ["text": text])
        }
    }
    return []
}

private func chooseZone(_ state: inout AppState, _ name: String) -> [Effect] {
    guard !name.isEmpty else { return [] }
    guard TimeZone(identifier: name) != nil else {
        let hint = ZoneNames.suggestions(for: name).first.map { [Message("zone.did-you-mean", ["zone": $0])] } ?? []
        state.message = Message(joining: [Message("zone.unknown", ["zone": name])] + hint, separator: "")
        return []
    }
    state.views.zone = .named(name)
    return []
}

// MARK: Main views

private func mainKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let contexts: [KeyContext] =
        state.views.tab == .worldClock ? [.global, .worldClock, .lists, .account] : [.global, .lists, .account]
    guard let command = KeyBindings.command(for: key, in: contexts) else { return [] }
    let count = rowCount(state)
    func move(_ delta: Int) {
        switch state.views.tab {
        case .schedule: state.views.scheduleRow = max(0, min(count - 1, state.views.scheduleRow + delta))
        case .programme: state.views.programmeRow = max(0, min(count - 1, state.views.programmeRow + delta))
        case .worldClock: break
        }
    }
    let page = max(1, state.height - 6)
    switch command {
    case .appQuit: state.quitting = true; return [.quit]
    case .appHelp: state.showHelp = true
    case .appCommand: state.prompt = Prompt(.command)
    case .viewNext:
        state.views.tab = Tab(rawValue: (state.views.tab.rawValue + 1) % Tab.allCases.count)!;
        state.views.closeSession()
    case .viewPrevious:
        state.views.tab = Tab(rawValue: (state.views.tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!;
        state.views.closeSession()
    case .viewSchedule: state.views.tab = .schedule; state.views.closeSession()
    case .viewProgramme: state.views.tab = .programme; state.views.closeSession()
    case .viewWorldClock: state.views.tab = .worldClock; state.views.closeSession()
    case .zoneCycle:
        switch state.views.zone {
        case .mine: state.views.zone = .host
        case .host: state.views.zone = .utc
        case .utc: state.prompt = Prompt(.zone); state.prompt!.completions = ZoneNames.completions(for: "")
        case .named: state.views.zone = .mine
        }
    case .timeNow: jumpToNow(&state)
    case .cursorDown:
        if state.views.tab == .worldClock {
            state.views.clockRow = min(
                state.views.clockRow + 1, max(0, (state.data?.meeting.delegations.count ?? 1) - 1))
        } else {
            move(1)
        }
    case .cursorUp:
        if state.views.tab == .worldClock { state.views.clockRow = max(0, state.views.clockRow - 1) } else { move(-1) }
    case .cursorPageDown: move(page)
    case .cursorPageUp: move(-page)
    case .cursorFirst: move(-count)
    case .cursorLast: move(count)
    case .listOpen:
        if let line = selectedLine(state) { state.views.detail = line.session.id }
    case .listClose:
        if state.views.join != nil {
            state.views.join = nil
        } else if state.views.detail != nil {
            state.views.detail = nil
        } else if state.views.search != nil {
            state.views.search = nil
        }
    case .listJoin:
        if state.views.join != nil {
            state.views.join = nil
            return []
        }
        // The session whose detail is open, else the selected row's.
        let open = state.views.detail.flatMap { id in visibleLines(state).first { $0.session.id == id } }
        guard let line = open ?? selectedLine(state) else { return [] }
        state.views.join = line.session.id
        // The link goes to the terminal's clipboard too, where the terminal allows (OSC 52).
        if let url = state.joinLink(for: line) { return [.clipboard(url)] }
    case .searchStart: state.prompt = Prompt(.search)
    case .searchNext: move(1)
    case .clockEarlier: state.views.clockHour = (state.views.clockHour + 23) % 24
    case .clockLater: state.views.clockHour = (state.views.clockHour + 1) % 24
    case .clockPreviousDay: state.views.clockDay = max(0, state.views.clockDay - 1)
    case .clockNextDay: state.views.clockDay = min(state.views.clockDay + 1, (state.data?.meeting.days.count ?? 1) - 1)
    case .accountPassword: state.passwordForm = PasswordForm()
    default: break
    }
    return []
}

/// The session under the cursor of the list on screen (none on the world clock).
private func selectedLine(_ state: AppState) -> SessionLine? {
    guard state.views.tab != .worldClock else { return nil }
    let lines = visibleLines(state)
    let row = state.views.tab == .schedule ? state.views.scheduleRow : state.views.programmeRow
    return lines.indices.contains(row) ? lines[row] : nil
}

/// The lines of the list on screen.
public func visibleLines(_ state: AppState) -> [SessionLine] {
    guard let data = state.data else { return [] }
    return state.lines(mineOnly: state.views.tab == .schedule, clock: data.clock)
}

/// How many rows the list on screen has (without converting any time).
private func rowCount(_ state: AppState) -> Int {
    guard let data = state.data, state.views.tab != .worldClock else { return 0 }
    return data.placed.filter { p in
        (state.views.tab == .programme || p.mine)
            && (state.views.search.map { $0.isEmpty || p.searchKey.contains($0) } ?? true)
    }.count
}

/// Selects the session running now, else the next one, else the last; the world clock moves to
/// the current hour and day.
func jumpToNow(_ state: inout AppState) {
    guard let data = state.data else { return }
    for tab in [Tab.schedule, .programme] {
        var s = state
        s.views.tab = tab
        let lines = visibleLines(s)
        let i = lines.firstIndex { state.now < $0.end } ?? max(0, lines.count - 1)
        if tab == .schedule { state.views.scheduleRow = i } else { state.views.programmeRow = i }
    }
    let utc = LocalDateTime(localSeconds: state.now.seconds)
    state.views.clockHour = utc.hour
    if let d = data.meeting.days.firstIndex(of: data.clock.hostLocal(at: state.now).day) { state.views.clockDay = d }
}

/// Keys while the help is open (issue 17 §2): it scrolls with the list keys, and Esc, q, ? or
/// Enter close it; any other key does nothing (a `j` no longer closes it).
func helpKey(_ state: inout AppState, _ key: Key) {
    switch key {
    case .escape, .enter, .char("q"), .char("?"), .function(1): state.showHelp = false
    case .char("j"), .down: state.helpOffset += 1
    case .char("k"), .up: state.helpOffset = max(0, state.helpOffset - 1)
    case .pageDown, .char(" "), .ctrl("d"): state.helpOffset += max(1, state.height - 8)
    case .pageUp, .ctrl("u"): state.helpOffset = max(0, state.helpOffset - max(1, state.height - 8))
    case .char("g"), .home: state.helpOffset = 0
    case .char("G"), .end: state.helpOffset = 10_000
    default: break
    }
}
