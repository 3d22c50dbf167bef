import AgendaFiles
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
import TerminalBackend

/// The shell of the terminal UI: feeds terminal events and clock ticks to `reduce`, runs the
/// effects it returns against the store, and draws `render(state)` after each change.
struct TerminalApp {
    let store: SQLiteStore
    /// The OS user: when staff of the database, the staff screens open without a sign-in.
    var operatorName: String? = nil
    /// How often (seconds, while idle) a signed-in delegate's registration is read again.
    var registrationCheckSeconds = 3.0
    /// Where sign-ins come from (the SSH client's address under a restricted login).
    var source = SignInSource.from(environment: ProcessInfo.processInfo.environment)
    /// The desk's counts per status, read again only after a change (searching and filtering
    /// do not change them, and counting 20,000 rows on every key cost more than the page).
    private let counts = CountsCache()
    /// The builder's solver, running on its own thread.
    private let solverJob = SolverJob()
    /// The clock: the real one, or one started at `--now` that runs from there.
    let clock: @Sendable () -> Instant
    /// The delegates' language (`--lang`, else the environment); `languageChosen` when `--lang` gave it.
    var l10n: Localizer = .english
    var languageChosen = false
    /// Where `:export FILE` writes (INTERSESSION_EXPORTS, else the current folder).
    var exportFolder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["INTERSESSION_EXPORTS"] ?? FileManager.default.currentDirectoryPath)

    /// Runs on the real terminal until the user quits; returns the exit status (128 + signal
    /// when one ended it).
    func run() throws -> Int32 {
        let terminal: CursesTerminal
        let folder = CrashReports.active
        let notice = CrashNotice(log: folder.map { "\($0)/intersession-\(getpid()).stderr.log" },
                                 line: folder.map { l10n("app.crashed", ["folder": $0]) } ?? l10n("app.crashed-no-report"))
        do { terminal = try CursesTerminal(crash: notice) } catch let e as TerminalUnavailable {
            switch e.reason {
            case .notATerminal: throw CLIError(cli("cli.terminal.not-a-terminal"))
            case .noTerminalType: throw CLIError(cli("cli.terminal.no-terminal-type"))
            case .initialisationFailed: throw CLIError(cli("cli.terminal.initialisation-failed"))
            }
        }
        return run(on: terminal)
    }

    /// The loop, on any terminal (the headless twin in tests).
    func run(on terminal: some TerminalDevice) -> Int32 {
        defer { terminal.restore() }
        let options = RenderOptions(borders: terminal.utf8 ? .unicode : .ascii)
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, now: clock(), l10n: l10n, languageChosen: languageChosen)
        var pending: [Action] = []
        if let session = staffSession() { pending.append(.staffStarted(session)) }
        while !pending.isEmpty {
            for effect in reduce(&state, pending.removeFirst()) { pending += perform(effect) }
        }
        terminal.draw(render(state, options: options))
        #if DEBUG
        // A test-only hook (debug builds only): a deliberate trap once the first frame is shown.
        if ProcessInfo.processInfo.environment["INTERSESSION_TEST_CRASH"] == "after-first-frame" { fatalError("deliberate crash (INTERSESSION_TEST_CRASH)") }
        #endif
        var checked = DispatchTime.now().uptimeNanoseconds
        while !state.quitting {
            var actions: [Action] = []
            switch terminal.next() {
            case .event(let e): actions.append(.terminal(e))
            case .idle:
                let t = clock()
                if t.seconds / 60 != state.now.seconds / 60 { actions.append(.clockTicked(t)) }
                // A signed-in delegate whose registration ends meanwhile is signed out at once
                // (checked every few seconds while the screen is idle).
                if let me = state.data?.me, Double(DispatchTime.now().uptimeNanoseconds - checked) >= registrationCheckSeconds * 1e9 {
                    checked = DispatchTime.now().uptimeNanoseconds
                    do {
                        if let current = try store.delegate(id: me.id), current.status.isRegistered {} else { actions.append(.registrationEnded) }
                    } catch {
                        // The store is busy or unreadable for a moment: checked again next time.
                    }
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
                        if case .afterDraw(let a) = effect { later.append(a) } else { actions += perform(effect) }
                    }
                }
                terminal.draw(render(state, options: options))
                actions = later
            }
        }
        return 0
    }

    /// Runs one effect; its answer comes back as actions.
    func perform(_ effect: Effect) -> [Action] {
        switch effect {
        case .quit:
            solverJob.cancel()
            return []
        case .afterDraw(let action):
            return [action]
        case .previewImport(let path, let meetingID):
            do {
                let (plan, problems) = try importPlan(path: path, meetingID: meetingID)
                func who(_ d: Delegate) -> String { "\(d.displayName) (\(d.delegation), \(d.email))" }
                return [.importPreviewed(ImportPreview(
                    path: path, added: plan.adds.map { l10n("app.import.row", ["row": "\($0.row)", "who": who($0.delegate)]) },
                    updated: plan.updates.map { l10n("app.import.row", ["row": "\($0.row)", "who": who($0.delegate) + ": " + $0.fields.joined(separator: ", ")]) },
                    unchanged: plan.unchanged.count, refused: problems))]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .confirmImport(let path, let meetingID):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                // Read and checked again: the file or the store may have changed since the preview.
                let (plan, problems) = try importPlan(path: path, meetingID: meetingID)
                guard problems.isEmpty else { return [.deskChanged(message: l10n("app.import.none", ["why": problems[0]]))] }
                let (added, updated) = try store.applyImport(plan, meetingID: meetingID, actor: actor)
                return [.deskChanged(message: l10n("app.import.done", ["path": path, "added": "\(added)", "updated": "\(updated)"]))]
            } catch {
                return [.deskChanged(message: l10n("app.import.none", ["why": oneLine(error)]))]
            }
        case .loadBuilder(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else { return [.builderFailed(l10n("app.no-meeting", ["meeting": meetingID]))] }
                let draft = try store.draftProgramme(meetingID: meetingID) ?? store.currentProgramme(meetingID: meetingID)
                let published = try store.publishedProgramme(meetingID: meetingID)
                let model = try BuilderModel(meeting: meeting, draft: draft, requests: try store.allInterpretationRequests(meeting: meeting), l10n: l10n)
                return [.builderLoaded(BuilderLoad(model: model, draft: draft, publishedVersion: published?.version, publishedProgramme: published?.programme))]
            } catch {
                return [.builderFailed(oneLine(error))]
            }
        case .saveDraft(let programme):
            guard let actor = operatorName else { return [] }
            do {
                try store.saveDraft(programme, actor: actor)
                return []
            } catch {
                return [.notice(l10n("app.draft-not-saved", ["why": oneLine(error)]))]
            }
        case .publish(let meetingID):
            guard let actor = operatorName else { return [] }
            do {
                let version = try store.publish(meetingID: meetingID, actor: actor)
                guard let p = try store.publishedProgramme(meetingID: meetingID, version: version) else { return [] }
                return [.published(version: version, programme: p.programme)]
            } catch {
                return [.notice(oneLine(error))]
            }
        case .solve(let programme, let seconds):
            do {
                guard let meeting = try store.meeting(programme.meetingID) else { return [.solverFailed(l10n("app.no-meeting", ["meeting": programme.meetingID]))] }
                let requests = try store.allInterpretationRequests(meeting: meeting)
                solverJob.start(meeting: meeting, programme: programme, requests: requests, seconds: seconds)
                return []
            } catch {
                return [.solverFailed(oneLine(error))]
            }
        case .cancelSolver:
            solverJob.cancel()
            return []
        case .loadDesk(let query):
            do {
                if counts.stale || counts.value == nil {
                    counts.value = try store.statusCounts(meetingID: query.meetingID)
                    counts.stale = false
                }
                return [.deskLoaded(rows: try store.delegates(query), counts: counts.value ?? [:])]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .issueAccount(let id, let meetingID):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                guard let a = try store.issueAccounts(meetingID: meetingID, delegation: nil, ids: [id], actor: actor).first else {
                    return [.deskChanged(message: l10n("app.no-account-to-issue", ["id": "\(id)"]))]
                }
                return [.accountIssued(IssuedToken(delegateID: a.delegateID, name: a.name, username: a.username, token: a.token))]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .clearSignInWaits(let id, _):
            guard let actor = operatorName else { return [] }
            do {
                guard let username = try store.username(delegateID: id) else { return [.deskChanged(message: l10n("app.no-account", ["id": "\(id)"]))] }
                let cleared = try store.clearThrottle(username: username, actor: actor)
                return [.deskChanged(message: l10n.plural("app.waits-cleared", cleared, ["username": username]))]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .addDelegate(let d):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                let (saved, warnings) = try store.add(d, actor: actor)
                return [.delegateAdded(saved, warnings: warnings.map { $0.text(l10n) })]
            } catch StoreError.invalid(let problems) {
                return [.formRefused(problems.map { $0.text(l10n) })]
            } catch {
                return [.formRefused([oneLine(error)])]
            }
        case .saveDelegate(let d):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                return [.delegateSaved(try store.save(d, actor: actor))]
            } catch let conflict as StoreError {
                switch conflict {
                case .conflict: return [.editConflicted(conflict.message(l10n))]
                case .invalid(let problems): return [.formRefused(problems.map { $0.text(l10n) })]
                default: return [.formRefused([conflict.message(l10n)])]
                }
            } catch {
                return [.formRefused([oneLine(error)])]
            }
        case .reloadDelegate(let id, let meetingID):
            do {
                guard let d = try store.delegate(id, meetingID: meetingID) else { return [.deskChanged(message: l10n("app.delegate-gone", ["id": "\(id)"]))] }
                return [.delegateReloaded(d)]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .requestInterpretation(let r, let meetingID), .withdrawInterpretation(let r, let meetingID):
            guard let actor = operatorName else { return [] }
            let what = ["delegation": r.delegation, "language": l10n.languageName(r.language), "session": r.session]
            do {
                if case .withdrawInterpretation = effect {
                    try store.withdrawInterpretation(r, meetingID: meetingID, actor: actor)
                    return [.boardChanged(message: l10n("board.withdrawn", what))]
                }
                let added = try store.requestInterpretation(r, meetingID: meetingID, actor: actor)
                return [.boardChanged(message: l10n(added ? "board.recorded" : "board.already", what))]
            } catch {
                return [.boardChanged(message: oneLine(error))]
            }
        case .export(let path, let delegateID, let zone, let language):
            let l = Localizer(language)
            do {
                let me = try delegateID.flatMap { try store.delegate(id: $0) }
                let first = try store.meetingSummaries().first?.id
                guard let meetingID = me?.meetingID ?? first else { return [.notice(l("export.failed", ["why": l("app.no-meeting-yet")]))] }
                let file = path.hasPrefix("/") ? path : exportFolder.appendingPathComponent(path).path
                try ExportFile.write(store: store, meetingID: meetingID, path: file, delegate: me, zone: zone, l10n: l, stamp: clock())
                return [.notice(l("export.written", ["path": file]))]
            } catch {
                return [.notice(l("export.failed", ["why": (error as? ExportError)?.message.text(l) ?? oneLine(error, l)]))]
            }
        case .loadOverview(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else { return [.deskChanged(message: l10n("app.no-meeting", ["meeting": meetingID]))] }
                let published = try store.publishedProgramme(meetingID: meetingID)
                let programme = try published?.programme ?? store.draftProgramme(meetingID: meetingID)
                return [.overviewLoaded(try DelegationOverview(meeting: meeting, delegates: try store.delegates(DelegateQuery(meetingID: meetingID)),
                                                               programme: programme, programmeLabel: published.map { l10n("overview.published", ["version": "\($0.version)"]) } ?? l10n("overview.draft"),
                                                               l10n: l10n))]
            } catch {
                return [.deskChanged(message: l10n("app.overview-failed", ["why": oneLine(error)]))]
            }
        case .loadBoard(let meetingID):
            do {
                guard let meeting = try store.meeting(meetingID) else { return [.deskChanged(message: l10n("app.no-meeting", ["meeting": meetingID]))] }
                let published = try store.publishedProgramme(meetingID: meetingID)
                var board = try BoardData(meeting: meeting, programme: try published?.programme ?? store.draftProgramme(meetingID: meetingID),
                                          requests: try store.allInterpretationRequests(meeting: meeting),
                                          explicit: try store.interpretationRequests(meetingID: meetingID).map(\.request), l10n: l10n)
                board.published = published?.version
                return [.boardLoaded(board)]
            } catch {
                return [.deskChanged(message: l10n("app.board-failed", ["why": oneLine(error)]))]
            }
        case .loadTrail(let id, let meetingID):
            do {
                guard let d = try store.delegate(id, meetingID: meetingID) else { return [.deskChanged(message: l10n("app.delegate-gone", ["id": "\(id)"]))] }
                return [.trailLoaded(d, try store.audit(meetingID: meetingID, subject: "delegate \(id)", since: nil))]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .changeStatus(let id, let meetingID, let status, let reason, let version):
            guard let actor = operatorName else { return [] }
            counts.stale = true
            do {
                let d = try store.changeStatus(id, meetingID: meetingID, to: status, reason: reason, expectedVersion: version, actor: actor)
                return [.deskChanged(message: l10n("app.status-changed", ["id": "\(d.id)", "name": d.displayName, "status": l10n("status." + d.status.rawValue)]))]
            } catch {
                return [.deskChanged(message: oneLine(error))]
            }
        case .signIn(let username, let secret):
            do {
                switch try store.signIn(username: username, secret: secret, source: source) {
                case .refused: return [.signInAnswered(.refused)]
                case .throttled(let seconds): return [.signInAnswered(.throttled(seconds: seconds))]
                case .inactive: return [.signInAnswered(.inactive)]
                case .mustSetPassword: return [.signInAnswered(.mustSetPassword)]
                case .signedIn(let id): return [.signInAnswered(load(delegateID: id))]
                }
            } catch {
                return [.signInAnswered(.failed(oneLine(error)))]
            }
        case .setPassword(let username, let token, let password):
            do {
                try store.setPassword(username: username, token: token, password: password, source: source)
                guard case .signedIn(let id) = try store.signIn(username: username, secret: password, source: source) else { return [.signInAnswered(.refused)] }
                return [.signInAnswered(load(delegateID: id))]
            } catch {
                return [.signInAnswered(.failed(oneLine(error)))]
            }
        }
    }

    /// A CSV list read and planned against the store (nothing written), with every problem as
    /// "FILE:ROW: field: message" in the screens' language.
    func importPlan(path: String, meetingID: String) throws -> (ImportPlan, [String]) {
        let (_, plan, problems) = try planListImport(store, path: path, meetingID: meetingID, options: DelegateCSVReader.Options(), l: l10n)
        return (plan, problems)
    }

    /// The staff session of the OS user, when it is staff (not a delegate's account) and the
    /// database holds a meeting.
    func staffSession() -> StaffSession? {
        guard let name = operatorName, let member = try? store.staff().first(where: { $0.name == name }), member.role != .delegate,
              let summary = try? store.meetingSummaries().first else { return nil }
        let codes = (try? store.meeting(summary.id))??.delegations.map(\.code) ?? []
        return StaffSession(name: name, role: member.role, meetingID: summary.id, meetingTitle: summary.title, delegations: codes)
    }

    /// An error for the message line: the store's sentence on one line, in the language of `l`
    /// (the screens' by default).
    func oneLine(_ error: any Error, _ l: Localizer? = nil) -> String {
        ((error as? StoreError)?.message(l ?? l10n) ?? "\(error)").replacingOccurrences(of: "\n", with: " ")
    }

    /// What a signed-in delegate's screens need.
    func load(delegateID: Int64) -> SignInAnswer {
        do {
            guard let me = try store.delegate(id: delegateID), let meeting = try store.meeting(me.meetingID) else {
                return .failed(l10n("app.registration-missing"))
            }
            // Registered colleagues only (approved or with an account), and only what the Chair's
            // office has published: a draft is never shown to a delegate.
            let colleagues = try store.delegates(DelegateQuery(meetingID: meeting.id, delegation: me.delegation)).filter { $0.status.isRegistered }
            return .signedIn(try MeetingData(meeting: meeting, programme: try store.publishedProgramme(meetingID: meeting.id)?.programme, me: me,
                                             colleagues: colleagues, requests: try store.allInterpretationRequests(meeting: meeting)))
        } catch {
            return .failed(l10n("app.meeting-failed", ["why": oneLine(error)]))
        }
    }

    /// A new database gets the sample meeting and its programme (draft), when the sample files
    /// are where this program was built from (`swift run intersession`).
    static func seedIfNew(path: String) throws -> SQLiteStore {
        let isNew = !FileManager.default.fileExists(atPath: path)
        let store = try storeCall { try SQLiteStore(path: path, creator: OSUser.name) }
        guard isNew else { return store }
        let agenda = SampleFiles.agenda, programme = SampleFiles.programme
        guard FileManager.default.fileExists(atPath: agenda), let meeting = AgendaReader.load(path: agenda).meeting else { return store }
        _ = try storeCall { try store.importMeeting(meeting, actor: OSUser.name) }
        if let p = ProgrammeReader.load(path: programme, meeting: meeting).programme {
            try storeCall { try store.saveDraft(p, actor: OSUser.name) }
        }
        return store
    }
}

/// The solver started from the builder: it runs on its own thread; the loop takes its progress
/// and its answer as actions between keys (at least every 250 ms, the terminal's timeout).
final class SolverJob: @unchecked Sendable {
    private let lock = NSLock()
    private var control: SolverControl?
    private var pending: [Action] = []
    /// While it runs: when it started and its last report (the bar moves even when the best does not).
    private var started: UInt64?
    private var last: (iteration: Int, best: Score?) = (0, nil)

    /// Re-plans `programme` (its pins kept, stability towards it) for at most `seconds`.
    func start(meeting: Meeting, programme: Programme, requests: [InterpretationRequest], seconds: Double) {
        let control = SolverControl()
        lock.withLock {
            self.control?.cancel()
            self.control = control
            started = DispatchTime.now().uptimeNanoseconds
            last = (0, nil)
        }
        let thread = Thread { [self] in
            do {
                let problem = try SchedulingProblem(meeting: meeting, reference: programme, requests: requests)
                let start = Plan.of(programme, on: problem)
                let solver = Solver(problem: problem, settings: SolverSettings(seed: 1, timeLimit: seconds))
                var last = 0.0
                let result = solver.solve(from: start, control: control) { p in
                    guard p.elapsed - last >= 0.2 else { return }
                    last = p.elapsed
                    self.post(.solverProgress(iteration: p.iteration, elapsed: p.elapsed, best: p.best))
                }
                let pins = Set(programme.placements.filter(\.pinned).map(\.sessionID))
                self.post(.solverFinished(result.plan.programme(problem, pinned: pins), stop: result.stop.rawValue))
            } catch {
                self.post(.solverFailed("\(error)"))
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func post(_ action: Action) {
        lock.withLock {
            // Only the latest progress matters.
            if case .solverProgress(let i, _, let best) = action {
                last = (i, best)
                if case .solverProgress? = pending.last { pending.removeLast() }
            } else {
                started = nil
            }
            pending.append(action)
        }
    }

    /// The actions that arrived since the last call.
    func take() -> [Action] {
        lock.withLock {
            defer { pending = [] }
            if pending.isEmpty, let started {
                return [.solverProgress(iteration: last.iteration, elapsed: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, best: last.best)]
            }
            return pending
        }
    }

    func cancel() { lock.withLock { control?.cancel() } }
}

/// The desk's last counts per status and whether a change made them stale.
final class CountsCache: @unchecked Sendable {
    var value: [RegistrationStatus: Int]?
    var stale = true
}

/// The sample meeting's files in the source tree this program was built from.
enum SampleFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var agenda: String { root.appendingPathComponent("Agendas/kp-2021-intersessional.yaml").path }
    static var programme: String { root.appendingPathComponent("Agendas/kp-2021-intersessional.programme.yaml").path }
}
