import Foundation
import IntersessionTestSupport
import Testing

/// Issue 17 §10 with two processes on one database: screens already open notice what another
/// process changed (polled once a second while idle), reload it and say what changed.
extension TerminalTests {
    /// A delegate signed in before anything is published sees version 1 arrive, then version 2
    /// that moves one of their sessions, without signing in again.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aSignedInDelegateSeesThePublishLive() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("live.sqlite").path
        let env = ["INTERSESSION_DB": db]
        _ = try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: env)
        _ = try Executable.run(["programme", "import", Repository.sampleProgramme], environment: env)
        _ = try Executable.run(
            [
                "delegates", "add", "--delegation", "RU", "--given", "Алексей", "--family", "Моисеев", "--email",
                "a@m.ru",
            ],
            environment: env)
        _ = try Executable.run(["delegates", "approve", "1"], environment: env)
        let issued = try Executable.run(["accounts", "issue", "1"], environment: env).stdout
        let fields = try #require(issued.split(separator: "\n").first { $0.hasPrefix("1 ") }).split(separator: " ")
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(
            width: 100, height: 30, environment: env.merging(["INTERSESSION_NOW": "2021-06-22T10:30Z"]) { $1 })
        tmux.firstSignIn(
            username: String(fields[1]), token: String(fields.last!), command: "\(Executable.intersession) sign-in")
        tmux.wait(for: "The programme is not published yet")

        _ = try Executable.run(["publish"], environment: env)
        let published = Date()
        let first = tmux.wait(for: "Programme version 1 published:")
        // Polled once a second while idle: seen within 2 s (5 s allowed for a loaded machine).
        let latency = Date().timeIntervalSince(published)
        print("live update seen \(String(format: "%.2f", latency)) s after the publish")
        #expect(latency < 5)
        #expect(first.contains("Mon 21 Jun 13:00-15:00 S01 Opening Session"), "\(first)")

        // Version 2 moves the opening a day later (a programme file beside a copy of the agenda).
        let agenda = dir.appendingPathComponent("kp-2021-intersessional.yaml")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.sampleAgenda), to: agenda)
        let moved = try String(contentsOfFile: Repository.sampleProgramme, encoding: .utf8).replacingOccurrences(
            of: "{session: S01, start: \"2021-06-21 13:00\"", with: "{session: S01, start: \"2021-06-22 10:00\"")
        let file = dir.appendingPathComponent("moved.programme.yaml")
        try moved.write(to: file, atomically: true, encoding: .utf8)
        _ = try Executable.run(["programme", "import", file.path], environment: env)
        _ = try Executable.run(["publish"], environment: env)
        let second = tmux.wait(for: "Programme version 2 published: 1 of your sessions moved")
        #expect(second.contains("Tue 22 Jun 10:00-12:00 S01 Opening Session"), "\(second)")
        tmux.keys("q")
    }

    /// The desk open in one terminal shows a registration another process made, with who made it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theDeskShowsARegistrationMadeByAnotherProcess() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, tmux) = try Self.staffSession(in: dir, name: "live-desk.sqlite")
        defer { tmux.run(["kill-server"]) }
        tmux.wait(for: "No registrations yet")
        _ = try Executable.run(
            ["delegates", "add", "--delegation", "BW", "--given", "Neo", "--family", "Kgosi", "--email", "n@k.bw"],
            environment: ["INTERSESSION_DB": db])
        let screen = tmux.wait(for: "Neo Kgosi")
        #expect(screen.contains("changed 1 registration"), "\(screen)")
        #expect(screen.contains("submitted 1 ·"), "\(screen)")
        tmux.keys("q")
    }
}

extension TerminalTests {
    /// Issue 17 §4 in a real terminal: the form closed over CJK names leaves no piece of its
    /// border (at 110 columns its left edge stands on the second half of 小), and Ctrl-L repaints
    /// what something else wrote on the terminal.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aClosedDialogLeavesNoPiecesOverWideNamesAndCtrlLRepaints() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("wide.sqlite").path
        let env = ["INTERSESSION_DB": db]
        _ = try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: env)
        for i in 1...3 {
            _ = try Executable.run(
                [
                    "delegates", "add", "--delegation", "BW", "--given", "小明\(i)", "--family", "王王王王", "--email",
                    "w\(i)@x.bw",
                ],
                environment: env)
        }
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 110, height: 30, environment: env)
        tmux.type(Executable.intersession)
        tmux.keys("Enter")
        tmux.wait(for: "小明3 王王王王")
        tmux.keys("n")
        tmux.wait(for: "New registration")
        tmux.keys("Escape")
        let closed = tmux.wait(for: "nothing registered")
        for i in 1...3 { #expect(closed.contains("BW         小明\(i) 王王王王"), "\(closed)") }
        #expect(!closed.contains("│"), "\(closed)")
        // Something else writes on the terminal; Ctrl-L brings the screen back whole.
        let tty = tmux.paneTTY()
        try "\u{1B}[5;20HSCRIBBLE".write(toFile: tty, atomically: false, encoding: .utf8)
        tmux.wait(for: "SCRIBBLE")
        tmux.keys("C-l")
        let repainted = tmux.wait(for: "小明1 王王王王")
        usleep(300_000)
        #expect(!tmux.capture().contains("SCRIBBLE"), "\(tmux.capture())")
        #expect(repainted.contains("Registration desk"))
        tmux.keys("q")
    }
}

extension TerminalTests {
    /// Issue 17 §8 and §9: bare `intersession --db FILE --meeting ID` opens that database on that
    /// meeting; an unknown meeting is refused with the list of those there are.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theBareCommandTakesDbAndMeeting() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("two.sqlite").path
        _ = try Executable.run(["meeting", "import", Repository.sampleAgenda, "--db", db])
        _ = try Executable.run(["meeting", "import", Repository.agenda("kp-2021-plenary.yaml"), "--db", db])
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 100, height: 30, environment: [:])
        tmux.type("\(Executable.intersession) --meeting nope --db \(db); echo RC\"\"=$?")
        tmux.keys("Enter")
        let refused = tmux.wait(for: "RC=")
        #expect(refused.contains("nope") && refused.contains("kp-2021-plenary"), "\(refused)")
        #expect(!refused.contains("RC=0"))
        tmux.type("\(Executable.intersession) --db \(db) --meeting kp-2021-plenary")
        tmux.keys("Enter")
        let desk = tmux.wait(for: "Kimberley Process Plenary Meeting 2021")
        #expect(desk.contains("Registration desk"))
        tmux.keys("q")
    }
}

/// Issue 17's scenarios of first use, each in a real terminal (tmux, 80×24 or 100×30).
extension TerminalTests {
    /// A newcomer's first five minutes: a fresh database is seeded and opens on the empty desk,
    /// which says what to do first; one registration by hand; the board and the builder; the help;
    /// quit, with the terminal as it was.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aNewcomersFirstFiveMinutes() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("fresh/intersession.sqlite").path
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(width: 80, height: 24, environment: ["INTERSESSION_DB": db])
        let before = dir.appendingPathComponent("before").path, after = dir.appendingPathComponent("after").path
        tmux.type("stty -a > \(before); \(Executable.intersession)")
        tmux.keys("Enter")
        let first = tmux.wait(for: "No registrations yet. To begin:")
        #expect(first.contains("? help  q quit  n new  I import CSV  Tab next screen"), "\(first)")
        tmux.keys("n")
        tmux.wait(for: "New registration")
        tmux.type("Kwame")
        tmux.keys("Tab")
        tmux.type("Mensah")
        tmux.keys("Tab")
        tmux.type("k.mensah@mlnr.gov.gh")
        tmux.keys("Tab")
        tmux.type("GH")
        tmux.keys("Tab", "Right", "Tab", "Tab", "Tab", "Enter")
        let registered = tmux.wait(for: "registered: Kwame Mensah (GH)")
        #expect(registered.contains("observer-representative"), "\(registered)")  // → from "delegate"
        tmux.keys("Tab")
        tmux.wait(for: "SESSION KIND")
        tmux.keys("Tab")
        tmux.wait(for: "Draft")
        tmux.keys("?")
        tmux.wait(for: "Programme Builder")
        tmux.keys("Escape")
        tmux.keys("q")
        try tmux.expectTerminalRestored(before: before, after: after, exit: 0)
    }

    /// The ASM: a delegation's CSV list imported (a preview, then y), two of its rows marked and
    /// approved at once, an account issued and its token shown once.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func theASMImportsApprovesAndIssues() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = dir.appendingPathComponent("ghana.csv")
        try """
        given_name,family_name,email,delegation,role
        Kwame,Mensah,k.mensah@mlnr.gov.gh,GH,head-of-delegation
        Ama,Owusu,a.owusu@mlnr.gov.gh,GH,delegate
        Kofi,Boateng,k.boateng@mlnr.gov.gh,GH,adviser
        """.write(to: list, atomically: true, encoding: .utf8)
        let (db, tmux) = try Self.staffSession(in: dir, name: "asm.sqlite")
        defer { tmux.run(["kill-server"]) }
        tmux.keys("I")
        tmux.type(list.path)
        tmux.keys("Enter")
        tmux.wait(for: "3 to add")
        tmux.keys("y")
        tmux.wait(for: "Kofi Boateng")
        tmux.keys("Space", "Space")
        tmux.wait(for: "2 marked")
        tmux.keys("a")
        tmux.wait(for: "2 registrations approved")
        tmux.keys("k", "i")  // the cursor went on past the marked rows: back to Kofi
        let token = tmux.wait(for: "one-time token: ")
        #expect(token.contains("username: "))
        tmux.keys("Escape")
        tmux.keys("q")
        let counts = try Executable.run(
            ["delegates", "list", "--status", "account-issued"], environment: ["INTERSESSION_DB": db])
        #expect(
            counts.stdout.split(separator: "\n").filter { $0.contains("@mlnr.gov.gh") }.count == 1, "\(counts.stdout)")
    }

    /// A delegate: the first sign-in with the token, their schedule, a password change with `P`,
    /// and the next sign-in with the new password.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aDelegateSignsInReadsTheScheduleAndChangesThePassword() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, username, token) = try Self.database(in: dir)
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        tmux.startShell(
            width: 80, height: 24, environment: ["INTERSESSION_DB": db, "INTERSESSION_NOW": "2021-06-22T10:30Z"])
        tmux.firstSignIn(username: username, token: token, command: "\(Executable.intersession) sign-in --lang en")
        tmux.wait(for: "Алексей Моисеев (RU):")
        tmux.keys("P")
        tmux.wait(for: "Change my password")
        tmux.type("correct horse battery")
        tmux.keys("Enter")
        tmux.type("a new passphrase here")
        tmux.keys("Enter")
        tmux.type("a new passphrase here")
        tmux.keys("Enter")
        tmux.wait(for: "Your password is changed")
        tmux.keys("q")
        tmux.wait(for: "$ ")
        tmux.type("\(Executable.intersession) sign-in --lang en")
        tmux.keys("Enter")
        tmux.wait(for: "Username")
        tmux.type(username)
        tmux.keys("Enter")
        tmux.type("a new passphrase here")
        tmux.keys("Enter")
        tmux.wait(for: "Алексей Моисеев (RU):")
        tmux.keys("q")
    }

    /// Joining (issue 19), as a delegate sees it: a minute before the opening's link is out, `J`
    /// says from when in their own zone; signed in again once it is out, `J` shows the whole link.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func aDelegateOpensTheJoinDetailsBeforeAndAfterTheirRelease() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, username, token) = try Self.database(in: dir)
        let tmux = Tmux()
        defer { tmux.run(["kill-server"]) }
        // The opening starts 2021-06-21 10:00 UTC and gives its link 7 days ahead.
        tmux.startShell(
            width: 100, height: 30, environment: ["INTERSESSION_DB": db, "INTERSESSION_NOW": "2021-06-14T09:59Z"])
        tmux.firstSignIn(username: username, token: token, command: "\(Executable.intersession) sign-in --lang en")
        tmux.wait(for: "Алексей Моисеев (RU):")
        tmux.keys("g")
        tmux.keys("J")
        tmux.wait(for: "Link available from Mon 14 Jun 13:00 (my zone Europe/Moscow)")
        #expect(!tmux.capture().contains("zoom.example.org"))
        tmux.keys("q")
        tmux.wait(for: "$ ")
        tmux.type("INTERSESSION_NOW=2021-06-21T09:50Z \(Executable.intersession) sign-in --lang en")
        tmux.keys("Enter")
        tmux.wait(for: "Username")
        tmux.type(username)
        tmux.keys("Enter")
        tmux.type("correct horse battery")
        tmux.keys("Enter")
        tmux.wait(for: "J to join S01")
        tmux.keys("g")
        tmux.keys("J")
        tmux.wait(for: "https://zoom.example.org/w/83020210621?tk=KPopen")
        let screen = tmux.capture()
        #expect(
            screen.contains("Passcode: KP-open-21") && screen.contains("Interpretation: ")
                && screen.contains(", channel "), "\(screen)")
        tmux.keys("Escape")
        tmux.keys("q")
    }
}
