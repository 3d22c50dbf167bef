import Foundation
import IntersessionTestSupport
import Localization
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The terminal UI in a real terminal (tmux): sign in, switch zone, resize, suspend and resume,
/// quit; the terminal's settings afterwards equal those before; SIGTERM restores them too.
@Suite(.serialized) struct TerminalTests {
    /// Runs a program to completion with posix_spawn (Foundation's Process hangs on tmux's
    /// daemonising server, see TECH-NOTES §7); returns its exit status.
    @discardableResult
    static func spawn(_ argv: [String]) -> Int32 {
        var pid: pid_t = 0
        let c = argv.map { strdup($0) } + [nil]
        defer { c.forEach { free($0) } }
        // The child starts with no signal blocked and every signal at its default (the test
        // runner's threads may block some, and the mask would pass on to tmux and the app).
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        guard posix_spawnp(&pid, argv[0], nil, &attr, c, environ) == 0 else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (status >> 8) & 0xff
    }

    struct Tmux {
        let socket = "intersession-test-\(UUID().uuidString.prefix(8))"

        func run(_ args: [String]) { TerminalTests.spawn(["tmux", "-L", socket] + args) }

        func capture(history: Bool = false) -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["tmux", "-L", socket, "capture-pane", "-t", "t", "-p"] + (history ? ["-S", "-80"] : [])
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            try? p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        /// Waits (polling, up to 15 s) until the screen contains `text`; returns the screen.
        @discardableResult
        func wait(for text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
            let deadline = Date().addingTimeInterval(15)
            var screen = ""
            while Date() < deadline {
                screen = capture()
                if screen.contains(text) { return screen }
                usleep(50_000)
            }
            Issue.record(
                "the screen never showed '\(text)':\n\(capture(history: true))", sourceLocation: sourceLocation)
            return screen
        }

        /// Starts an interactive shell (so that Ctrl-Z and `fg` work as for a person) in a
        /// `width` × `height` pane with a UTF-8 locale and `environment`, and waits for its prompt.
        func startShell(width: Int, height: Int, environment: [String: String]) {
            let env = (["LANG": "C.UTF-8"].merging(environment) { $1 }).sorted { $0.key < $1.key }.flatMap {
                ["-e", "\($0.key)=\($0.value)"]
            }
            run(
                ["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)"] + env + [
                    "env", "PS1=$ ", "bash", "--norc", "--noprofile", "-i",
                ])
            wait(for: "$")
        }

        /// The process id of the pane's shell.
        func panePID() -> String { display("#{pane_pid}") }

        /// The pane's terminal device (to write on it as another program would).
        func paneTTY() -> String { display("#{pane_tty}") }

        /// What tmux says of the pane in `format`.
        func display(_ format: String) -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["tmux", "-L", socket, "display-message", "-p", "-t", "t", format]
            let pipe = Pipe()
            p.standardOutput = pipe
            try? p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func keys(_ k: String...) { run(["send-keys", "-t", "t"] + k) }
        func type(_ text: String) { run(["send-keys", "-t", "t", "-l", text]) }

        /// Runs `command` (a sign-in) and signs in for the first time: username, one-time token,
        /// then the same new password twice. `l` is the language the screens are expected in.
        func firstSignIn(username: String, token: String, command: String, l: Localizer = .english) {
            type(command)
            keys("Enter")
            wait(for: l("signin.secret"))
            type(username)
            keys("Enter")
            type(token)
            keys("Enter")
            wait(for: l("signin.choose"))
            for _ in 0..<2 {
                type("correct horse battery")
                keys("Enter")
            }
        }

        /// At the shell again: the app exited with `exit` and left the terminal's settings as
        /// `stty -a` found them in `before`.
        func expectTerminalRestored(
            before: String, after: String, exit: Int, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            type("echo EXIT=$?; stty -a > \(after)")
            keys("Enter")
            wait(for: "EXIT=\(exit)", sourceLocation: sourceLocation)
            usleep(300_000)
            #expect(
                try String(contentsOfFile: before, encoding: .utf8) == String(contentsOfFile: after, encoding: .utf8),
                sourceLocation: sourceLocation)
        }
    }

    /// A database in `dir` with the sample meeting and its programme (draft), and tmux running
    /// bare `intersession` on it as the OS user (its administrator), at the staff screens.
    static func staffSession(in dir: URL, name: String, published: Bool = true) throws -> (db: String, tmux: Tmux) {
        let db = dir.appendingPathComponent(name).path
        _ = try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: ["INTERSESSION_DB": db])
        _ = try Executable.run(
            ["programme", "import", Repository.sampleProgramme], environment: ["INTERSESSION_DB": db])
        if published { _ = try Executable.run(["publish"], environment: ["INTERSESSION_DB": db]) }
        let tmux = Tmux()
        tmux.startShell(
            width: 100, height: 30, environment: ["INTERSESSION_DB": db, "INTERSESSION_NOW": "2021-06-22T10:30Z"])
        tmux.type(Executable.intersession)
        tmux.keys("Enter")
        tmux.wait(for: "Registration desk")
        return (db, tmux)
    }

    /// A database with the sample meeting and programme and one delegate with an account; returns
    /// (database, username, one-time token).
    static func database(in dir: URL) throws -> (String, String, String) {
        let db = dir.appendingPathComponent("tui.sqlite").path
        let env = ["INTERSESSION_DB": db]
        _ = try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: env)
        _ = try Executable.run(["programme", "import", Repository.sampleProgramme], environment: env)
        _ = try Executable.run(["publish"], environment: env)
        _ = try Executable.run(
            [
                "delegates", "add", "--delegation", "RU", "--given", "Алексей", "--family", "Моисеев", "--email",
                "am@mid.ru",
            ], environment: env)
        _ = try Executable.run(["delegates", "approve", "1"], environment: env)
        let issued = try Executable.run(["accounts", "issue", "1"], environment: env).stdout
        let row = try #require(issued.split(separator: "\n").first { $0.hasPrefix("1 ") })
        let fields = row.split(separator: " ", omittingEmptySubsequences: true)
        return (db, String(fields[1]), String(fields.last!))
    }

    /// The screens in Russian with `--lang ru`, and in French from LANG (no flag).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theScreensReadInRussianAndFrench() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, username, token) = try Self.database(in: dir)
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: ["INTERSESSION_DB": db])
        tmux.firstSignIn(
            username: username, token: token,
            command: "INTERSESSION_NOW=2021-06-22T10:30Z \(Executable.intersession) sign-in --lang ru",
            l: Localizer("ru"))
        var screen = tmux.wait(for: "Алексей Моисеев (RU): 13 заседаний")
        #expect(
            screen.contains("время: мой пояс Europe/Moscow")
                && screen.contains("Вт, 22 июня 13:00-14:30 ⚠ S03 Working Group on Monitoring"))
        tmux.keys("q")
        tmux.wait(for: "$ ")
        tmux.type("LANG=fr_FR.UTF-8 INTERSESSION_NOW=2021-06-22T10:30Z \(Executable.intersession) sign-in")
        tmux.keys("Enter")
        tmux.wait(for: "Code à usage unique ou mot de passe")
        tmux.type(username)
        tmux.keys("Enter")
        tmux.type("correct horse battery")
        tmux.keys("Enter")
        screen = tmux.wait(for: "Алексей Моисеев (RU) : 13 séances")
        #expect(
            screen.contains("mar. 22 juin 13:00-14:30 ⚠ S03 Working Group on Monitoring")
                && screen.contains("q quitter"))
        tmux.keys("q")
        tmux.wait(for: "$ ")
        // The staff screens of bare `intersession` take --lang too.
        tmux.type("\(Executable.intersession) --lang es")
        tmux.keys("Enter")
        screen = tmux.wait(for: "Mesa de inscripción · Kimberley Process")
        #expect(screen.contains("presentada 0 · aprobada 0 · cuenta emitida 1"), "\(screen)")
        tmux.keys("q")
        tmux.wait(for: "$ ")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aDelegateSignsInSwitchesZoneResizesSuspendsAndQuits() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, username, token) = try Self.database(in: dir)
        let before = dir.appendingPathComponent("stty-before").path,
            after = dir.appendingPathComponent("stty-after").path
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: ["INTERSESSION_DB": db])
        tmux.type("stty -a > \(before)")
        tmux.keys("Enter")
        tmux.firstSignIn(
            username: username, token: token,
            command: "INTERSESSION_NOW=2021-06-22T10:30Z \(Executable.intersession) sign-in")
        var screen = tmux.wait(for: "Алексей Моисеев (RU): 13 sessions")
        #expect(screen.contains("times in my zone Europe/Moscow"))
        #expect(screen.contains("Tue 22 Jun 13:00-14:30 ⚠ S03 Working Group on Monitoring"))
        // Zone: host, UTC, then one typed with completion.
        tmux.keys("z", "z")
        screen = tmux.wait(for: "times in UTC")
        #expect(screen.contains("Mon 21 Jun 10:00-12:00 S01 Opening Session"))
        tmux.keys("z")
        tmux.type("tokyo")
        tmux.keys("Tab", "Enter")
        screen = tmux.wait(for: "times in Asia/Tokyo")
        #expect(screen.contains("Mon 21 Jun 19:00-21:00 S01 Opening Session"))
        // Resize to 60x20 and back.
        tmux.run(["resize-window", "-t", "t", "-x", "60", "-y", "20"])
        screen = tmux.wait(for: "times in Asia/Tokyo")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 60 })
        tmux.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
        screen = tmux.wait(for: "Tab views  z zone  t now  / search  Enter detail")
        // Suspend (Ctrl-Z) and resume (fg): the shell's prompt, then the app repainted.
        tmux.keys("C-z")
        tmux.wait(for: "Stopped")
        tmux.type("fg")
        tmux.keys("Enter")
        screen = tmux.wait(for: "times in Asia/Tokyo")
        #expect(screen.contains("1 My schedule"))
        tmux.keys("q")
        tmux.wait(for: "$ ")
        try tmux.expectTerminalRestored(before: before, after: after, exit: 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func sigtermRestoresTheTerminal() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, _, _) = try Self.database(in: dir)
        let before = dir.appendingPathComponent("stty-before").path,
            after = dir.appendingPathComponent("stty-after").path
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 80, height: 24, environment: ["INTERSESSION_DB": db])
        tmux.type("stty -a > \(before)")
        tmux.keys("Enter")
        tmux.type(Executable.intersession + " sign-in")
        tmux.keys("Enter")
        tmux.wait(for: "One-time token or password")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        p.arguments = ["-P", tmux.panePID()]  // the app is the pane's shell's only child
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let pid = try #require(out.split(separator: "\n").compactMap { Int32($0) }.first)
        kill(pid, SIGTERM)
        tmux.wait(for: "$ ")
        try tmux.expectTerminalRestored(before: before, after: after, exit: 143)
    }

    /// Issue 7's scenario in a real terminal: the ASM (the OS user, staff of the database) adds
    /// "Алексей Моисеев" to the Russian delegation, approves, issues the account and reads the
    /// token from the screen; the delegate then signs in with it and sees their schedule in
    /// Europe/Moscow time.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theASMRegistersAndTheDelegateSignsIn() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, tmux) = try Self.staffSession(in: dir, name: "desk.sqlite")
        defer { tmux.run(["kill-server"]) }
        tmux.keys("n")
        tmux.wait(for: "New registration")
        tmux.type("Алексей")
        tmux.keys("Tab")
        tmux.type("Моисеев")
        tmux.keys("Tab")
        tmux.type("a.moiseev@mid.ru")
        tmux.keys("Tab")
        tmux.type("RU")
        tmux.keys("Tab", "Tab", "Tab", "Tab", "Enter")
        tmux.wait(for: "registered: Алексей Моисеев (RU)")
        tmux.keys("a")
        tmux.wait(for: "Алексей Моисеев): approved")
        tmux.keys("i")
        let screen = tmux.wait(for: "one-time token: ")
        let token = try #require(
            screen.split(separator: "\n").first { $0.contains("one-time token: ") }?
                .components(separatedBy: "one-time token: ").last?.split(separator: " ").first.map(String.init))
        #expect(screen.contains("username: amoiseev"))
        tmux.keys("j")
        tmux.keys("q")
        tmux.wait(for: "$ ")
        tmux.firstSignIn(username: "amoiseev", token: token, command: "\(Executable.intersession) sign-in")
        let schedule = tmux.wait(for: "Алексей Моисеев (RU):")
        #expect(schedule.contains("times in my zone Europe/Moscow"))
        #expect(schedule.contains("Mon 21 Jun 13:00-15:00 S01 Opening Session"))
        tmux.keys("q")
    }
}

extension TerminalTests {
    /// Issue 17 §1: the first frame has the terminal's real size, without any resize (it was
    /// drawn at terminfo's 80×24 whatever the terminal, until a resize).
    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")),
        arguments: [(100, 30), (132, 43), (60, 20)])
    func theFirstFrameHasTheTerminalsSize(width: Int, height: Int) throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, _, _) = try Self.database(in: dir)
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.run(
            [
                "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "-e", "LANG=C.UTF-8", "-e",
                "INTERSESSION_DB=\(db)", Executable.intersession,
            ])
        // The key bar is drawn last: under load the title can be on screen before the rest of the frame.
        let screen = tmux.wait(for: "? help  q quit")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The key bar is on the terminal's last row, and the status line reaches past column 80.
        #expect(lines.count >= height && lines[height - 1].hasPrefix("? help  q quit"), "\(screen)")
        if width > 80 {
            #expect(lines.contains { $0.count > 80 }, "\(screen)")
        }
    }
}
