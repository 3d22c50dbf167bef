import AppShell
import ArgumentParser
import Foundation
import FrontDoor
import Localization
import MeetingModel
import MeetingTime
import Publishing
import Store
import Synchronization

/// `intersession serve`: the SSH front door (issue 18). Delegates sign in with their personal
/// accounts; each session runs `intersession serve-session` on a pseudo-terminal of its own.
struct ServeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "serve", abstract: cli("cli.serve.about"), discussion: cli("cli.serve.more"))
    }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(cli("cli.serve.listen"), valueName: "addr:port"))
    var listen = "0.0.0.0:2222"

    @Option(name: .customLong("host-key"), help: ArgumentHelp(cli("cli.serve.host-key"), valueName: "path"))
    var hostKey: String?

    @Flag(help: ArgumentHelp(cli("cli.serve.fingerprint")))
    var fingerprint = false

    @Option(name: .customLong("max-sessions"), help: ArgumentHelp(cli("cli.serve.max-sessions"), valueName: "n"))
    var maxSessions = 300

    @Option(
        name: .customLong("max-sessions-per-account"),
        help: ArgumentHelp(cli("cli.serve.max-per-account"), valueName: "n"))
    var maxPerAccount = 3

    @Option(
        name: .customLong("max-connections-per-address"),
        help: ArgumentHelp(cli("cli.serve.max-per-address"), valueName: "n"))
    var maxPerAddress = 20

    @Option(name: .customLong("login-grace"), help: ArgumentHelp(cli("cli.serve.login-grace"), valueName: "seconds"))
    var loginGrace = 120

    @Option(name: .customLong("warm-sessions"), help: ArgumentHelp(cli("cli.serve.warm"), valueName: "n"))
    var warmSessions = 2

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(cli("cli.serve.idle"), valueName: "minutes"))
    var idle = "60"

    /// `--idle-timeout` in seconds: minutes, or seconds with an "s" ("90s"); 0 is never.
    var idleSeconds: Int? {
        if idle.hasSuffix("s"), let s = Int(idle.dropLast()) { return s }
        return Int(idle).map { $0 * 60 }
    }

    func validate() throws {
        guard (1...10_000).contains(maxSessions) else {
            throw ValidationError(cli("cli.serve.bad-number", ["option": "--max-sessions", "range": "1–10000"]))
        }
        guard (1...100).contains(maxPerAccount) else {
            throw ValidationError(
                cli("cli.serve.bad-number", ["option": "--max-sessions-per-account", "range": "1–100"]))
        }
        guard (1...10_000).contains(maxPerAddress) else {
            throw ValidationError(
                cli("cli.serve.bad-number", ["option": "--max-connections-per-address", "range": "1–10000"]))
        }
        guard (0...50).contains(warmSessions) else {
            throw ValidationError(cli("cli.serve.bad-number", ["option": "--warm-sessions", "range": "0–50"]))
        }
        guard (2...600).contains(loginGrace) else {
            throw ValidationError(cli("cli.serve.bad-number", ["option": "--login-grace", "range": "2–600"]))
        }
        guard let seconds = idleSeconds, seconds == 0 || (2...604_800).contains(seconds) else {
            throw ValidationError(cli("cli.serve.bad-number", ["option": "--idle-timeout", "range": "0, 2s–10080"]))
        }
    }

    func run() throws {
        let keyPath = hostKey ?? HostKey.defaultPath()
        let key: HostKey
        do { key = try HostKey.loadOrCreate(at: keyPath) } catch { throw CLIError("\(error)") }
        if fingerprint {
            print("\(key.fingerprint) (ED25519)")
            print(key.openSSH)
            return
        }
        let db = try store.open()
        if let meeting = store.meeting {
            try StoreOptions.require(meeting, among: try db.meetingSummaries(), path: store.path)
        }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            throw CLIError(cli("cli.serve.no-executable"))
        }
        var config = FrontDoorConfiguration(database: store.path, executable: executable, hostKeyPath: keyPath)
        guard config.listen(listen) else { throw CLIError(cli("cli.serve.bad-listen", ["value": listen])) }
        config.meetingID = store.meeting
        config.maxSessions = maxSessions
        config.maxSessionsPerAccount = maxPerAccount
        config.maxConnectionsPerSource = maxPerAddress
        config.loginGraceSeconds = loginGrace
        config.idleSeconds = idleSeconds == 0 ? nil : idleSeconds
        config.warmSessions = warmSessions
        let env = ProcessInfo.processInfo.environment
        config.inherited = env.filter { name, _ in
            [
                "SWIFT_BACKTRACE", "INTERSESSION_CRASH_DIR", "INTERSESSION_NOW", "HOME", "XDG_DATA_HOME",
                "XDG_STATE_HOME", "INTERSESSION_TEST_CRASH",
            ].contains(name)
        }
        let server: FrontDoorServer
        do { server = try FrontDoorServer(configuration: config, store: db, hostKey: key, log: ServeLog.line) } catch {
            throw CLIError("\(error)")
        }
        let address: String
        do { address = try server.start() } catch { throw CLIError("\(error)") }
        ServeLog.line("listening on \(address), host key \(key.fingerprint), database \(store.path)")
        // SIGTERM (systemd's stop) and SIGINT: every session is told, then the server ends.
        for sig in [SIGTERM, SIGINT] { signal(sig, SIG_IGN) }
        let stopped = DispatchSemaphore(value: 0)
        let sources = [SIGTERM, SIGINT].map { sig in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                ServeLog.line("stopping (signal \(sig)): \(server.openSessions) sessions open")
                server.stop()
                stopped.signal()
            }
            source.resume()
            return source
        }
        stopped.wait()
        sources.forEach { $0.cancel() }
        ServeLog.line("stopped")
    }
}

/// The server's log: one line per event on stdout, with the time (systemd's journal adds its own,
/// but a file or a terminal has none).
enum ServeLog {
    static let lock = Mutex(())

    static let line: @Sendable (String) -> Void = { text in
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime])
        lock.withLock { _ in
            // A log that cannot be written (its reader gone) must not stop the server.
            try? FileHandle.standardOutput.write(contentsOf: Data("\(stamp) \(text)\n".utf8))
        }
    }
}

/// `intersession serve-session` (hidden): one session of the front door, started by `serve`
/// with its ticket on fd 3 (a pipe). Without a ticket it refuses, so it opens nothing for anyone
/// who runs it by hand.
struct ServeSessionCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve-session", abstract: cli("cli.serve-session.about"), shouldDisplay: false)
    }

    func run() throws {
        guard let ticket = SessionTicket.read() else { throw CLIError(cli("cli.serve-session.no-ticket")) }
        // A child started ahead of its session learns its terminal's type with the ticket.
        if let term = ticket.term { setenv("TERM", term, 1) }
        let store: SQLiteStore
        do { store = try SQLiteStore(path: ticket.database, creator: OSUser.name) } catch let e as StoreError {
            throw CLIError(storeMessage(e))
        }
        let clock = try terminalClock()
        switch ticket.kind {
        case .exec:
            try exec(ticket, store: store, now: clock())
        case .shell:
            // Staff screens only for a staff ticket (a key and a password proved); a delegate's
            // session has no operator, so no key it sends opens one.
            var app = Shell(store: store, operatorName: ticket.staff, clock: clock)
            app.meetingID = ticket.meetingID
            if ticket.staff != nil { app.mail = MailOptions.fromEnvironment }
            app.source = SignInSource(ticket.source)
            app.l10n = Localizer(ticket.language ?? "en")
            app.idleLimit = ticket.idleSeconds
            if ticket.staff == nil {
                app.start =
                    ticket.token.map { .choosePassword(username: ticket.username, token: $0) }
                    ?? .delegate(ticket.delegateID)
            }
            let status = try app.runOnTheTerminal()
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// `ics` and `schedule`: the delegate's own published schedule on stdout, in their zone and
    /// language (the client's when the account has none).
    func exec(_ ticket: SessionTicket, store: SQLiteStore, now: Instant) throws {
        guard ticket.staff == nil else { throw CLIError(cli("cli.serve-session.no-ticket")) }
        guard let me = try store.delegate(id: ticket.delegateID), me.status.isRegistered else {
            throw CLIError(cli("cli.serve-session.inactive"))
        }
        guard ticket.token == nil else { throw CLIError(cli("cli.serve-session.set-password-first")) }
        let language = Localizer.preferred(by: me) ?? ticket.language ?? "en"
        do {
            let text = try ExportFile.text(
                store: store, meetingID: me.meetingID, format: ticket.command == "ics" ? "ics" : "txt", delegate: me,
                zone: me.zone, l10n: Localizer(language), stamp: now)
            // The client may hang up before the end: the rest is dropped, not a crash.
            try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch let e as ExportError {
            throw CLIError(e.message.text(Localizer(language)))
        }
    }
}
