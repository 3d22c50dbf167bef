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
    case signIn(username: String, secret: String)
    /// The registration desk's (AppCore/Desk/DeskEffect.swift).
    case desk(DeskEffect)
    /// The interpretation board's (AppCore/Board/BoardEffect.swift).
    case board(BoardEffect)
    /// The programme builder's (AppCore/Builder/BuilderEffect.swift).
    case builder(BuilderEffect)
    /// Writes the programme to a file whose extension names the format (.ics, .xml, .json, .txt,
    /// .md, .html): a delegate's own schedule when `delegateID` is given, in `zone` and `language`.
    case export(path: String, delegateID: Int64?, zone: String, language: String)
    case setPassword(username: String, token: String, password: String)
    /// A signed-in delegate's new password, given the current one (checked as a sign-in is).
    case changePassword(delegateID: Int64, current: String, new: String)
    /// Reduce `action` once the current frame is on the screen (work that may follow what the
    /// user sees, such as the builder's heat after an edit).
    indirect case afterDraw(Action)
    /// Clear the terminal and draw the next frame whole (Ctrl-L).
    case repaint
    /// Staff: the staff screens on another meeting of the database.
    case switchMeeting(String)
    /// A signed-in delegate's screens read again (another user changed what they show).
    case refreshDelegateViews(delegateID: Int64)
    case quit
}

extension Effect {
    /// Whether the effect may change the store (the shell tells its own changes from others').
    public var writes: Bool {
        switch self {
        case .setPassword, .changePassword:
            true
        case .desk(let effect): effect.writes
        case .board(let effect): effect.writes
        case .builder(let effect): effect.writes
        case .signIn:
            true  // a failed sign-in counts against the account (not audited, but a write)
        case .export, .afterDraw,
            .refreshDelegateViews, .repaint, .quit,
            .switchMeeting:
            false
        }
    }
}

/// What happened: keys and terminal events, the clock, and the answers of effects.
public enum Action: Sendable, Equatable {
    case terminal(TerminalEvent)
    case clockTicked(Instant)
    /// The store's answer to `.signIn` / `.setPassword`.
    case signInAnswered(SignInAnswer)
    /// The signed-in delegate's registration was rejected or withdrawn meanwhile: signed out at once.
    case registrationEnded
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
    /// A signed-in delegate's screens, read again.
    case delegateViewsRefreshed(MeetingData)
    /// The staff screens now on another meeting (nil: no such meeting, or not staff of it).
    case meetingSwitched(StaffSession?, wanted: String)
    /// The store's answer to `.changePassword`.
    case passwordChangeAnswered(PasswordChange)
}

/// How a sign-in went, as the shell reports it.
public enum SignInAnswer: Sendable, Equatable {
    case signedIn(MeetingData)
    case mustSetPassword
    /// Wrong username or secret: the message never says which.
    case refused
    /// Too many failures from here: try again in this many seconds.
    case throttled(seconds: Int)
    /// The right secret, but the registration is rejected or withdrawn.
    case inactive
    case failed(Message)
}

/// The smallest terminal the views are laid out for; below it, "terminal too small".
public let minimumWidth = 30, minimumHeight = 8

/// The app's one state transition.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .clockTicked(let t):
        state.now = t
        return []
    case .registrationEnded:
        guard state.data != nil else { return [] }
        state.data = nil
        state.modal = nil  // whatever was open over the screens goes with them
        var form = SignInForm()
        form.error = Message("signin.error.inactive")
        state.signIn = form
        return []
    case .terminal(.resized(let w, let h)):
        state.width = w
        state.height = h
        return []
    case .signInAnswered(let answer):
        return answered(&state, answer)
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
        state.message = text
        return []
    case .storeChanged(let changes, let omitted):
        return storeChanged(&state, changes, omitted: omitted)
    case .delegateViewsRefreshed(let data):
        delegateViewsRefreshed(&state, data)
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
    case .passwordChangeAnswered(let answer):
        passwordChangeAnswered(&state, answer)
        return []
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

// MARK: Sign-in

private func signInKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    var form = state.signIn!
    defer { state.signIn = form }
    if form.busy { return [] }
    switch key {
    case .escape:
        if case .choosePassword = form.stage { form = SignInForm(); return [] }
        state.quitting = true
        return [.quit]
    case .tab, .backTab, .up, .down:
        form.focus = form.focus == .first ? .second : .first
        return []
    case .enter:
        if form.focus == .first { form.focus = .second; return [] }
        switch form.stage {
        case .credentials:
            let user = form.first.text.trimmingCharacters(in: .whitespaces).lowercased()
            guard !user.isEmpty, !form.second.text.isEmpty else {
                form.error = Message("signin.error.empty"); return []
            }
            form.busy = true
            form.error = nil
            return [.signIn(username: user, secret: form.second.text)]
        case .choosePassword(let user, let token):
            guard form.first.text.count >= 10 else { form.error = Message("signin.error.short"); return [] }
            guard form.first.text == form.second.text else {
                form.error = Message("signin.error.differ"); form.second = TextField(secret: true); return []
            }
            form.busy = true
            form.error = nil
            return [.setPassword(username: user, token: token, password: form.first.text)]
        }
    default:
        if form.focus == .first { form.first.edit(with: key) } else { form.second.edit(with: key) }
        return []
    }
}

private func answered(_ state: inout AppState, _ answer: SignInAnswer) -> [Effect] {
    guard var form = state.signIn else { return [] }
    form.busy = false
    switch answer {
    case .signedIn(let data):
        // The account's preference (interpretation language, then languages spoken) unless --lang chose.
        if !state.languageChosen,
            let preferred = ([data.me.interpretation].compactMap { $0 } + data.me.languages).first(
                where: Localizer.isSupported)
        {
            state.l10n = Localizer(preferred)
        }
        state.signIn = nil
        state.data = data
        state.tab = .schedule
        state.zone = .mine
        if let first = data.meeting.days.firstIndex(where: { $0 == data.clock.hostLocal(at: state.now).day }) {
            state.clockDay = first
        }
        jumpToNow(&state)
        return []
    case .mustSetPassword:
        let user = form.first.text.trimmingCharacters(in: .whitespaces).lowercased()
        let token = form.second.text
        form = SignInForm()
        form.stage = .choosePassword(username: user, token: token)
        form.first = TextField(secret: true)
        form.error = nil
    case .refused:
        form.second = TextField(secret: true)
        form.focus = .second
        form.error = Message("signin.error.refused")
    case .throttled(let seconds):
        form.second = TextField(secret: true)
        form.focus = .second
        form.error = Message("signin.error.throttled", count: seconds)
    case .inactive:
        form.second = TextField(secret: true)
        form.error = Message("signin.error.inactive")
    case .failed(let why):
        form.error = why
    }
    state.signIn = form
    return []
}

// MARK: Prompt (search, zone, command)

private func promptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    var p = state.prompt!
    switch KeyBindings.command(for: key, in: KeyBindings.prompt) {
    case .promptCancel:
        state.prompt = nil
        if p.purpose == .search {
            state.search = nil
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
        state.search = NameText.folded(p.field.text)
        state.scheduleRow = 0
        state.programmeRow = 0
    }
    return []
}

private func submit(_ state: inout AppState, _ p: Prompt) -> [Effect] {
    let text = p.field.text.trimmingCharacters(in: .whitespaces)
    switch p.purpose {
    case .search:
        if state.staff != nil { return [] }  // the desk searched as it was typed
        state.search = text.isEmpty ? nil : NameText.folded(text)
    case .exportFile:
        guard state.staff != nil, !text.isEmpty, let model = state.builder.model else { return [] }
        // The programme in force (latest published, else the draft), times in the third ruler's zone or the host's.
        return [
            .export(
                path: text, delegateID: nil, zone: state.builder.thirdZone ?? model.problem.meeting.hostZone,
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
        case "password" where state.data != nil: state.passwordForm = PasswordForm()
        case "meeting" where state.staff != nil && words.count == 2:
            return words[1] == state.staff?.meetingID ? [] : [.switchMeeting(words[1])]
        case "meeting" where state.staff != nil:
            state.message = Message(
                "staff.meetings",
                ["list": state.staff!.meetings.joined(separator: ", "), "meeting": state.staff!.meetingID])
        case "zone" where words.count == 2: return chooseZone(&state, words[1])
        case "zone": state.message = Message("command.usage-zone")
        case "export" where words.count == 2 || words.count == 3:
            // My schedule to a file in my own zone (issue 17 §15), or in the zone named after the
            // file; .txt/.md/.html in my language. The message and the file say which zone.
            guard let me = state.data?.me else { return [] }
            let zone = words.count == 3 ? words[2] : me.zone
            guard TimeZone(identifier: zone) != nil else {
                state.message = Message("zone.unknown", ["zone": zone]); return []
            }
            // A delegate names a file, never a path: the restricted login shares one OS account.
            guard !words[1].contains("/"), !words[1].hasPrefix(".") else {
                state.message = Message("command.export-name"); return []
            }
            return [
                .export(path: words[1], delegateID: me.id, zone: zone, language: state.l10n.language)
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
    state.zone = .named(name)
    return []
}

// MARK: Main views

private func mainKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let contexts: [KeyContext] =
        state.tab == .worldClock ? [.global, .worldClock, .lists, .account] : [.global, .lists, .account]
    guard let command = KeyBindings.command(for: key, in: contexts) else { return [] }
    let count = rowCount(state)
    func move(_ delta: Int) {
        switch state.tab {
        case .schedule: state.scheduleRow = max(0, min(count - 1, state.scheduleRow + delta))
        case .programme: state.programmeRow = max(0, min(count - 1, state.programmeRow + delta))
        case .worldClock: break
        }
    }
    let page = max(1, state.height - 6)
    switch command {
    case .appQuit: state.quitting = true; return [.quit]
    case .appHelp: state.showHelp = true
    case .appCommand: state.prompt = Prompt(.command)
    case .viewNext: state.tab = Tab(rawValue: (state.tab.rawValue + 1) % Tab.allCases.count)!; state.detail = nil
    case .viewPrevious:
        state.tab = Tab(rawValue: (state.tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!;
        state.detail = nil
    case .viewSchedule: state.tab = .schedule; state.detail = nil
    case .viewProgramme: state.tab = .programme; state.detail = nil
    case .viewWorldClock: state.tab = .worldClock; state.detail = nil
    case .zoneCycle:
        switch state.zone {
        case .mine: state.zone = .host
        case .host: state.zone = .utc
        case .utc: state.prompt = Prompt(.zone); state.prompt!.completions = ZoneNames.completions(for: "")
        case .named: state.zone = .mine
        }
    case .timeNow: jumpToNow(&state)
    case .cursorDown:
        if state.tab == .worldClock {
            state.clockRow = min(state.clockRow + 1, max(0, (state.data?.meeting.delegations.count ?? 1) - 1))
        } else {
            move(1)
        }
    case .cursorUp: if state.tab == .worldClock { state.clockRow = max(0, state.clockRow - 1) } else { move(-1) }
    case .cursorPageDown: move(page)
    case .cursorPageUp: move(-page)
    case .cursorFirst: move(-count)
    case .cursorLast: move(count)
    case .listOpen:
        let lines = visibleLines(state)
        let row = state.tab == .schedule ? state.scheduleRow : state.programmeRow
        if state.tab != .worldClock, lines.indices.contains(row) { state.detail = lines[row].session.id }
    case .listClose:
        if state.detail != nil { state.detail = nil } else if state.search != nil { state.search = nil }
    case .searchStart: state.prompt = Prompt(.search)
    case .searchNext: move(1)
    case .clockEarlier: state.clockHour = (state.clockHour + 23) % 24
    case .clockLater: state.clockHour = (state.clockHour + 1) % 24
    case .clockPreviousDay: state.clockDay = max(0, state.clockDay - 1)
    case .clockNextDay: state.clockDay = min(state.clockDay + 1, (state.data?.meeting.days.count ?? 1) - 1)
    case .accountPassword: state.passwordForm = PasswordForm()
    default: break
    }
    return []
}

/// The lines of the list on screen.
public func visibleLines(_ state: AppState) -> [SessionLine] {
    guard let data = state.data else { return [] }
    return state.lines(mineOnly: state.tab == .schedule, clock: data.clock)
}

/// How many rows the list on screen has (without converting any time).
private func rowCount(_ state: AppState) -> Int {
    guard let data = state.data, state.tab != .worldClock else { return 0 }
    return data.placed.filter { p in
        (state.tab == .programme || p.mine) && (state.search.map { $0.isEmpty || p.searchKey.contains($0) } ?? true)
    }.count
}

/// Selects the session running now, else the next one, else the last; the world clock moves to
/// the current hour and day.
private func jumpToNow(_ state: inout AppState) {
    guard let data = state.data else { return }
    for tab in [Tab.schedule, .programme] {
        var s = state
        s.tab = tab
        let lines = visibleLines(s)
        let i = lines.firstIndex { state.now < $0.end } ?? max(0, lines.count - 1)
        if tab == .schedule { state.scheduleRow = i } else { state.programmeRow = i }
    }
    let utc = LocalDateTime(localSeconds: state.now.seconds)
    state.clockHour = utc.hour
    if let d = data.meeting.days.firstIndex(of: data.clock.hostLocal(at: state.now).day) { state.clockDay = d }
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
