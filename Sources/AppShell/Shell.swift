import AppCore
import Foundation
import Localization
import MeetingModel
import MeetingTime
import Publishing
import Rendering
import RegistrationFiles
import Scheduling
import Screens
import Store
import Terminal

/// How a session the SSH front door signed in starts.
public enum SessionStart: Sendable, Equatable {
    /// The delegate's screens (their password was right).
    case delegate(Int64)
    /// Choosing a first password (the one-time token was right), and nothing else.
    case choosePassword(username: String, token: String)
}

/// The shell of the terminal UI: feeds terminal events and clock ticks to `reduce`, runs the
/// effects it returns against the store (one runner per feature, `Shell+Desk.swift` and the
/// others), and draws `render(state)` after each change. The same shell serves the local
/// terminal and, later, every SSH session: it knows a `TerminalDevice`, never curses.
public struct Shell {
    let store: any ShellStore
    /// The OS user: when staff of the database, the staff screens open without a sign-in.
    public var operatorName: String? = nil
    /// The meeting the screens are for (`--meeting`): staff start there, and only its delegates
    /// may sign in; nil: the database's first meeting for staff, any for delegates.
    public var meetingID: String?
    /// How often (seconds, while idle) the store is asked what other users changed.
    public var changeCheckSeconds = 1.0
    /// Set by the SSH front door, which has signed the account in already: the screens open on
    /// it (nil: the sign-in form, or the staff screens).
    public var start: SessionStart?
    /// Seconds without a key after which the session ends (the SSH front door's idle timeout),
    /// with a warning on the message line before (a minute, or half the limit when shorter);
    /// nil: never. The run then returns `Shell.idleExit`.
    public var idleLimit: Int?
    /// The exit status of a session ended for being idle (EX_TEMPFAIL).
    public static let idleExit: Int32 = 75
    /// Where sign-ins come from (the SSH client's address under a restricted login).
    public var source = SignInSource.from(environment: ProcessInfo.processInfo.environment)
    /// The desk's counts per status, read again only after a change (searching and filtering
    /// do not change them, and counting 20,000 rows on every key cost more than the page).
    let counts = CountsCache()
    /// What other users changed, polled while idle.
    let changeFeed = ChangeFeed()
    /// The builder's solver, running on its own thread.
    let solverJob = SolverJob()
    /// The clock: the real one, or one started at `--now` that runs from there.
    let clock: @Sendable () -> Instant
    /// The delegates' language (`--lang`, else the environment); `languageChosen` when `--lang` gave it.
    public var l10n: Localizer = .english
    /// How letters go (issue 20), when mail is set up: the desk's `i` then sends the account's
    /// letter in the same step and never shows the token.
    public var mail: MailSettings?
    public var languageChosen = false
    /// Where `:export FILE` writes (INTERSESSION_EXPORTS, else the current folder).
    public var exportFolder = URL(
        fileURLWithPath: ProcessInfo.processInfo.environment["INTERSESSION_EXPORTS"]
            ?? FileManager.default.currentDirectoryPath)

    /// A shell on `store`, acting for `operatorName` (staff screens when it is staff), with `clock`.
    public init(store: any ShellStore, operatorName: String? = nil, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.operatorName = operatorName
        self.clock = clock
    }

    /// The loop, on any terminal (the headless twin in tests).
    public func run(on terminal: some TerminalDevice) -> Int32 {
        defer { terminal.restore() }
        let options = RenderOptions(borders: terminal.utf8 ? .unicode : .ascii)
        let size = terminal.size
        var state = AppState(
            width: size.width, height: size.height, now: clock(), l10n: l10n, languageChosen: languageChosen)
        state.frontDoor = start != nil
        var pending: [Action] = []
        switch start {
        case .delegate(let id): pending.append(.signIn(.answered(load(delegateID: id))))
        case .choosePassword(let username, let token):
            pending.append(.signIn(.tokenAccepted(username: username, token: token)))
        case nil: if let session = staffSession() { pending.append(.staffStarted(session)) }
        }
        while !pending.isEmpty {
            for effect in reduce(&state, pending.removeFirst()) { pending += perform(effect) }
        }
        terminal.draw(render(state, options: options))
        #if DEBUG
            // A test-only hook (debug builds only): a deliberate trap once the first frame is shown.
            if ProcessInfo.processInfo.environment["INTERSESSION_TEST_CRASH"] == "after-first-frame" {
                fatalError("deliberate crash (INTERSESSION_TEST_CRASH)")
            }
        #endif
        changeFeed.start(store)
        var lastKey = Date(), warned = false
        while !state.quitting {
            var actions: [Action] = []
            let next = terminal.next()
            if case .event = next {
                lastKey = Date()
                warned = false
            } else if let limit = idleLimit {
                let quiet = Date().timeIntervalSince(lastKey)
                if quiet >= Double(limit) { return Shell.idleExit }
                if !warned, quiet >= Double(limit - min(60, limit / 2)) {
                    warned = true
                    actions.append(.notice(Message("ssh.idle-warning")))
                }
            }
            switch next {
            case .event(let e): actions.append(.terminal(e))
            case .idle:
                let t = clock()
                if t.seconds / 60 != state.now.seconds / 60 { actions.append(.clockTicked(t)) }
                // What other users changed meanwhile (read every second or so while idle, once
                // signed in): the screens reload what they show (issue 17 §10). A delegate whose
                // registration ends meanwhile is signed out by the same reading.
                if state.data != nil || state.staff != nil,
                    let (changes, omitted) = changeFeed.poll(store, every: changeCheckSeconds, actor: operatorName)
                {
                    if omitted > 0 || changes.contains(where: { [.registrations, .accounts].contains($0.area) }) {
                        counts.stale = true
                    }
                    actions.append(.storeChanged(changes, omitted: omitted))
                }
            case .signal(let sig):
                terminal.restore()
                return 128 + sig
            case .endOfInput:
                solverJob.cancel()
                return 0
            }
            actions += solverJob.take()
            // What can wait for the frame (`afterDraw`) is reduced once the frame is drawn, then drawn.
            while !actions.isEmpty {
                var later: [Action] = []
                while !actions.isEmpty {
                    for effect in reduce(&state, actions.removeFirst()) {
                        switch effect {
                        case .afterDraw(let a): later.append(a)
                        case .repaint: terminal.repaint()
                        case .clipboard(let text): terminal.copy(text)
                        default: actions += perform(effect)
                        }
                    }
                }
                terminal.draw(render(state, options: options))
                actions = later
            }
        }
        return 0
    }

    /// Runs one effect through its feature's runner; its answer comes back as actions.
    public func perform(_ effect: Effect) -> [Action] {
        effect.writes ? changeFeed.own(store) { performOne(effect) } : performOne(effect)
    }

    private func performOne(_ effect: Effect) -> [Action] {
        switch effect {
        case .quit:
            solverJob.cancel()
            return []
        case .afterDraw(let action):
            return [action]
        case .repaint, .clipboard:
            return []  // the loop's: it has the terminal
        case .switchMeeting(let id):
            counts.stale = true
            return [.meetingSwitched(staffSession(meetingID: id), wanted: id)]
        case .desk(let effect):
            return performDesk(effect)
        case .board(let effect):
            return performBoard(effect)
        case .builder(let effect):
            return performBuilder(effect)
        case .signIn(let effect):
            return performSignIn(effect)
        case .views(let effect):
            return performDelegateViews(effect)
        case .export(let path, let meetingID, let delegateID, let zone, let language):
            return performExport(
                path: path, meetingID: meetingID, delegateID: delegateID, zone: zone, language: language)
        }
    }

    /// The staff session of the OS user, when it is staff (not a delegate's account) and the
    /// database holds a meeting.
    func staffSession(meetingID wanted: String? = nil) -> StaffSession? {
        guard let name = operatorName, let member = try? store.staff().first(where: { $0.name == name }),
            member.role != .delegate, let all = try? store.meetingSummaries(),
            let summary = all.first(where: { $0.id == (wanted ?? meetingID) }) ?? (wanted == nil ? all.first : nil)
        else { return nil }
        let codes = (try? store.meeting(summary.id))??.delegations.map(\.code) ?? []
        return StaffSession(
            name: name, role: member.role, meetingID: summary.id, meetingTitle: summary.title, delegations: codes,
            meetings: all.map(\.id))
    }

    /// An error for the message line, worded when shown (the store's and the exports' own
    /// messages; anything else as the system said it).
    func words(_ error: any Error) -> Message {
        if let e = error as? StoreError { return e.words }
        if let e = error as? ExportError { return e.message }
        return Message(verbatim: "\(error)".replacingOccurrences(of: "\n", with: " "))
    }

    /// What a signed-in delegate's screens need.
    func load(delegateID: Int64) -> SignInAnswer {
        do {
            guard let me = try store.delegate(id: delegateID), let meeting = try store.meeting(me.meetingID) else {
                return .failed(Message("app.registration-missing"))
            }
            // A sign-in for one meeting (`sign-in --meeting`) takes only its delegates' accounts.
            if let meetingID, me.meetingID != meetingID { return .failed(Message("app.other-meeting")) }
            // Registered colleagues only (approved or with an account), and only what the Chair's
            // office has published: a draft is never shown to a delegate.
            let colleagues = try store.delegates(DelegateQuery(meetingID: meeting.id, delegation: me.delegation)).filter
            { $0.status.isRegistered }
            let published = try store.publishedProgramme(meetingID: meeting.id)
            return .signedIn(
                try MeetingData(
                    meeting: meeting, programme: published?.programme, version: published?.version, me: me,
                    colleagues: colleagues, requests: try store.allInterpretationRequests(meeting: meeting),
                    links: try store.joinLinks(delegateID: me.id)))
        } catch {
            return .failed(Message("app.meeting-failed", values: ["why": .message(words(error))]))
        }
    }
}
