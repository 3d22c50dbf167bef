import Foundation
import IntersessionTestSupport
import Localization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// OpenSSH's client, sshpass and tmux (`.ci/run` installs them).
let sshClientsInstalled = ["/usr/bin/ssh", "/usr/bin/sshpass", "/usr/bin/tmux", "/usr/bin/ssh-keygen"].allSatisfy {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// Issue 18: the SSH front door, with Debian's OpenSSH client (and sshpass for the passwords) as
/// its peer, on 127.0.0.1 and a port the kernel chose; screens read through tmux.
@Suite(.serialized, .enabled(if: sshClientsInstalled))
struct FrontDoorTests {

    /// A meeting with the sample programme published and two delegates with accounts: Thandi
    /// Nkosi (ZA, every body) and Алексей Моисеев (RU, the plenary only); their usernames and tokens.
    struct Meeting {
        let dir: URL
        let db: String
        var env: [String: String] { ["INTERSESSION_DB": db] }
        let accounts: [(username: String, token: String)]

        static func make() throws -> Meeting {
            let dir = try Repository.temporaryFolder()
            let db = dir.appendingPathComponent("door.sqlite").path
            let env = ["INTERSESSION_DB": db]
            _ = try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: env)
            _ = try Executable.run(["programme", "import", Repository.sampleProgramme], environment: env)
            _ = try Executable.run(["publish"], environment: env)
            _ = try Executable.run(
                [
                    "delegates", "add", "--delegation", "ZA", "--given", "Thandi", "--family", "Nkosi", "--email",
                    "t@n.za",
                ],
                environment: env)
            _ = try Executable.run(
                [
                    "delegates", "add", "--delegation", "RU", "--given", "Алексей", "--family", "Моисеев", "--email",
                    "a@m.ru", "--bodies", "PLENARY",
                ], environment: env)
            _ = try Executable.run(["delegates", "approve", "1", "2"], environment: env)
            let issued = try Executable.run(["accounts", "issue", "1", "2"], environment: env).stdout
            let accounts = try ["1 ", "2 "].map { id in
                let fields = try #require(issued.split(separator: "\n").first { $0.hasPrefix(id) }).split(
                    separator: " ")
                return (String(fields[1]), String(fields.last!))
            }
            return Meeting(dir: dir, db: db, accounts: accounts)
        }
    }

    /// `intersession serve` on 127.0.0.1, a free port, its log in a file.
    final class Server {
        let process = Process()
        let log: URL
        let port: Int
        let meeting: Meeting

        init(_ meeting: Meeting, arguments: [String] = []) throws {
            self.meeting = meeting
            log = meeting.dir.appendingPathComponent("serve-\(UUID().uuidString.prefix(6)).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: Executable.intersession)
            process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging([
                "INTERSESSION_DB": meeting.db, "INTERSESSION_NOW": "2021-06-22T10:30Z",
                "INTERSESSION_HOST_KEY": meeting.dir.appendingPathComponent("host_key").path,
                "HOME": meeting.dir.path, "LC_ALL": "C.UTF-8",
            ]) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            var found: Int?
            while Date() < deadline, found == nil, process.isRunning {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: "listening on 127.0.0.1:") {
                    found = Int(text[range.upperBound...].prefix { $0.isNumber })
                }
                usleep(50_000)
            }
            guard let found else {
                process.terminate()
                throw Failure("the server did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            port = found
        }

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// SIGTERM, and the server's exit status.
        @discardableResult
        func stop() -> Int32 {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// The OpenSSH client's options for this server: no configuration file, passwords only,
        /// the host key checked against the test's own known_hosts under one alias (so that a
        /// restarted server on another port is the same host).
        func sshOptions(strict: Bool = false, key: String? = nil) -> [String] {
            let auth =
                key.map { ["-o", "PreferredAuthentications=publickey", "-o", "IdentitiesOnly=yes", "-i", $0] }
                ?? ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password"]
            return [
                "-F", "/dev/null", "-p", "\(port)", "-o", "HostKeyAlias=intersession-test", "-o",
                "UserKnownHostsFile=\(meeting.dir.appendingPathComponent("known_hosts").path)", "-o",
                "StrictHostKeyChecking=\(strict ? "yes" : "accept-new")", "-o", "NumberOfPasswordPrompts=1", "-o",
                "ConnectTimeout=10", "-o", "LogLevel=ERROR",
            ] + auth
        }

        /// `ssh USER@127.0.0.1 COMMAND…` with `password` (sshpass), no terminal; what it printed.
        func ssh(
            _ user: String, password: String, _ command: [String] = [], options: [String] = [], strict: Bool = false
        )
            throws -> Answer
        {
            try FrontDoorTests.run(
                ["/usr/bin/sshpass", "-p", password, "/usr/bin/ssh"] + sshOptions(strict: strict) + options
                    + ["\(user)@127.0.0.1"] + command)
        }

        /// The shell command that opens a terminal session for `user` with `password`.
        func sshCommand(_ user: String, password: String) -> String {
            (["sshpass", "-p", password, "ssh", "-t"] + sshOptions() + ["\(user)@127.0.0.1"]).joined(separator: " ")
        }

        /// The process id of the child serving the latest terminal session of `user`.
        func sessionPID(of user: String) -> pid_t? {
            logText.split(separator: "\n").last { $0.contains("of \(user) from") && $0.contains("(pid ") }
                .flatMap { line in line.range(of: "(pid ").map { pid_t(line[$0.upperBound...].prefix { $0.isNumber }) }
                }
                ?? nil
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// What a client printed and how it ended.
    struct Answer {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs a program to its end, output through files.
    static func run(_ argv: [String]) throws -> Answer {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return Answer(
            status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    typealias Tmux = TerminalTests.Tmux

    // MARK: Tests

    /// The first login with the one-time token opens on choosing a password and nothing else;
    /// then My schedule in the delegate's zone; a resize reaches the screen; the second login
    /// takes the new password; each sign-in and sign-out is in the audit with the address.
    @Test func aDelegatesFirstLoginChoosesAPasswordThenSeesTheirSchedule() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let (user, token) = meeting.accounts[0]
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        let choose = tmux.firstLogin(server, user, password: token)
        #expect(choose.contains("Esc: quit"), "\(choose)")
        // Africa/Johannesburg is UTC+2: the opening (10:00 UTC) at 12:00.
        let schedule = tmux.wait(for: "Mon 21 Jun 12:00-14:00 S01 Opening Session")
        #expect(schedule.contains("Thandi Nkosi (ZA)"), "\(schedule)")
        #expect(schedule.contains("Africa/Johannesburg"))
        tmux.run(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
        let narrow = tmux.wait(for: "S01 Opening Session PL…")
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
        tmux.keys("q")
        tmux.waitUntilGone("S01")
        tmux.wait(for: "SSH=0")

        let second = try server.ssh(user, password: "correct horse battery", ["schedule"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("S01"), "\(second.stdout)")
        // The token was for the first login only.
        let again = try server.ssh(user, password: token, ["schedule"])
        #expect(again.status == 255)

        let audit = try Executable.run(["audit"], environment: meeting.env).stdout
        #expect(audit.contains("access.sign-in") && audit.contains("ssh:127.0.0.1"), "\(audit)")
        #expect(audit.contains("access.sign-out"))
        #expect(server.logText.contains("sign-in of \(user) from ssh:127.0.0.1 (one-time token)"), "\(server.logText)")
    }

    /// A wrong password, an unknown account and a withdrawn one get the same answer; repeated
    /// failures slow the account down at this address, with the same answer again.
    @Test func wrongPasswordsAndWithdrawnAccountsAreRefusedAlikeAndThrottled() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let thandi = meeting.accounts[0].username
        let (alexei, alexeiToken) = meeting.accounts[1]
        _ = try Executable.run(
            ["delegates", "withdraw", "2", "--reason", "left the delegation"], environment: meeting.env)
        let wrong = try server.ssh(thandi, password: "not the token", ["ics"])
        let withdrawn = try server.ssh(alexei, password: alexeiToken, ["ics"])
        let nobody = try server.ssh("nobody", password: "whatever", ["ics"])
        #expect(wrong.status == 255 && withdrawn.status == 255 && nobody.status == 255)
        #expect(wrong.stderr.contains("Permission denied"), "\(wrong.stderr)")
        // The same words but for the username the client itself prints.
        func answer(_ r: Answer, _ user: String) -> String { r.stderr.replacingOccurrences(of: user, with: "USER") }
        #expect(answer(wrong, thandi) == answer(withdrawn, alexei), "\(withdrawn.stderr)")
        #expect(answer(wrong, thandi) == answer(nobody, "nobody"), "\(nobody.stderr)")
        // Three failures are free per account and address; then attempts wait (from 1 s,
        // doubling), and a throttled one gets the same answer. The store's own tests check the
        // waits with a clock of their own; here the real clock runs, so the test only asks that
        // rapid failures reach a wait.
        var throttled: Answer?
        for _ in 0..<12 where throttled == nil {
            let attempt = try server.ssh(thandi, password: "still wrong", ["ics"])
            if server.logText.contains("refused \(thandi) from ssh:127.0.0.1: throttled") { throttled = attempt }
        }
        let slowed = try #require(throttled, "\(server.logText)")
        #expect(slowed.status == 255 && slowed.stderr == wrong.stderr, "\(slowed.stderr)")
        #expect(server.logText.contains("refused \(thandi) from ssh:127.0.0.1: throttled"), "\(server.logText)")
        #expect(server.logText.contains("refused \(alexei) from ssh:127.0.0.1: registration not active"))
    }

    /// Without a terminal only `ics` and `schedule` run, for the signed-in delegate's own
    /// sessions; the calendar parses with Python's icalendar.
    @Test func withoutATerminalOnlyTheDelegatesOwnCalendarAndScheduleRun() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let (alexei, token) = meeting.accounts[1]
        // The token signs in, but a script cannot choose a password.
        let early = try server.ssh(alexei, password: token, ["ics"])
        #expect(early.status == 1 && early.stderr.contains("choose your password first"), "\(early.stderr)")
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.firstLogin(server, alexei, password: token)
        tmux.wait(for: "S01")
        tmux.keys("q")
        tmux.waitUntilGone("S01")
        tmux.wait(for: "SSH=0")

        let noTerminal = try server.ssh(alexei, password: "correct horse battery", options: ["-T"])
        #expect(noTerminal.status == 1, "\(noTerminal.stderr)")
        #expect(noTerminal.stderr.contains(Localizer.english("ssh.needs-terminal")), "\(noTerminal.stderr)")
        let other = try server.ssh(alexei, password: "correct horse battery", ["cat", "/etc/passwd"])
        #expect(other.status == 2 && other.stdout.isEmpty, "\(other.stderr)")
        #expect(other.stderr.contains("'cat /etc/passwd' cannot be run here"), "\(other.stderr)")

        let ics = try server.ssh(alexei, password: "correct horse battery", ["ics"])
        #expect(ics.status == 0, "\(ics.stderr)")
        let file = meeting.dir.appendingPathComponent("mine.ics")
        try ics.stdout.write(to: file, atomically: true, encoding: .utf8)
        let parsed = try Python.run([
            "-c",
            """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(sorted(str(e.get('summary')).split(' ')[0] for e in cal.walk('VEVENT')))
            for e in cal.walk('VEVENT'):
                print(str(e.get('summary')).split(' ')[0], e.get('url'))
            """, file.path,
        ])
        #expect(parsed.status == 0, "\(parsed.output)")
        // Join links (issue 19) at Tue 22 Jun 10:30 UTC: the opening's has ended, the closing's
        // is not out yet, and a session starting within 24 hours carries its room's.
        #expect(parsed.output.contains("S01 None") && parsed.output.contains("S14 None"), "\(parsed.output)")
        #expect(parsed.output.contains(" https://zoom.example.org/j/"), "\(parsed.output)")
        // The plenary's sessions and the joint ones only (six in the sample programme).
        #expect(parsed.output.contains("S01") && parsed.output.contains("S14"), "\(parsed.output)")
        #expect(!parsed.output.contains("S03") && !parsed.output.contains("S05"), "\(parsed.output)")
    }

    /// Two sessions at once each have their own state; killing one session's process ends that
    /// session with a sentence (no report) and leaves the other working.
    @Test func twoSessionsAreIsolatedAndKillingOneLeavesTheOther() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let one = Tmux(), two = Tmux()
        defer {
            one.run(["kill-server"])
            two.run(["kill-server"])
        }
        for (tmux, account) in [(one, meeting.accounts[0]), (two, meeting.accounts[1])] {
            tmux.firstLogin(server, account.username, password: account.token)
        }
        one.wait(for: "Thandi Nkosi (ZA)")
        two.wait(for: "Алексей Моисеев (RU)")
        // One goes to the programme; the other stays on its own schedule.
        one.keys("2")
        one.wait(for: "Programme")
        let still = two.capture()
        #expect(still.contains("Алексей Моисеев (RU): 6 sessions"), "\(still)")
        #expect(!still.contains("Thandi"))

        let pid = try #require(server.sessionPID(of: meeting.accounts[0].username))
        #expect(kill(pid, SIGKILL) == 0)
        let ended = one.wait(for: Localizer.english("ssh.session-failed"))
        #expect(!ended.contains("Backtrace") && !ended.contains("Thread 0"), "\(ended)")
        // The other session still answers keys.
        two.keys("3")
        two.wait(for: "World clock")
        two.keys("1")
        two.wait(for: "Алексей Моисеев (RU): 6 sessions")
        #expect(server.process.isRunning)
    }

    /// SIGTERM tells the open sessions and stops; the restarted server has the same host key,
    /// which the client checks strictly against the known_hosts it saved, and which
    /// `serve --fingerprint` prints as ssh-keygen does.
    @Test func theHostKeyOutlivesARestartAndSIGTERMTellsTheSessions() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let first = try Server(meeting)
        let (user, token) = meeting.accounts[0]
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: [:])
        tmux.type(first.sshCommand(user, password: token))
        tmux.keys("Enter")
        tmux.wait(for: Localizer.english("signin.choose"))
        let status = first.stop()
        #expect(status == 0, "\(first.logText)")
        tmux.wait(for: Localizer.english("ssh.stopping"))
        #expect(first.logText.contains("stopping (signal 15): 1 sessions open"), "\(first.logText)")

        let second = try Server(meeting)
        defer { second.stop() }
        let again = try second.ssh(user, password: token, ["ics"], strict: true)
        // Signed in (the host key was accepted), and told to choose a password first.
        #expect(again.status == 1 && again.stderr.contains("choose your password first"), "\(again.stderr)")
        let printed = try Executable.run(
            ["serve", "--fingerprint"],
            environment: ["INTERSESSION_HOST_KEY": meeting.dir.appendingPathComponent("host_key").path])
        let keygen = try Self.run([
            "/usr/bin/ssh-keygen", "-lf", meeting.dir.appendingPathComponent("known_hosts").path,
        ])
        let fingerprint = try #require(printed.stdout.split(separator: " ").first)
        #expect(fingerprint.hasPrefix("SHA256:"))
        #expect(keygen.stdout.contains(" \(fingerprint) intersession-test (ED25519)"), "\(keygen.stdout)")
        // Another key under the same alias: the strict client refuses the server.
        try FileManager.default.removeItem(at: meeting.dir.appendingPathComponent("host_key"))
        let third = try Server(meeting)
        defer { third.stop() }
        let changed = try third.ssh(user, password: token, ["ics"], strict: true)
        #expect(
            changed.status == 255 && changed.stderr.contains("HOST IDENTIFICATION HAS CHANGED"), "\(changed.stderr)")
    }

    /// Keys: the ASM records one (`accounts key add`), a delegate pastes one (`:key add`); either
    /// then signs in without a password; an RSA key is refused with what to do instead; another
    /// account's key, and a withdrawn registration's, are refused.
    @Test func publicKeysSignInInsteadOfThePassword() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        func makeKey(_ name: String, _ type: String) throws -> (path: String, line: String) {
            let path = meeting.dir.appendingPathComponent(name).path
            let made = try Self.run([
                "/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-C", "\(name)@test", "-f", path,
            ])
            #expect(made.status == 0, "\(made.stderr)")
            return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8))
        }
        func withKey(_ user: String, _ path: String, _ command: [String]) throws -> Answer {
            try Self.run(
                ["/usr/bin/ssh"] + server.sshOptions(key: path) + ["-o", "BatchMode=yes", "\(user)@127.0.0.1"] + command
            )
        }
        let (thandi, _) = meeting.accounts[0]
        let (alexei, alexeiToken) = meeting.accounts[1]
        let ed = try makeKey("ed", "ed25519")
        let added = try Executable.run(["accounts", "key", "add", "1", ed.line], environment: meeting.env)
        #expect(added.status == 0 && added.stdout.contains("key SHA256:"), "\(added.stderr)")
        let rsa = try makeKey("rsa", "rsa")
        let refused = try Executable.run(["accounts", "key", "add", "1", rsa.line], environment: meeting.env)
        #expect(refused.status != 0 && refused.stderr.contains("ssh-keygen -t ed25519"), "\(refused.stderr)")

        let byKey = try withKey(thandi, ed.path, ["schedule"])
        #expect(byKey.status == 0 && byKey.stdout.contains("S01"), "\(byKey.stderr)")
        #expect(server.logText.contains("sign-in of \(thandi) from ssh:127.0.0.1 (key SHA256:"), "\(server.logText)")
        // Thandi's key is not Alexei's.
        #expect(try withKey(alexei, ed.path, ["schedule"]).status == 255)

        // Alexei pastes an ECDSA key on his own screens after his first login.
        let ec = try makeKey("ec", "ecdsa")
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.firstLogin(server, alexei, password: alexeiToken)
        tmux.wait(for: "Алексей Моисеев (RU)")
        tmux.type(":key add " + ec.line.trimmingCharacters(in: .newlines))
        tmux.keys("Enter")
        tmux.wait(for: "added: you can now sign in with it")
        tmux.type(":key list")
        tmux.keys("Enter")
        tmux.wait(for: "ecdsa-sha2-nistp256 ec@test")
        tmux.keys("q")
        tmux.waitUntilGone("Алексей")
        let alexeiByKey = try withKey(alexei, ec.path, ["ics"])
        #expect(alexeiByKey.status == 0 && alexeiByKey.stdout.hasPrefix("BEGIN:VCALENDAR"), "\(alexeiByKey.stderr)")

        _ = try Executable.run(["delegates", "withdraw", "2", "--reason", "left"], environment: meeting.env)
        #expect(try withKey(alexei, ec.path, ["ics"]).status == 255)
        #expect(server.logText.contains("registration not active (key)"), "\(server.logText)")
    }

    /// An idle terminal session warns (here on the sign-in form), then closes with a sentence.
    /// The session cap per account (1 here) refuses a second session in words.
    @Test func idleSessionsWarnThenCloseAndTheSessionCapHolds() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting, arguments: ["--idle-timeout", "6s", "--max-sessions-per-account", "1"])
        defer { server.stop() }
        let (user, token) = meeting.accounts[0]
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: [:])
        tmux.type(server.sshCommand(user, password: token))
        tmux.keys("Enter")
        // The session starts (and its last input arrives) after this moment: time measured from
        // here is never less than the server's idle time.
        let typed = Date()
        tmux.wait(for: Localizer.english("signin.choose"))
        // A second session of the same account while the first is open: refused in words.
        let second = try server.ssh(user, password: token, ["ics"])
        #expect(second.status == 1 && second.stderr.contains(Localizer.english("ssh.too-many")), "\(second.stderr)")
        tmux.wait(for: "No key pressed for a long while")  // the form wraps the rest
        #expect(Date().timeIntervalSince(typed) >= 2.5)
        tmux.wait(for: Localizer.english("ssh.idle-closed"))
        #expect(Date().timeIntervalSince(typed) >= 5.5)
        #expect(server.logText.contains("idle: closed"), "\(server.logText)")
    }

    /// Staff need a key and a password, both (swift-nio-ssh's partial success), and get their
    /// screens; either alone is refused. A staff name cannot be a delegate's username, and a
    /// delegate's session stays on the delegate's screens whatever keys it sends.
    @Test func staffNeedAKeyAndAPasswordAndDelegatesNeverReachTheirScreens() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let key = meeting.dir.appendingPathComponent("bea").path
        _ = try Self.run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bea@asm", "-f", key])
        let line = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        let added = try Executable.run(
            ["users", "add", "bea", "--role", "asm", "--key", line], environment: meeting.env)
        #expect(added.status == 0 && added.stdout.contains("bea: key SHA256:"), "\(added.stderr)")
        let password = "a long staff passphrase"
        let set = try Self.run([
            "/bin/sh", "-c",
            "printf '%s\\n' '\(password)' | INTERSESSION_DB='\(meeting.db)' '\(Executable.intersession)' users password bea",
        ])
        #expect(set.status == 0 && set.stdout.contains("bea: SSH password set"), "\(set.stderr)")
        let clash = try Executable.run(
            ["users", "add", meeting.accounts[0].username, "--role", "asm"], environment: meeting.env)
        #expect(clash.status != 0 && clash.stderr.contains("is a delegate's username"), "\(clash.stderr)")

        let server = try Server(meeting)
        defer { server.stop() }
        let passwordOnly = try server.ssh("bea", password: password)
        #expect(
            passwordOnly.status == 255 && passwordOnly.stderr.contains("Permission denied"), "\(passwordOnly.stderr)")
        let keyOnly = try Self.run(
            ["/usr/bin/ssh"] + server.sshOptions(key: key) + ["-o", "BatchMode=yes", "-t", "-t", "bea@127.0.0.1"])
        #expect(keyOnly.status == 255 && keyOnly.stderr.contains("Permission denied"), "\(keyOnly.stderr)")

        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: [:])
        let both =
            ["sshpass", "-p", "'\(password)'", "ssh", "-t"]
            + server.sshOptions(key: key).map {
                $0 == "PreferredAuthentications=publickey" ? "PreferredAuthentications=publickey,password" : $0
            }
            + ["bea@127.0.0.1"]
        tmux.type(both.joined(separator: " "))
        tmux.keys("Enter")
        let desk = tmux.wait(for: "Registration desk")
        #expect(desk.contains("Interpretation board"), "\(desk)")
        #expect(
            server.logText.contains("sign-in of staff bea from ssh:127.0.0.1 (key and password)"), "\(server.logText)")
        tmux.keys("q")
        tmux.waitUntilGone("Registration desk")

        // A delegate sends the staff screens' keys and commands: still their own schedule.
        let (user, token) = meeting.accounts[0]
        let other = Tmux()
        defer { other.run(["kill-server"]) }
        other.firstLogin(server, user, password: token)
        other.wait(for: "Thandi Nkosi (ZA)")
        for keys in [["Tab"], ["M"], [":meeting kp-2021-intersessional", "Enter"], ["\t"], ["d"], ["b"]] {
            other.run(["send-keys", "-t", "t"] + keys)
        }
        usleep(500_000)
        let screen = other.capture()
        #expect(!screen.contains("Registration desk") && !screen.contains("Programme builder"), "\(screen)")
    }

    /// The client's LANG (OpenSSH's SendEnv) chooses the screens' language when the account has
    /// none; what the client sends beyond the language variables is refused, and the session
    /// opens all the same.
    @Test func theClientsLanguageChoosesTheScreensLanguage() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let (user, token) = meeting.accounts[0]
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: ["LANG": "fr_FR.UTF-8"])
        tmux.type(
            (["sshpass", "-p", token, "ssh", "-t", "-o", "SendEnv=LANG", "-o", "SetEnv=EVIL=1"] + server.sshOptions()
                + ["\(user)@127.0.0.1"]).joined(separator: " "))
        tmux.keys("Enter")
        tmux.wait(for: Localizer("fr")("signin.choose"))
        #expect(server.logText.contains("session 1 of \(user)"), "\(server.logText)")
    }

    /// One connection gets six password attempts at most (OpenSSH's MaxAuthTries), then is
    /// closed; a client that keeps offering passwords (asyncssh here) learns nothing more.
    @Test(.enabled(if: (try? Python.run(["-c", "import asyncssh"]))?.status == 0))
    func oneConnectionGetsSixAttemptsAtMost() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let user = meeting.accounts[0].username
        let client = try Python.run([
            "-c",
            """
            import asyncio, asyncssh, sys
            offered = 0
            class Client(asyncssh.SSHClient):
                def password_auth_requested(self):
                    global offered
                    offered += 1
                    return 'wrong' if offered < 20 else None
            async def main():
                try:
                    await asyncssh.connect('127.0.0.1', int(sys.argv[1]), username=sys.argv[2], known_hosts=None,
                        client_factory=Client, preferred_auth='password', agent_path=None, client_keys=None)
                except Exception as e:
                    print(type(e).__name__)
                print('offered', offered)
            asyncio.run(main())
            """, "\(server.port)", user,
        ])
        #expect(client.status == 0, "\(client.output)")
        let offered = client.output.split(separator: "\n").compactMap { line in
            line.hasPrefix("offered ") ? Int(line.dropFirst("offered ".count)) : nil
        }.first
        // Refused and disconnected: the client offered at most 7 (the 7th is not checked).
        #expect((offered ?? 99) <= 7, "\(client.output)")
        let checked = server.logText.split(separator: "\n").filter { $0.contains("refused \(user) from") }.count
        #expect(checked >= 1 && checked <= 6, "\(server.logText)")
    }

    /// A connection that does not sign in within the grace time is closed, and one connection
    /// opens ten channels at most (OpenSSH's LoginGraceTime and MaxSessions).
    @Test(.enabled(if: (try? Python.run(["-c", "import asyncssh"]))?.status == 0))
    func idleConnectionsAreClosedAndChannelsPerConnectionAreBounded() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting, arguments: ["--login-grace", "2", "--max-sessions-per-account", "20"])
        defer { server.stop() }
        let (user, token) = meeting.accounts[0]
        let client = try Python.run([
            "-c",
            """
            import asyncio, asyncssh, socket, sys, time
            port, user, token = int(sys.argv[1]), sys.argv[2], sys.argv[3]
            # A TCP connection that never signs in: closed by the server after the grace time.
            s = socket.create_connection(('127.0.0.1', port))
            s.settimeout(10)
            start = time.time()
            while s.recv(4096):
                pass
            print('grace closed after %.1f s' % (time.time() - start))
            async def main():
                c = await asyncssh.connect('127.0.0.1', port, username=user, password=token, known_hosts=None,
                    agent_path=None, client_keys=None, preferred_auth='password')
                opened = 0
                for _ in range(12):
                    try:
                        # A terminal session each, so that every channel stays open.
                        await c.create_session(asyncssh.SSHClientSession, term_type='xterm', term_size=(80, 24))
                        opened += 1
                    except asyncssh.ChannelOpenError:
                        break
                print('channels', opened)
                c.close()
            asyncio.run(main())
            """, "\(server.port)", user, token,
        ])
        #expect(client.status == 0, "\(client.output)")
        let closedAfter = client.output.split(separator: "\n").first { $0.hasPrefix("grace closed after") }
            .flatMap { Double($0.dropFirst("grace closed after ".count).prefix { $0 != " " }) }
        #expect((closedAfter ?? 99) >= 1.5 && (closedAfter ?? 99) < 6, "\(client.output)")
        #expect(client.output.contains("channels 10"), "\(client.output)")
        #expect(server.logText.contains("not signed in within 2 s"), "\(server.logText)")
    }

    /// A client that disappears mid-session (its terminal killed) leaves nothing behind in the
    /// server: its session ends, its child goes without a crash report, the server holds as
    /// many descriptors as before, and its only children are the two started ahead of logins.
    @Test func aClientThatDisappearsLeavesNothingBehind() throws {
        let meeting = try Meeting.make()
        defer { try? FileManager.default.removeItem(at: meeting.dir) }
        let server = try Server(meeting)
        defer { server.stop() }
        let pid = server.process.processIdentifier
        func descriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
        }
        /// The server's child processes (of any of its threads).
        func children() -> [String] {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            return tasks.flatMap { task in
                ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                    .split(separator: " ").map(String.init)
            }
        }
        let warm = 2  // serve's --warm-sessions default
        let (user, token) = meeting.accounts[0]
        // The first round makes what the server makes once (lazily); the next three must add nothing.
        var before = 0
        for round in 0...3 {
            let tmux = Tmux()
            tmux.startShell(width: 100, height: 30, environment: [:])
            tmux.type(server.sshCommand(user, password: token))
            tmux.keys("Enter")
            tmux.wait(for: Localizer.english("signin.choose"))
            tmux.run(["kill-server"])
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, !server.logText.contains("session \(round + 1) of \(user) ended") {
                usleep(50_000)
            }
            #expect(server.logText.contains("session \(round + 1) of \(user) ended"), "\(server.logText)")
            if round == 0 {
                let settle = Date().addingTimeInterval(3)
                while Date() < settle, children().count != warm { usleep(50_000) }
                before = descriptors()
            }
        }
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, descriptors() != before || children().count != warm { usleep(50_000) }
        #expect(descriptors() == before, "descriptors: \(before) before, \(descriptors()) after")
        // The sessions' own processes (the log names them) are gone; the waiting ones remain.
        let sessions = server.logText.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.range(of: "(pid ") else { return nil }
            return String(line[open.upperBound...].prefix(while: \.isNumber))
        }
        #expect(sessions.count == 4, "\(server.logText)")
        #expect(Set(sessions).isDisjoint(with: children()), "sessions' processes left: \(children())")
        #expect(children().count == warm, "children: \(children())")
        // And no session crashed on its way out (a write to the terminal that had gone trapped).
        let crashes = meeting.dir.appendingPathComponent(".local/state/intersession/crashes").path
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: crashes)) ?? []
        #expect(reports.isEmpty, "crash reports: \(reports)")
    }
}

extension TerminalTests.Tmux {
    /// In a new shell, a first login through the front door with the one-time token: the
    /// set-a-password form, then the same password twice. Returns the form as first shown.
    @discardableResult
    func firstLogin(
        _ server: FrontDoorTests.Server, _ user: String, password token: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        startShell(width: 100, height: 30, environment: [:])
        // The client's exit status is printed by the same command line: keys typed once the
        // screens have cleared could still reach the client before it has exited.
        type(server.sshCommand(user, password: token) + "; echo SSH=$?")
        keys("Enter")
        _ = wait(for: Localizer.english("signin.choose"), sourceLocation: sourceLocation)
        // The form's key hint is its last line: over a loaded link the title can be on screen
        // before the rest of the frame is.
        let form = wait(for: "Esc: quit", sourceLocation: sourceLocation)
        for _ in 0..<2 {
            type("correct horse battery")
            keys("Enter")
        }
        return form
    }

    /// Waits (up to 15 s) until the screen no longer shows `text` (the session has ended).
    func waitUntilGone(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if !capture().contains(text) { return }
            usleep(50_000)
        }
        Issue.record("the screen still shows '\(text)':\n\(capture())", sourceLocation: sourceLocation)
    }
}
