import Foundation
import GRDB
import IntersessionTestSupport
import MeetingModel
import Registration
import RegistrationFiles
@testable import Store
import Testing

@Suite struct DelegateImportTests {
    static let meetingID = StoreTests.meeting.id

    func read(_ text: String, _ options: DelegateCSVReader.Options = .init()) -> DelegateCSVReader.Result {
        DelegateCSVReader.read(data: Data(text.utf8), name: "list.csv", meetingID: Self.meetingID, options: options)
    }

    @Test func frenchHeadersSemicolonsBOMAndQuotedNewlines() {
        let r = read(
            "\u{FEFF}Prénom;Nom;Courriel;Fonction;Organes;Notes\r\nJean;Dupont;j.dupont@gouv.cd;Chef de délégation;WGAAP|CPC;\"lundi; puis\nmardi\"\r\n",
            .init(delegation: "CD"))
        #expect(r.problems.isEmpty, "\(r.problems)")
        let d = r.rows.first?.delegate
        #expect(r.rows.map(\.row) == [2])
        #expect(
            d?.givenName == "Jean" && d?.delegation == "CD" && d?.role == .headOfDelegation
                && d?.attends == ["WGAAP", "CPC"])
        #expect(d?.notes == "lundi; puis\nmardi")
    }

    @Test func mappedAndUnknownHeaders() {
        let r = read(
            "Surname,First,email,delegation,Titel\nMensah,Kwame,k@m.gh,GH,x\n", .init(map: ["First": "given_name"]))
        #expect(
            r.problems.map(\.description) == [
                "list.csv:1: column 'Titel' is not known; use given_name, family_name, display_name, email, delegation, role, zone, languages, interpretation, bodies, reference, notes (or --map 'Titel=FIELD')"
            ])
        let ok = read("Surname,First,email,delegation\nMensah,Kwame,k@m.gh,GH\n", .init(map: ["First": "given_name"]))
        #expect(
            ok.problems.isEmpty && ok.rows.first?.delegate.familyName == "Mensah"
                && ok.rows.first?.delegate.givenName == "Kwame")
    }

    @Test func malformedInputGetsAClearErrorAndNoCrash() {
        // Invalid UTF-8 (Latin-1 "é") on line 2.
        var bytes = Array("given_name,family_name,email,delegation\nJos".utf8) + [0xE9] + Array(",X,j@x.org,GH\n".utf8)
        #expect(
            DelegateCSVReader.read(data: Data(bytes), name: "list.csv", meetingID: Self.meetingID, options: .init())
                .problems.map(\.description)
                == ["list.csv:2: not UTF-8 text (byte 0xE9 at offset 43); save the file as UTF-8"])
        // Truncated in the middle of a row, and an unterminated quote.
        #expect(
            read("given_name,family_name,email,delegation\nJean,Dup").problems.map(\.description) == [
                "list.csv:2: has 2 fields, the header has 4"
            ])
        #expect(
            read("given_name,family_name,email,delegation\n\"Jean,Dupont,j@x.org,GH\nA,B,a@b.org,GH\n").problems.map(
                \.description) == [
                    "list.csv:2: has 1 field, the header has 4",
                    "list.csv:2: a quoted field is never closed (a \" is missing); nothing after it can be read",
                ])
        // A 10 MB field.
        let huge = String(repeating: "x", count: 10_000_000)
        #expect(
            read("given_name,family_name,email,delegation,notes\nA,B,a@b.org,GH,\(huge)\n").problems.map(\.description)
                == ["list.csv:2: notes: longer than 10000 characters"])
        // Empty file, and a file without an e-mail column.
        #expect(read("").problems.map(\.description) == ["list.csv: the file is empty"])
        #expect(
            read("given_name,delegation\nA,GH\n").problems.map(\.description) == [
                "list.csv:1: no email column (the e-mail identifies a delegate)"
            ])
        bytes = []
    }

    @Test func anExportCanBeImportedAgain() throws {
        let store = try StoreTests.store()
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let rows = read(
            "given_name,family_name,email,delegation,languages\nZoë,Ångström,z@a.se,EU,en|fr\n王,小明,w@x.cn,CN,\n"
        ).rows
        _ = try store.applyImport(
            try store.planImport(rows, meetingID: Self.meetingID), meetingID: Self.meetingID, actor: "asm")
        let exported = try DelegateCSVWriter.text(try store.delegates(DelegateQuery(meetingID: Self.meetingID)))
        let again = read(exported)
        #expect(again.problems.isEmpty, "\(again.problems)")
        #expect(try store.planImport(again.rows, meetingID: Self.meetingID).unchanged.count == 2)
    }

    @Test func anImportIsAllOrNothingAndReimportingIsIdempotent() throws {
        let store = try StoreTests.store()
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        // One bad row (a terminal escape in a name) among good ones: refused, nothing written.
        let bad = read(
            "given_name,family_name,email,delegation\nA,B,a@b.org,GH\nC,\u{1B}[2JD,c@d.org,GH\nE,F,e@f.org,ZA\n")
        #expect(bad.problems.isEmpty)
        let badPlan = try store.planImport(bad.rows, meetingID: Self.meetingID)
        #expect(
            badPlan.refused.map { "\($0.row): \($0.message)" } == [
                "3: family_name: contains a control or invisible character (U+001B); remove it"
            ])
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meetingID)).isEmpty)

        let good = read("given_name,family_name,email,delegation\nA,B,a@b.org,GH\nE,F,e@f.org,ZA\n")
        let plan = try store.planImport(good.rows, meetingID: Self.meetingID)
        #expect(plan.adds.count == 2 && plan.refused.isEmpty)
        #expect(try store.applyImport(plan, meetingID: Self.meetingID, actor: "asm") == (2, 0))
        // The same list again changes nothing; an edited row updates that delegate only.
        #expect(try store.planImport(good.rows, meetingID: Self.meetingID).unchanged.count == 2)
        let edited = read("given_name,family_name,email,delegation,reference\nA,B,a@b.org,GH,NV-7\nE,F,e@f.org,ZA,\n")
        let update = try store.planImport(edited.rows, meetingID: Self.meetingID)
        #expect(update.updates.map(\.fields) == [["reference"]] && update.unchanged.count == 1)
        #expect(try store.applyImport(update, meetingID: Self.meetingID, actor: "asm") == (0, 1))
        #expect(
            try store.audit(meetingID: Self.meetingID, subject: nil, since: nil).filter {
                $0.action == "delegate.import"
            }.count == 3)
    }

    /// A list long enough for the checks to run on several cores (`Parallel.map`, chunks of
    /// 1,024 rows): refusals come back in row order, twice-listed e-mails are caught across
    /// chunks, and the rows written are the ones a row-by-row check makes.
    @Test func aLongListIsCheckedInRowOrderAcrossChunks() throws {
        #expect(Parallel.map(Array(0..<5_000)) { $0 * 3 } == Array(0..<5_000).map { $0 * 3 })
        #expect(Parallel.map([1, 2, 3]) { $0 + 1 } == [2, 3, 4])
        let store = try StoreTests.store()
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        var text = "given_name,family_name,email,delegation\n"
        for i in 0..<4_000 {
            // Row 4,001 repeats row 2's e-mail; rows 1,502 and 3,502 hold a terminal escape.
            let email = i == 4_000 - 1 ? "d0@example.org" : "d\(i)@example.org"
            let family = i == 1_500 || i == 3_500 ? "X\u{1B}[2J" : "Ångström \(i)"
            text += "Zoë,\(family),\(email),\(i % 2 == 0 ? "GH" : "ZA")\n"
        }
        let list = read(text)
        #expect(list.problems.isEmpty && list.rows.count == 4_000)
        let plan = try store.planImport(list.rows, meetingID: Self.meetingID)
        #expect(plan.refused.map(\.row) == [1_502, 3_502, 4_001])
        #expect(plan.refused.last.map { "\($0.message)" }?.contains("row 2") == true)
        let good = list.rows.filter { ![1_502, 3_502, 4_001].contains($0.row) }
        let clean = try store.planImport(good, meetingID: Self.meetingID)
        #expect(clean.adds.count == 3_997 && clean.refused.isEmpty)
        #expect(clean.adds.map(\.row) == good.map(\.row))
        let context = DelegateRules.Context(StoreTests.meeting)
        #expect(try clean.adds.map(\.delegate) == good.map { try DelegateRules.normalised($0.delegate, in: context) })
        #expect(try store.applyImport(clean, meetingID: Self.meetingID, actor: "asm") == (3_997, 0))
        let stored = try store.delegates(DelegateQuery(meetingID: Self.meetingID, limit: 10_000))
        #expect(stored.count == 3_997 && stored.allSatisfy { $0.version == 1 && $0.updatedBy == "asm" })
        #expect(Set(stored.map(\.email)) == Set(good.map(\.delegate.email)))
    }

    /// The import writes its rows on its own path (values bound through SQLite's C interface,
    /// column values made on other cores while the rows before them are written): what it
    /// stores, indexes and audits equals what adding the same delegates one by one stores,
    /// column by column, with empty text kept empty and a missing interpretation NULL. (The
    /// pipeline's chunks of 4,096 are crossed by the first checks; adding one by one compares
    /// each name with the delegation's, so the stores get fewer rows.)
    @Test func theBulkPathStoresWhatAddingOneByOneStores() throws {
        #expect(Array(0..<10_000).pipelined { $0 * 7 } == Array(0..<10_000).map { $0 * 7 })
        #expect([Int]().pipelined { $0 } == [])
        struct Stop: Error {}
        var consumed = 0
        #expect(throws: Stop.self) {
            try Parallel.pipeline(Array(0..<10_000), { $0 }) { i in
                if i == 5_000 { throw Stop() }
                consumed += 1
            }
        }
        #expect(consumed == 5_000)

        let body = try #require(StoreTests.meeting.bodies.first?.id)
        let delegates = (0..<600).map { i in
            Delegate(
                meetingID: Self.meetingID, delegation: i % 2 == 0 ? "GH" : "ZA",
                // Some names decomposed (not NFC) and with doubled spaces: both paths clean them.
                givenName: i % 5 == 0 ? "Zoe\u{308}" : "Kwame", familyName: i % 7 == 0 ? "" : "Mensah  \(i)",
                displayName: i % 11 == 0 ? "K. Mensah \(i)" : "", email: "d\(i)@example.org",
                zone: i % 3 == 0 ? "" : "Europe/Brussels", languages: i % 2 == 0 ? ["en", "fr"] : [],
                interpretation: i % 4 == 0 ? "fr" : nil, attends: i % 6 == 0 ? [body] : [],
                reference: i % 2 == 1 ? "NV-\(i)" : "", notes: i % 9 == 0 ? "line\nnext, \"quoted\"" : "")
        }
        let bulk = try StoreTests.store(), single = try StoreTests.store()
        for store in [bulk, single] { _ = try store.importMeeting(StoreTests.meeting, actor: "admin") }
        let plan = try bulk.planImport(
            delegates.enumerated().map { ($0.offset + 2, $0.element) }, meetingID: Self.meetingID)
        #expect(plan.refused.isEmpty, "\(plan.refused.prefix(3))")
        #expect(try bulk.applyImport(plan, meetingID: Self.meetingID, actor: "asm") == (600, 0))
        for d in delegates { _ = try single.add(d, actor: "asm") }
        func stored(_ store: SQLiteStore) throws -> [[DatabaseValue]] {
            try store.db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.id, meetingID, delegation, givenName, familyName, displayName, d.nameKey, role, email,
                            d.emailKey, zone, languages, interpretation, typeof(interpretation), attends, reference,
                            notes, typeof(notes), status, statusReason, version, updatedAt, updatedBy,
                            s.nameKey, s.emailKey
                        FROM delegate d JOIN delegate_search s ON s.rowid = d.id ORDER BY d.id
                        """
                ).map { Array($0.databaseValues) }
            }
        }
        let (a, b) = (try stored(bulk), try stored(single))
        #expect(a.count == 600 && b.count == 600)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("imported \(x)\nadded one by one \(y)")
            break
        }
        #expect(a[0][3] == "Zoë".databaseValue && a[1][12] == .null && a[1][15] == "NV-1".databaseValue)
        func images(_ store: SQLiteStore) throws -> [String] {
            try store.audit(meetingID: Self.meetingID, subject: nil, since: nil).filter {
                $0.subject.hasPrefix("delegate ")
            }.map(\.after)
        }
        #expect(try images(bulk) == images(single))
    }

    /// Names are put in NFC by the standard library (Foundation on Linux gets Hangul wrong): the
    /// result equals Python's `unicodedata` NFC for text in and out of NFC (decomposed accents,
    /// Hangul syllables with a separate final consonant, archaic jamo, singletons such as the
    /// Ångström sign, marks in a non-canonical order) and for random text over the blocks names
    /// are written in.
    @Test func namesInNFCAreKeptAndOthersNormalisedAsPythonDoes() throws {
        var samples = [
            "Zoë", "Zoe\u{308}", "\u{212B}ngström", "\u{1100}\u{1161}\u{11A8}", "각", "Nguyễn", "Nguye\u{302}\u{303}n",
            "a\u{323}\u{302}", "a\u{302}\u{323}", "Моисеев", "И\u{306}", "王小明", "", "\u{2126}", "\u{1113}\u{116D}",
            "\u{AC38}\u{11AF}", "\u{1113}\u{116D}e\u{301}",
        ]
        var generator = SystemRandomNumberGenerator()
        let blocks: [ClosedRange<UInt32>] = [
            0x41...0x7A, 0xC0...0x17F, 0x300...0x36F, 0x400...0x4FF, 0x1100...0x11FF, 0xAC00...0xAC40,
            0x1E00...0x1EFF, 0x2126...0x212B,
        ]
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 1...8, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: blocks.randomElement(using: &generator)!, using: &generator))
            }
            samples.append(String(String.UnicodeScalarView(scalars)))
        }
        // Each sample as its scalars in hexadecimal, a line each; Python answers in kind.
        func hex(_ s: String) -> String { s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("samples.txt")
        try samples.map(hex).joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let python = try Python.run([
            "-c",
            """
            import sys, unicodedata
            for line in open(sys.argv[1]).read().split("\\n"):
                s = "".join(chr(int(h, 16)) for h in line.split())
                print(" ".join("%x" % ord(c) for c in unicodedata.normalize("NFC", s)))
            """,
            input.path,
        ])
        #expect(python.status == 0, "\(python.output)")
        let expected = python.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(expected.count == samples.count + 1)
        for (s, nfc) in zip(samples, expected) {
            #expect(hex(NameText.nfc(s)) == nfc, "\(hex(s))")
        }
    }

    /// Audit images are built by SQLite from the stored row (one statement for a whole import):
    /// each must be the JSON `JSONEncoder` writes for the same delegate, key for key, and decode back to it.
    @Test func auditImagesAreTheEncodersJSONOfTheStoredDelegate() throws {
        let store = try StoreTests.store()
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let list = read(
            #"""
            given_name,family_name,email,delegation,languages,interpretation,bodies,notes
            Алексей,"Моисеев ""Alex""",a.moiseev@mid.ru,RU,ru|en,en,WGM|WGDE,"back\slash, ""quoted"" / slash"
            Zoë,Ångström,zoe@example.org,EU,,,,
            小明,王,wang@example.cn,CN,zh,,WGM,
            """#)
        #expect(list.problems.isEmpty, "\(list.problems)")
        _ = try store.applyImport(
            try store.planImport(list.rows, meetingID: Self.meetingID), meetingID: Self.meetingID, actor: "asm")
        var zoe = try #require(try store.delegates(DelegateQuery(meetingID: Self.meetingID, search: "zoe")).first)
        zoe.notes = "edited"
        _ = try store.save(zoe, actor: "asm")
        _ = try store.changeStatus(
            zoe.id, meetingID: Self.meetingID, to: .approved, reason: "", expectedVersion: nil, actor: "asm")

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func object(_ json: String) throws -> NSDictionary {
            try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
        }
        let trail = try store.audit(meetingID: Self.meetingID, subject: nil, since: nil).filter {
            $0.subject.hasPrefix("delegate ")
        }
        #expect(
            trail.map(\.action) == [
                "delegate.import", "delegate.import", "delegate.import", "delegate.edit", "delegate.approved",
            ])
        for entry in trail {
            let decoded = try JSONDecoder().decode(Delegate.self, from: Data(entry.after.utf8))
            #expect(
                try object(entry.after) == object(String(decoding: try encoder.encode(decoded), as: UTF8.self)),
                "\(entry.after)")
            #expect(entry.subject == "delegate \(decoded.id)")
        }
        // The latest image is the stored delegate exactly.
        let stored = try #require(try store.delegate(zoe.id, meetingID: Self.meetingID))
        #expect(try JSONDecoder().decode(Delegate.self, from: Data(trail.last!.after.utf8)) == stored)
        #expect(try JSONDecoder().decode(Delegate.self, from: Data(trail.last!.before.utf8)).notes == "edited")
        let alexey = try JSONDecoder().decode(Delegate.self, from: Data(trail[0].after.utf8))
        #expect(
            alexey.familyName == "Моисеев \"Alex\"" && alexey.languages == ["ru", "en"]
                && alexey.attends == ["WGM", "WGDE"])
        #expect(alexey.interpretation == "en" && alexey.notes == #"back\slash, "quoted" / slash"#)
        #expect(try JSONDecoder().decode(Delegate.self, from: Data(trail[1].after.utf8)).interpretation == nil)
    }

    /// The import sets the search index's insert trigger aside and indexes its rows at the end:
    /// afterwards the trigger is back and every row, imported or added, is found.
    @Test func importedRowsAreSearchableAndTheTriggerIsBack() throws {
        let store = try StoreTests.store()
        _ = try store.importMeeting(StoreTests.meeting, actor: "admin")
        let list = read(
            "given_name,family_name,email,delegation\nNguyễn,Văn Anh,nva@mofa.gov.vn,VN\nOlga,Petrova,op@mid.by,BY\n")
        _ = try store.applyImport(
            try store.planImport(list.rows, meetingID: Self.meetingID), meetingID: Self.meetingID, actor: "asm")
        _ = try store.add(StoreTests.ghana(), actor: "asm")
        for (text, name) in [
            ("van an", "Nguyễn Văn Anh"), ("PETROV", "Olga Petrova"), ("mensa", "Kwame Mensah"),
            ("mofa.gov", "Nguyễn Văn Anh"),
        ] {
            #expect(
                try store.delegates(DelegateQuery(meetingID: Self.meetingID, search: text)).map(\.displayName) == [
                    name
                ], "\(text)")
        }
        let triggers = try store.db.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        }
        #expect(triggers == ["delegate_search_delete", "delegate_search_insert", "delegate_search_update"])
        // A failed import (a duplicate e-mail slipped in after the plan) leaves the trigger in place too.
        let late = read("given_name,family_name,email,delegation\nAna,Silva,as@mre.gov.br,BR\n")
        let plan = try store.planImport(late.rows, meetingID: Self.meetingID)
        _ = try store.add(
            Delegate(
                meetingID: Self.meetingID, delegation: "BR", givenName: "Ana", familyName: "Silva",
                email: "AS@mre.gov.br"), actor: "asm")
        #expect(throws: StoreError.self) { try store.applyImport(plan, meetingID: Self.meetingID, actor: "asm") }
        #expect(
            try store.db.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'delegate_search_insert'")
            } == 1)
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meetingID, search: "silva")).count == 1)
    }
}

extension DelegateImportTests {
    /// Issue 15: a list larger than 64 MiB is refused before it is read; a huge header cell is
    /// quoted back cut to 40 characters, not echoed whole.
    @Test func hugeListsAndCellsAreBounded() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.csv").path
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: UInt64(DelegateCSVReader.maxBytes) + 1)
        try handle.close()
        let refused = DelegateCSVReader.read(path: big, meetingID: "m", options: DelegateCSVReader.Options())
        #expect(
            refused.problems.map { $0.text(.english) } == [
                "\(big): the file is 67108865 bytes; lists of at most 67108864 bytes are read (split it, or check it is the right file)"
            ])
        let header = String(repeating: "h", count: 1_000_000)
        let read = DelegateCSVReader.read(
            data: Data("email,delegation,\(header)\na@b.c,GH,x\n".utf8), name: "l.csv", meetingID: "m",
            options: DelegateCSVReader.Options())
        let text = try #require(read.problems.first?.text(.english))
        #expect(text.count < 400 && text.contains(String(repeating: "h", count: 40) + "…"), "\(text.prefix(200))")
    }
}

extension Array where Element: Sendable {
    /// The elements through `Parallel.pipeline`, collected in the order consumed.
    fileprivate func pipelined<U: Sendable>(_ transform: @escaping @Sendable (Element) -> U) -> [U] {
        var out: [U] = []
        Parallel.pipeline(self, transform) { out.append($0) }
        return out
    }
}
