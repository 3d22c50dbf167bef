import Foundation
import IntersessionTestSupport
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// No key or signal leaves a person at a prompt, a crash report or a raw terminal (issue 15):
/// the signal matrix at the sign-in form, signed in, and at the staff screens, in a real terminal.
@Suite(.serialized) struct SignalTests {
    typealias Tmux = TerminalTests.Tmux

    /// Where the app runs in the matrix, how it is started there and how a person quits it.
    enum Place: String, CaseIterable {
        case signInForm, signedIn, staffScreens
    }

    /// One case of the matrix: what is done to the running app, and the exit status expected.
    enum Case: String, CaseIterable {
        case interrupt, terminate, hangUp, quitSignal, quitKey, suspendSignal, suspendKey

        var status: Int {
            switch self {
            case .interrupt: 130
            case .terminate: 143
            case .hangUp: 129
            case .quitSignal: 131
            case .quitKey, .suspendSignal, .suspendKey: 0
            }
        }
    }

    /// What must never be on the screen: the Swift runtime's crash report and its debugger prompt.
    static let forbidden = [
        "Backtrac", "Press space", ">>>", "Program crashed", "Fatal error", "registers", "Thread 0",
    ]

    /// The app's process: the pane's shell's only child.
    static func appPID(_ tmux: Tmux) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        p.arguments = ["-P", tmux.panePID()]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return try #require(out.split(separator: "\n").compactMap { Int32($0) }.first)
    }

    /// Starts the app at `place` and waits for its first screen; returns what that screen says.
    static func start(_ place: Place, _ tmux: Tmux, username: String) -> String {
        tmux.type(Executable.intersession + (place == .staffScreens ? "" : " sign-in"))
        tmux.keys("Enter")
        if place == .staffScreens {
            tmux.wait(for: "Registration desk")
            return "Registration desk"
        }
        tmux.wait(for: "One-time token or password")
        guard place == .signedIn else { return "One-time token or password" }
        tmux.type(username)
        tmux.keys("Enter")
        tmux.type("correct horse battery")
        tmux.keys("Enter")
        tmux.wait(for: "1 My schedule")
        return "1 My schedule"
    }

    /// A database with one delegate's account, a crash folder, and a shell in tmux whose terminal
    /// settings were saved to `before`.
    struct Scene {
        let dir: URL, username: String, token: String, crashes: String, before: String, after: String
        let tmux = Tmux()

        init(width: Int, height: Int) throws {
            dir = try Repository.temporaryFolder()
            let (db, username, token) = try TerminalTests.database(in: dir)
            (self.username, self.token) = (username, token)
            crashes = dir.appendingPathComponent("crashes").path
            before = dir.appendingPathComponent("stty-before").path
            after = dir.appendingPathComponent("stty-after").path
            tmux.startShell(
                width: width, height: height, environment: ["INTERSESSION_DB": db, "INTERSESSION_CRASH_DIR": crashes])
            tmux.type("stty -a > \(before)")
            tmux.keys("Enter")
        }

        func end() {
            tmux.run(["kill-server"])
            try? FileManager.default.removeItem(at: dir)
        }
    }

    /// How a person quits at `place`.
    static func quit(_ place: Place, _ tmux: Tmux) {
        tmux.keys(place == .signInForm ? "Escape" : "q")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")), arguments: Place.allCases)
    func everySignalAndKeyEndsCleanly(at place: Place) throws {
        let scene = try Scene(width: 80, height: 24)
        defer { scene.end() }
        let (tmux, username, token, crashes, before, after) = (
            scene.tmux, scene.username, scene.token, scene.crashes, scene.before, scene.after
        )
        // The first sign-in chooses the password the other cases sign in with.
        tmux.firstSignIn(username: username, token: token, command: Executable.intersession + " sign-in")
        tmux.wait(for: "1 My schedule")
        tmux.keys("q")
        tmux.wait(for: "$ ")
        for c in Case.allCases {
            tmux.type("clear")
            tmux.keys("Enter")
            let shown = Self.start(place, tmux, username: username)
            let pid = try Self.appPID(tmux)
            switch c {
            case .interrupt: tmux.keys("C-c")
            case .terminate: kill(pid, SIGTERM)
            case .hangUp: kill(pid, SIGHUP)
            case .quitSignal: kill(pid, SIGQUIT)
            case .quitKey:
                // Ctrl-\ is just a key: the screen stays, and the app quits normally after it.
                tmux.keys("C-\\")
                usleep(300_000)
                #expect(tmux.capture().contains(shown), "\(place) \(c): the screen is gone after Ctrl-\\")
                Self.quit(place, tmux)
            case .suspendSignal, .suspendKey:
                if c == .suspendKey { tmux.keys("C-z") } else { kill(pid, SIGTSTP) }
                tmux.wait(for: "Stopped")
                tmux.type("fg")
                tmux.keys("Enter")
                tmux.wait(for: shown)
                Self.quit(place, tmux)
            }
            tmux.wait(for: "$ ")
            let screen = tmux.capture(history: true)
            for word in Self.forbidden {
                #expect(!screen.contains(word), "\(place) \(c): the screen shows '\(word)':\n\(screen)")
            }
            try tmux.expectTerminalRestored(before: before, after: after, exit: c.status)
        }
        // Nothing crashed, so nothing was left in the crash folder.
        #expect((try? FileManager.default.contentsOfDirectory(atPath: crashes))?.isEmpty ?? true)
    }

    /// A real crash (a deliberate trap through the debug build's test hook) restores the terminal,
    /// says one line with where the details are, and leaves the runtime's report and the
    /// "Fatal error" line in the staff's crash folder (mode 0700), never on the screen.
    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")),
        arguments: [Place.signInForm, Place.staffScreens])
    func aCrashRestoresTheTerminalAndReportsToStaffOnly(at place: Place) throws {
        let scene = try Scene(width: 100, height: 30)
        defer { scene.end() }
        let (tmux, crashes, before, after) = (scene.tmux, scene.crashes, scene.before, scene.after)
        tmux.type(
            "clear; INTERSESSION_TEST_CRASH=after-first-frame "
                + (place == .signInForm ? "\(Executable.intersession) sign-in" : Executable.intersession))
        tmux.keys("Enter")
        let screen = tmux.wait(for: "Details for staff:")
        // The line wraps on the terminal; joined again it names the folder.
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("Details for staff: \(crashes)"), "\(screen)")
        for word in Self.forbidden {
            #expect(!screen.contains(word), "the screen shows '\(word)':\n\(screen)")
        }
        // SIGILL on x86-64 (ud2), SIGTRAP on arm64 (brk).
        tmux.type("echo EXIT=$?; stty -a > \(after)")
        tmux.keys("Enter")
        let end = tmux.wait(for: "EXIT=13")
        #expect(end.contains("EXIT=132") || end.contains("EXIT=133"), "\(end)")
        usleep(300_000)
        #expect(try String(contentsOfFile: before, encoding: .utf8) == String(contentsOfFile: after, encoding: .utf8))
        let files = try FileManager.default.contentsOfDirectory(atPath: crashes)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: crashes)[.posixPermissions] as? Int)
        #expect(mode == 0o700)
        let stderrLog = try #require(files.first { $0.hasSuffix(".stderr.log") })
        #expect(
            try String(contentsOfFile: crashes + "/" + stderrLog, encoding: .utf8).contains(
                "Fatal error: deliberate crash"))
        let report = try #require(files.first { $0.hasSuffix(".log") && !$0.hasSuffix(".stderr.log") })
        let text = try String(contentsOfFile: crashes + "/" + report, encoding: .utf8)
        #expect(text.contains("Program crashed") && text.contains("Shell.run"))
    }
}
