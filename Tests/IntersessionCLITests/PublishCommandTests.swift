import Foundation
import IntersessionTestSupport
import Testing

/// `programme import`, `publish`, `changes` and `export` from the command line, on a database.
@Suite struct PublishCommandTests {
    @Test func publishListChangesAndExportFromTheDatabase() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = [
            "INTERSESSION_DB": dir.appendingPathComponent("i.sqlite").path, "INTERSESSION_NOW": "2021-06-01T00:00Z",
            "LC_ALL": "C.UTF-8",
        ]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }

        #expect(try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).status == 0)
        let none = try run(["export", "ics"])
        #expect(none.status == 1 && none.stderr.contains("has no programme yet: 'intersession programme import FILE'"))
        #expect(try run(["programme", "import", "Agendas/kp-2021-intersessional.programme.yaml"]).status == 0)
        #expect(
            try run([
                "delegates", "add", "--delegation", "US", "--given", "Jane", "--family", "Doe", "--email",
                "jane@state.gov",
            ]).status == 0)
        #expect(
            try run([
                "delegates", "add", "--delegation", "AU", "--given", "Kylie", "--family", "Walker", "--email",
                "kylie@dfat.gov.au",
            ]).status == 0)
        // The command line's tables read in the environment's language.
        let listFr = try Executable.run(
            ["delegates", "list"], environment: env.merging(["LC_ALL": "fr_FR.UTF-8"]) { $1 })
        #expect(
            listFr.stdout.hasPrefix("ID  DÉLÉGATION  NOM") && listFr.stdout.contains("délégué")
                && listFr.stdout.contains("soumise") && listFr.stderr.contains("2 délégués"))
        // Only registered delegates (approved, or with an account) are told of changes: not one
        // submitted and not yet approved.
        for id in ["1", "2"] { #expect(try run(["delegates", "approve", id]).status == 0) }
        #expect(
            try run([
                "delegates", "add", "--delegation", "US", "--given", "Pending", "--family", "Person", "--email",
                "p@state.gov",
            ]).status == 0)
        let zonesRu = try Executable.run(
            ["zones", Repository.sampleAgenda, "--at", "2021-06-21T10:00Z"], environment: ["LC_ALL": "ru_RU.UTF-8"])
        #expect(
            zonesRu.stdout.contains("КОД   ПОЯС")
                && zonesRu.stdout.contains("NZ    Pacific/Auckland      2021-06-21 22:00 Пн  UTC+12:00  ночь")
                && zonesRu.stdout.contains("60 делегаций: "), "\(zonesRu.stdout)")
        // A draft exports before anything is published; then version 1.
        #expect(try run(["export", "frab-xml"]).stdout.contains("<version>draft</version>"))
        #expect(try run(["publish"]).stdout == "published version 1 of kp-2021-intersessional\n")
        let again = try run(["publish"])
        #expect(again.status == 1)
        // Version 2 moves WGM (S03) from Tue 10:00 UTC to Wed 09:00 UTC.
        let moved = dir.appendingPathComponent("v2.yaml")
        let text = try String(contentsOfFile: Repository.sampleProgramme, encoding: .utf8)
            .replacingOccurrences(
                of: "{session: S03, start: \"2021-06-22 13:00\"", with: "{session: S03, start: \"2021-06-23 12:00\""
            )
            .replacingOccurrences(of: "agenda: kp-2021-intersessional.yaml", with: "agenda: \(Repository.sampleAgenda)")
        try text.write(to: moved, atomically: true, encoding: .utf8)
        #expect(try run(["programme", "import", moved.path]).status == 0)
        #expect(
            try run(["publish"]).stdout.hasPrefix(
                "published version 2 of kp-2021-intersessional; 1 session changed since version 1"))
        let changes = try run(["changes", "--from", "1", "--to", "2"])
        #expect(changes.status == 0)
        #expect(
            changes.stdout.contains(
                "S03 Working Group on Monitoring: moved from Tue 22 Jun 10:00 UTC to Wed 23 Jun 09:00 UTC"))
        // Washington 06:00 → 05:00 (EDT, UTC-4); Sydney 20:00 Tue → 19:00 Wed (AEST, UTC+10).
        #expect(changes.stdout.contains("  US Jane Doe (America/New_York): was Tue 22 Jun 06:00, now Wed 23 Jun 05:00"))
        #expect(
            changes.stdout.contains("  AU Kylie Walker (Australia/Sydney): was Tue 22 Jun 20:00, now Wed 23 Jun 19:00"))
        #expect(!changes.stdout.contains("Pending Person"))
        let notice = try run(["changes", "--from", "1", "--lang", "ru"]).stdout
        #expect(notice.hasPrefix("Изменения (версия 1 → версия 2): 1 заседание\n"), "\(notice)")
        #expect(
            notice.contains(
                "S03 Working Group on Monitoring: перенесено с Вт, 22 июня 10:00 UTC на Ср, 23 июня 09:00 UTC"))
        #expect(notice.contains("  US Jane Doe (America/New_York): было Вт, 22 июня 06:00, теперь Ср, 23 июня 05:00"))
        #expect(
            try run(["changes", "--from", "1", "--lang", "fr"]).stdout.contains(
                "déplacée du mar. 22 juin 10:00 UTC au mer. 23 juin 09:00 UTC"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(try run(["changes", "--from", "1", "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(
            json?.count == 1 && json?.first?["session"] as? String == "S03"
                && json?.first?["startAfter"] as? String == "2021-06-23T09:00:00Z")
        #expect(
            try run(["changes", "--from", "1", "--to", "9"]).stderr.contains(
                "no published version 9; versions 1 to 2 exist"))
        // Exports read the latest version by default, --version N an older one; SEQUENCE went up for S03.
        let ics = try run(["export", "ics"]).stdout
        #expect(
            ics.contains(
                "UID:S03@kp-2021-intersessional.intersession\r\nDTSTAMP:20210601T000000Z\r\nSEQUENCE:1\r\nDTSTART:20210623T090000Z"
            ))
        #expect(try run(["export", "ics", "--version", "1"]).stdout.contains("SEQUENCE:0\r\nDTSTART:20210622T100000Z"))
        let jane = try run(["export", "ics", "--delegate", "1", "--out", dir.appendingPathComponent("jane.ics").path])
        #expect(jane.status == 0 && jane.stdout.isEmpty)
        let janeICS = try String(contentsOfFile: dir.appendingPathComponent("jane.ics").path, encoding: .utf8)
        #expect(
            janeICS.contains("DTSTART;TZID=America/New_York:20210623T050000")
                && janeICS.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York"))
        #expect(janeICS.replacingOccurrences(of: "\r\n ", with: "").contains("Your channel: English (en)"))
        let russianICS = try run(["export", "ics", "--delegate", "1", "--lang", "ru"]).stdout.replacingOccurrences(
            of: "\r\n ", with: "")
        #expect(russianICS.contains("Ваш канал: английский (en)") && russianICS.contains("Языки: английский (en)"))
        let wgm = try run(["export", "programme", "--zone", "Pacific/Auckland", "--body", "WGM"]).stdout
        #expect(
            wgm.contains(
                "Wednesday 23 June 2021\n----------------------\n21:00-22:30  S03 Working Group on Monitoring  [A] WGM · EN"
            ))
        // The printed programme in French and Russian (day and month names from CLDR, 24-hour times).
        let french = try run(["export", "programme", "--zone", "Pacific/Auckland", "--lang", "fr"]).stdout
        #expect(
            french.contains("lundi 21 juin 2021\n") && french.contains("22:00-00:00 (lendemain)  S01 Opening Session"))
        #expect(
            french.contains("mardi 22 juin 2021\n")
                && french.contains("00:30-02:00 (+1 jour)  S02 Committee on Participation and Chairmanship"))
        let russian = try run(["export", "programme", "--zone", "Pacific/Auckland", "--lang", "ru", "--format", "html"])
            .stdout
        #expect(
            russian.contains("<html lang=\"ru\">") && russian.contains("<h2>вторник, 22 июня 2021 г.</h2>")
                && russian.contains("(+1 день)"))
        #expect(
            try run(["export", "programme", "--lang", "de"]).stderr.contains(
                "--lang is one of en, fr, ru, es (not 'de')"))
        #expect(
            try run(["export", "programme", "--format", "pdf"]).stderr.contains(
                "--format is text, markdown or html (not 'pdf')"))
        let kiev = try run(["export", "programme", "--zone", "Europe/Kiev"])
        #expect(
            kiev.status == 0 && kiev.stderr.contains("'Europe/Kiev' is an old name of Europe/Kyiv")
                && kiev.stdout.contains("Times in Europe/Kyiv"))
        #expect(
            try run(["export", "ics", "--zone", "Europe/Mosow"]).stderr.contains(
                "unknown time zone 'Europe/Mosow'; did you mean Europe/Moscow"))
        // From files, without a database.
        let files = try Executable.run(
            ["export", "frab-json", "--agenda", Repository.sampleAgenda, "--programme", Repository.sampleProgramme],
            environment: ["INTERSESSION_DB": dir.appendingPathComponent("none/never.sqlite").path])
        #expect(files.status == 0 && files.stdout.contains("\"acronym\" : \"kp2021intersessional\""))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none/never.sqlite").path))
        #expect(
            try run(["export", "ics", "--agenda", Repository.sampleAgenda]).stderr.contains(
                "--agenda and --programme go together"))
    }

    /// The end-to-end check: the sample's .ics (UTC, and Europe/Moscow with its VTIMEZONE)
    /// imported into calcurse and khal under TZ=America/New_York and TZ=Pacific/Auckland; every
    /// session listed at zoneinfo's local time (Tests/PublishingTests/Oracle/calendar_clients.py).
    @Test func calcurseAndKhalShowTheSessionsAtTheRightLocalTimes() throws {
        let (status, text) = try Python.run([
            Repository.tests("PublishingTests/Oracle/calendar_clients.py"), Executable.path(of: "intersession"),
            Repository.root.path,
        ])
        #expect(status == 0 && text.contains("14 sessions: 0 problems"), "\(text)")
    }
}
