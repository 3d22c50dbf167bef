import ArgumentParser
import Foundation
@testable import IntersessionCLI
import IntersessionTestSupport
import Testing

@Suite struct StoreCommandTests {
    /// Every command path, e.g. "delegates approve".
    static func paths(_ command: ParsableCommand.Type, prefix: String = "") -> [String] {
        let subs = command.configuration.subcommands
        let name = command.configuration.commandName ?? String(describing: command).lowercased()
        let path = prefix.isEmpty ? name : prefix + " " + name
        if subs.isEmpty { return [path] }
        return subs.flatMap { paths($0, prefix: command == IntersessionCommand.self ? "" : path) }
    }

    @Test func everyCommandNamesItsPermission() {
        let all = Self.paths(IntersessionCommand.self)
        #expect(all.count >= 20)
        for path in all {
            #expect(CommandPermissions.table.keys.contains(path), "'\(path)' is missing from CommandPermissions.table")
        }
        for listed in CommandPermissions.table.keys { #expect(all.contains(listed), "'\(listed)' is not a command") }
    }

    @Test func registrationFromTheCommandLine() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("db/i.sqlite").path]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }

        #expect(
            try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).stdout.hasSuffix(
                ": imported into \(env["INTERSESSION_DB"]!)\n"))
        #expect(
            try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).stdout
                == "kp-2021-intersessional: unchanged\n")
        #expect(
            try run([
                "delegates", "add", "--delegation", "CN", "--given", "小明", "--family", "王", "--display", "王小明",
                "--email", "wang@example.cn",
            ]).stdout
                == "delegate 1: 王小明 (CN), submitted\n")
        #expect(
            try run([
                "delegates", "add", "--delegation", "RU", "--given", "Алексей", "--family", "Моисеев", "--email",
                "=x@minfin.ru",
            ]).status == 0)
        let dup = try run([
            "delegates", "add", "--delegation", "GH", "--given", "A", "--family", "B", "--email", "WANG@example.cn",
        ])
        #expect(
            dup.status == 1
                && dup.stderr.contains("the e-mail WANG@example.cn is already registered for delegate 1 (王小明)"))
        #expect(try run(["delegates", "approve", "1"]).stdout == "delegate 1: approved\n")
        let list = try run(["delegates", "list"])
        #expect(
            list.stdout == """
                ID  DELEGATION  NAME             ROLE      E-MAIL           STATUS
                1   CN          王小明           delegate  wang@example.cn  approved
                2   RU          Алексей Моисеев  delegate  =x@minfin.ru     submitted

                """)
        #expect(
            try run(["delegates", "list", "--format", "csv", "--status", "submitted"]).stdout == """
                id,given_name,family_name,display_name,email,delegation,role,zone,languages,interpretation,bodies,reference,notes,status
                2,Алексей,Моисеев,Алексей Моисеев,'=x@minfin.ru,RU,delegate,Europe/Moscow,,,,,,submitted

                """)
        let stale = try run(["delegates", "edit", "1", "--expect-version", "1", "--notes", "late"])
        #expect(
            stale.status == 1 && stale.stderr.contains("delegate 1 was changed by")
                && stale.stderr.contains("(version 1, now 2); changed: status"))
        #expect(try run(["db", "check"]).stdout.hasSuffix(": ok\n"))
        let backup = dir.appendingPathComponent("backup.sqlite").path
        #expect(try run(["db", "backup", backup]).status == 0)
        let fromBackup = try Executable.run(["delegates", "list", "--db", backup])
        #expect(fromBackup.stdout.contains("王小明"), "\(fromBackup.stderr)")
        #expect(try run(["audit"]).stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 4)
    }
}

@Suite struct InterpretationCommandTests {
    @Test func requestsFromDelegationsAndRegistrationsReachTheReport() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("i.sqlite").path
        let env = ["INTERSESSION_DB": db]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }
        let agenda = "Agendas/kp-2021-intersessional.yaml", programme = "Agendas/kp-2021-intersessional.programme.yaml"

        // From the files alone: the rules and the agenda's lists; the programme within the teams.
        let plain = try Executable.run(["interpretation", agenda, programme])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("S01      opening  floor  all     all\n"))
        #expect(plain.stdout.contains("S03      body     floor  ·       ·\n"))
        #expect(plain.stdout.contains("The interpreter teams can work this programme."))

        #expect(try run(["meeting", "import", agenda]).status == 0)
        #expect(
            try run(["interpretation", "request", "--delegation", "CM", "--session", "S03", "--language", "fr"]).stdout
                == "recorded: CM asks for French (fr) at S03\n")
        #expect(
            try run(["interpretation", "request", "--delegation", "CM", "--session", "S03", "--language", "fr"]).stdout
                == "already recorded: CM asks for fr at S03\n")
        let relay = try run(["interpretation", "request", "--delegation", "AO", "--session", "S03", "--language", "pt"])
        #expect(
            relay.stdout.contains(
                "note: pt is not an official language of kp-2021-intersessional; it is listed as relay"))
        let bad = try run(["interpretation", "request", "--delegation", "XX", "--session", "S99", "--language", "fr"])
        #expect(
            bad.status == 1 && bad.stderr.contains("delegation: 'XX' is not a delegation")
                && bad.stderr.contains("session: 'S99' is not a session"))
        // A registered Russian delegate of the WGS who wants French.
        #expect(
            try run([
                "delegates", "add", "--delegation", "RU", "--given", "Olga", "--family", "Petrova", "--email",
                "op@mid.ru",
                "--interpretation", "fr", "--bodies", "WGS",
            ]).status == 0)

        let report = try run(["interpretation", agenda, programme, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any], "\(report.stderr)")
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        func languages(_ id: String) -> [String] {
            let s = sessions.first { $0["id"] as? String == id }!
            return (s["languages"] as! [[String: Any]]).map {
                "\($0["code"]!):\($0["reason"]!):" + ($0["requested_by"] as! [String]).joined(separator: ",")
            }
        }
        #expect(languages("S03") == ["en:floor:", "fr:requested:CM", "pt:relay:AO"])
        #expect(languages("S10") == ["en:floor:", "fr:requested:RU"])  // S10 is the WGS session
        #expect(languages("S01") == ["en:floor:", "fr:rule:RU", "ru:rule:"])
        let load = try #require(object["load"] as? [[String: Any]])
        #expect(
            load.contains {
                $0["language"] as? String == "fr" && $0["day"] as? String == "2021-06-22"
                    && $0["teams_available"] as? Int == 2
            })
        #expect(
            Set(load.flatMap { $0.keys }) == [
                "language", "day", "minutes", "blocks", "teams_needed", "teams_available",
            ])
        // With French now also at S10 (09:00, beside S09) the two French teams are both busy at 09:00
        // and neither gets its rest before S11 at 10:30: the report says so and fails.
        #expect(report.status == 1)
        let violations = try #require(object["violations"] as? [[String: Any]])
        #expect(
            violations.map { $0["message"] as? String ?? "" } == [
                "French interpretation on Thu 24 Jun needs more than the 2 French teams: team 1 would work Thu 24 Jun 09:00-12:30 UTC (210 minutes: CARMT (S09), S11 \"Joint session on the Central African Republic (WGM, WGAAP, WGDE, CAR Monitoring Team)\") without a 60-minute rest, beyond a 180-minute block"
            ])

        let text = try run(["interpretation", agenda, "--db", db]).stdout
        #expect(
            text.contains(
                "Relay / bring own interpreter (not official at this meeting):\n  S03: Portuguese (pt) for AO\n"))
        #expect(try run(["interpretation", "requests"]).stdout.contains("S03      fr        CM"))
        #expect(
            try run(["interpretation", "withdraw", "--delegation", "CM", "--session", "S03", "--language", "fr"]).status
                == 0)
        let again = try run([
            "interpretation", "withdraw", "--delegation", "CM", "--session", "S03", "--language", "fr",
        ])
        #expect(again.status == 1 && again.stderr.contains("CM has no request for interpretation of S03 into fr"))
        let after = try run(["interpretation", agenda, programme, "--format", "json"])
        #expect(after.stdout.contains("\"pt\"") && !after.stdout.contains("\"CM\""))
        let audit = try run(["audit"]).stdout
        #expect(audit.components(separatedBy: "interpretation.request").count - 1 == 2)
        #expect(audit.contains("interpretation.withdraw"))
        #expect(try run(["db", "check"]).stdout.hasSuffix(": ok\n"))
    }

    @Test func evaluateNamesAnInterpretationViolationAndPlanAvoidsIt() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The sample with one French team: its hand-made programme asks too much of it on three days.
        let text = try String(contentsOfFile: Repository.sampleAgenda, encoding: .utf8)
            .replacingOccurrences(of: "teams: {fr: 2, ru: 2}", with: "teams: {fr: 1, ru: 2}")
            .replacingOccurrences(
                of: "  - kp-delegations-2021.yaml", with: "  - \(Repository.agenda("kp-delegations-2021.yaml"))")
        let agenda = dir.appendingPathComponent("one-french-team.yaml").path
        try text.write(toFile: agenda, atomically: true, encoding: .utf8)
        let evaluated = try Executable.run(["evaluate", agenda, Repository.sampleProgramme])
        #expect(evaluated.status == 1, "\(evaluated.stderr)")
        #expect(
            evaluated.stdout.contains(
                "[interpretation] French interpretation on Wed 23 Jun needs more than the 1 French team: the team would work Wed 23 Jun 10:00-14:00 UTC (240 minutes"
            ))
        let planned = try Executable.run(["plan", agenda, "--iterations", "60000", "--format", "json"])
        #expect(planned.status == 0, "\(planned.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])
        #expect((object["violations"] as? [Any])?.isEmpty == true)
        #expect(((object["score"] as? [String: Any])?["hard"] as? Int) == 0)
    }
}

extension StoreCommandTests {
    /// Issue 17 §11: `accounts issue ID…` says per id why it issued nothing, and exits 1 when
    /// nothing was issued (it printed "no approved delegate without an account" and exited 0).
    @Test func accountsIssueSaysPerIdWhatIsWrong() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("a.sqlite").path]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }
        #expect(try run(["meeting", "import", Repository.sampleAgenda]).status == 0)
        for given in ["Kwame", "Ama"] {
            _ = try run([
                "delegates", "add", "--delegation", "GH", "--given", given, "--family", "Mensah",
                "--email", "\(given.lowercased())@mlnr.gov.gh",
            ])
        }
        #expect(try run(["delegates", "approve", "1"]).status == 0)
        #expect(try run(["accounts", "issue", "1"]).status == 0)
        let again = try run(["accounts", "issue", "1", "2", "7"])
        #expect(again.status == 1)
        #expect(
            again.stderr.split(separator: "\n") == [
                "delegate 1 (Kwame Mensah) already has the account 'kmensah'; 'intersession accounts reset 1' gives it a new one-time token",
                "delegate 2 (Ama Mensah) is submitted, not approved: 'intersession delegates approve 2' first",
                "delegate 7: no such delegate in kp-2021-intersessional; 'intersession delegates list' shows them",
            ])
    }
}

extension StoreCommandTests {
    /// Issue 17 §13: a refused row names the column as the file's header wrote it, ours in brackets.
    @Test func aRefusedRowNamesTheFilesOwnColumn() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("a.sqlite").path]
        #expect(try Executable.run(["meeting", "import", Repository.sampleAgenda], environment: env).status == 0)
        let csv = dir.appendingPathComponent("fr.csv").path
        try "Prénom;Nom;Courriel;Délégation\nMarie;Dupont;pas-une-adresse;GH\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let r = try Executable.run(["delegates", "import", csv, "--dry-run"], environment: env)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(csv):2: Courriel [email]: 'pas-une-adresse' is not an address (name@domain)\n"))
    }
}

extension StoreCommandTests {
    /// Issue 17 §8: `--db` before or after any subcommand (and `--db=FILE`), like `--lang`.
    /// Issue 19 from the command line: a platform's registrant export (dry run, then for real),
    /// a link set by hand, the coverage, a participant report and the attendance as JSON and CSV.
    @Test func linksAndAttendanceFromThePlatformsFiles() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("i.sqlite").path]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }
        #expect(try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).status == 0)
        #expect(try run(["programme", "import", "Agendas/kp-2021-intersessional.programme.yaml"]).status == 0)
        #expect(try run(["publish"]).status == 0)
        for (code, given, family, email) in [
            ("GH", "Kwame", "Mensah", "k.mensah@mlnr.gov.gh"), ("JP", "愛子", "田中", "aiko@mofa.go.jp"),
            ("RU", "Иван", "Петров", "ivan@gokhran.ru"),
        ] {
            #expect(
                try run([
                    "delegates", "add", "--delegation", code, "--given", given, "--family", family, "--email", email,
                ]).status == 0)
        }
        #expect(try run(["delegates", "approve", "1", "2", "3"]).status == 0)
        let registrants = Repository.tests("AppShellTests/Fixtures/registrants.csv")
        let dry = try run(["links", "import", registrants, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("links to store: 2;"), "\(dry.stdout)\(dry.stderr)")
        #expect(dry.stdout.contains("row 5: fatima@example.ae: no registration of this meeting has this e-mail"))
        #expect(dry.stdout.contains("row 4: ivan@gokhran.ru: no link yet"))
        #expect(dry.stdout.hasSuffix("dry run: nothing written\n"))
        #expect(try run(["links", "list", "--session", "S03", "--format", "json"]).stdout.contains("\"withLink\" : 0"))
        let real = try run(["links", "import", registrants])
        #expect(real.stdout.hasSuffix("links stored: added 2, changed 0, unchanged 0\n"), "\(real.stdout)")
        #expect(
            try run(["links", "set", "ivan@gokhran.ru", "https://zoom.example.org/w/1?tk=ivan", "--room", "A"]).status
                == 0)
        #expect(try run(["links", "set", "3", "http://zoom.example.org/w/1", "--room", "A"]).status != 0)
        let coverage = try run(["links", "list", "--format", "json"])
        let sessions = try #require(
            try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [[String: Any]])
        let s03 = try #require(sessions.first { $0["session"] as? String == "S03" })
        // WGM: Ghana and Russia are members, Japan is not; both have a link for room A's sessions.
        #expect(s03["attendees"] as? Int == 2 && s03["withLink"] as? Int == 2, "\(s03)")
        #expect(try run(["delegates", "withdraw", "3", "--reason", "replaced"]).status == 0)
        let revoked = try run(["links", "revoked"])
        #expect(revoked.stdout.contains("ivan@gokhran.ru") && revoked.stdout.contains("tk=ivan"), "\(revoked.stdout)")
        #expect(try run(["links", "cancelled", "--all"]).stdout == "1 link marked cancelled\n")

        let report = Repository.tests("AppShellTests/Fixtures/participants-S03.csv")
        let noZone = try run(["attendance", "import", report, "--session", "S03"])
        #expect(noZone.status == 1 && noZone.stderr.contains("--zone"), "\(noZone.stderr)")
        #expect(try run(["attendance", "report"]).stdout.hasPrefix("no participant report recorded yet"))
        let imported = try run(["attendance", "import", report, "--session", "S03", "--zone", "Europe/Moscow"])
        #expect(imported.status == 0, "\(imported.stderr)")
        // Aiko (田中 愛子 in the report: family name first) and Иван Петров by name.
        #expect(
            imported.stdout.contains(" (2)\n") && imported.stdout.contains("matched by name: Иван Петров (3)"),
            "\(imported.stdout)")
        #expect(imported.stdout.contains("attendance of S03 recorded"), "\(imported.stdout)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(["attendance", "--format", "json"]).stdout.utf8))
                as? [String: Any])
        #expect(json["quorum"] as? String == "2/3")
        let first = try #require((json["sessions"] as? [[String: Any]])?.first)
        #expect(first["session"] as? String == "S03" && first["quorumMet"] as? Bool == false)
        // Ivan was withdrawn after the meeting: his presence still counts (he was there).
        #expect((first["participantsPresent"] as? [String]).map(Set.init) == ["GH", "JP", "RU"])
        let csv = try run(["attendance", "--format", "csv"]).stdout.split(separator: "\n")
        #expect(
            csv.first
                == "session,participants_present,participants_expected,quorum_met,participants,observers,delegates,minutes"
        )
        #expect(csv.dropFirst().first?.hasPrefix("S03,3,21,no,") == true, "\(csv)")
    }

    @Test func dbIsTakenWhereverItStands() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("d.sqlite").path
        #expect(try Executable.run(["--db", db, "meeting", "import", Repository.sampleAgenda]).status == 0)
        #expect(
            try Executable.run([
                "delegates", "add", "--delegation", "GH", "--given", "Kwame", "--family", "Mensah", "--email",
                "k@mlnr.gov.gh", "--db=\(db)",
            ]).status == 0)
        for args in [
            ["--db", db, "delegates", "list"], ["delegates", "--db", db, "list"], ["delegates", "list", "--db", db],
        ] {
            let r = try Executable.run(args)
            #expect(r.status == 0 && r.stdout.contains("Kwame Mensah"), "\(args): \(r.stderr)")
        }
        let missing = try Executable.run(["delegates", "list", "--db"])
        #expect(missing.status == 64 && missing.stderr == "Error: --db needs a database file: --db FILE\n")
    }
}
