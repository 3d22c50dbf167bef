import AgendaFiles
import Foundation
import GRDB
import IntersessionTestSupport
import MeetingModel
@testable import Store
import Testing

@Suite struct StoreTests {
    static let meeting: Meeting = AgendaReader.load(path: Repository.sampleAgenda).meeting!

    /// A fixed clock, so audit rows are predictable.
    static func store() throws -> SQLiteStore {
        let store = try SQLiteStore(inMemoryFor: "admin", now: { Instant(seconds: 1_624_269_600) })
        for (name, role) in [("asm", Role.asm), ("alice", .asm), ("bob", .asm)] {
            try store.addStaff(name, role: role, actor: "admin")
        }
        return store
    }

    static func ghana(_ given: String = "Kwame", _ family: String = "Mensah", email: String = "k.mensah@mlnr.gov.gh")
        -> Delegate
    {
        Delegate(meetingID: meeting.id, delegation: "GH", givenName: given, familyName: family, email: email)
    }

    @Test func migratesAnEmptyDatabaseAndOneMadeByEveryEarlierMigration() throws {
        let migrator = Migrations.migrator
        #expect(!migrator.migrations.isEmpty)
        for (i, id) in migrator.migrations.enumerated() {
            let queue = try DatabaseQueue()
            if i > 0 { try migrator.migrate(queue, upTo: migrator.migrations[i - 1]) }
            try migrator.migrate(queue)
            #expect(
                try queue.read { try migrator.appliedIdentifiers($0) } == Set(migrator.migrations), "from before \(id)")
            #expect(try queue.read { try $0.tableExists("delegate") && $0.tableExists("audit") })
        }
    }

    @Test func theFileIsPrivateAndTheJournalIsDurable() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("new/intersession.sqlite").path
        let store = try SQLiteStore(path: path, creator: "maria")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode =
            try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("new").path)[.posixPermissions]
            as? Int
        #expect(folderMode == 0o700)
        let pragmas = try store.db.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(pragmas.0 == "wal" && pragmas.1 == 2 && pragmas.2 == 1)  // synchronous 2 = FULL
        #expect(try store.check().isEmpty)
    }

    @Test func meetingImportIsIdempotentAndRefusesToOrphanRegistrations() throws {
        let store = try Self.store()
        #expect(try store.importMeeting(Self.meeting, actor: "admin") == .created)
        #expect(try store.importMeeting(Self.meeting, actor: "admin") == .unchanged)
        #expect(try store.meeting(Self.meeting.id) == Self.meeting)
        _ = try store.add(Self.ghana(), actor: "asm")
        // An agenda without Ghana would orphan its delegate: refused, nothing changed.
        let withoutGhana = Meeting(
            id: Self.meeting.id, title: Self.meeting.title, hostZone: Self.meeting.hostZone,
            firstDay: Self.meeting.firstDay,
            lastDay: Self.meeting.lastDay, languages: Self.meeting.languages, gridMinutes: Self.meeting.gridMinutes,
            dailyWindow: Self.meeting.dailyWindow, maxParallel: Self.meeting.maxParallel, comfort: Self.meeting.comfort,
            rules: Self.meeting.rules, delegations: Self.meeting.delegations.filter { $0.code != "GH" },
            bodies: Self.meeting.bodies, sessions: Self.meeting.sessions)
        #expect(
            throws: StoreError.wouldOrphan(["delegation GH is no longer in the agenda but has 1 registered delegate"])
        ) {
            try store.importMeeting(withoutGhana, actor: "admin")
        }
        #expect(try store.meeting(Self.meeting.id) == Self.meeting)
        #expect(try store.meetingSummaries().map(\.delegates) == [1])
        #expect(
            try store.audit(meetingID: Self.meeting.id, subject: nil, since: nil).map(\.action) == [
                "meeting.import", "delegate.add",
            ])
    }

    @Test func namesAreStoredNFCAndDuplicatesAreCaught() throws {
        let store = try Self.store()
        _ = try store.importMeeting(Self.meeting, actor: "admin")
        // A terminal escape in a name is refused, not guessed away.
        #expect(
            throws: StoreError.invalid(["family_name: contains a control or invisible character (U+001B); remove it"])
        ) {
            try store.add(Self.ghana("Zoe", "Ångström\u{1B}[31m", email: "zoe@example.org"), actor: "asm")
        }
        // So are a bidi override and a zero-width space (issue 15): they were printed raw by
        // `delegates list` and `accounts issue`.
        #expect(
            throws: StoreError.invalid(["given_name: contains a control or invisible character (U+202E); remove it"])
        ) {
            try store.add(Self.ghana("Zoe\u{202E}", "Ångström", email: "zoe@example.org"), actor: "asm")
        }
        #expect(
            throws: StoreError.invalid(["display_name: contains a control or invisible character (U+200B); remove it"])
        ) {
            var d = Self.ghana("Zoe", "Ångström", email: "zoe@example.org")
            d.displayName = "Zoe\u{200B}Ångström"
            return try store.add(d, actor: "asm")
        }
        // "Zoë" written with a combining diaeresis is stored composed (NFC).
        let (zoe, warnings) = try store.add(
            Self.ghana("Zoe\u{0308}", "Ångström", email: "zoe@example.org"), actor: "asm")
        #expect(zoe.givenName == "Zoë" && zoe.givenName.unicodeScalars.count == 3)
        #expect(zoe.familyName == "Ångström" && zoe.zone == "Africa/Accra" && warnings.isEmpty)
        #expect(zoe.status == .submitted && zoe.version == 1 && zoe.displayName == "Zoë Ångström")
        // Same e-mail, other case: refused.
        #expect(throws: StoreError.duplicateEmail(email: "ZOE@example.org", existing: zoe.id, name: "Zoë Ångström")) {
            try store.add(Self.ghana("Other", "Person", email: "ZOE@example.org"), actor: "asm")
        }
        // Same name with accents and case folded, same delegation: saved with a warning.
        let (_, again) = try store.add(Self.ghana("ZOE", "angstrom", email: "zoe2@example.org"), actor: "asm")
        #expect(
            again.map(\.description) == [
                "delegate \(zoe.id) (Zoë Ångström) of GH has the same name; check it is not the same person"
            ])
        // trigram index
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "ANGSTROM")).count == 2)
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "ngström")).count == 2)
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "zo")).count == 2)  // short: scan
        #expect(
            try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "zoe2@")).map(\.email) == [
                "zoe2@example.org"
            ])
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "\"quoted\"")).isEmpty)
        // An edit moves the row in the index too.
        var renamed = try #require(store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "zoe2@")).first)
        renamed.familyName = "Nyström"
        renamed.displayName = ""  // derived again from the names
        _ = try store.save(renamed, actor: "asm")
        #expect(
            try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "nystrom")).map(\.id) == [renamed.id])
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id, search: "angstrom")).count == 1)
    }

    @Test func everyFieldProblemIsListed() throws {
        let store = try Self.store()
        _ = try store.importMeeting(Self.meeting, actor: "admin")
        var bad = Self.ghana("", "", email: "not-an-address")
        bad.zone = "Mars/Base"
        bad.languages = ["english"]
        bad.attends = ["WGX"]
        #expect(
            throws: StoreError.invalid([
                "given_name, family_name: at least one name is needed",
                "email: 'not-an-address' is not an address (name@domain)",
                "zone: 'Mars/Base' is not a time zone; write an IANA name such as 'Africa/Accra'",
                "languages: 'english' is not an ISO 639-1 code (en, fr, ru, …)",
                "bodies: 'WGX' is neither a body nor a session of kp-2021-intersessional",
            ])
        ) { try store.add(bad, actor: "asm") }
        #expect(try store.delegates(DelegateQuery(meetingID: Self.meeting.id)).isEmpty)
    }

    @Test func aStaleEditIsRefusedAndSaysWhoChangedWhat() throws {
        let store = try Self.store()
        _ = try store.importMeeting(Self.meeting, actor: "admin")
        let (read, _) = try store.add(Self.ghana(), actor: "alice")
        var first = read, second = read
        first.reference = "NV-2021/14"
        first.notes = "arrives Monday"
        let saved = try store.save(first, actor: "alice")
        #expect(saved.version == 2 && saved.updatedBy == "alice")
        second.familyName = "Mensah-Bonsu"
        #expect(
            throws: StoreError.conflict(
                id: read.id, readVersion: 1, currentVersion: 2, changedBy: "alice",
                at: Instant(seconds: 1_624_269_600), fields: ["notes", "reference"])
        ) {
            try store.save(second, actor: "bob")
        }
        #expect(try store.delegate(read.id, meetingID: Self.meeting.id)?.familyName == "Mensah")
    }

    @Test func theWorkflowMovesOnlyWhereItMayAndEveryChangeIsAudited() throws {
        let store = try Self.store()
        _ = try store.importMeeting(Self.meeting, actor: "admin")
        let (d, _) = try store.add(Self.ghana(), actor: "asm")
        #expect(throws: StoreError.invalidTransition(from: .submitted, to: .accountIssued)) {
            try store.changeStatus(
                d.id, meetingID: d.meetingID, to: .accountIssued, reason: "", expectedVersion: nil, actor: "asm")
        }
        #expect(throws: StoreError.invalid(["reason: a rejected registration needs a reason (--reason)"])) {
            try store.changeStatus(
                d.id, meetingID: d.meetingID, to: .rejected, reason: " ", expectedVersion: nil, actor: "asm")
        }
        let approved = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .approved, reason: "", expectedVersion: 1, actor: "asm")
        #expect(approved.status == .approved && approved.version == 2)
        let withdrawn = try store.changeStatus(
            d.id, meetingID: d.meetingID, to: .withdrawn, reason: "illness", expectedVersion: nil, actor: "asm")
        #expect(withdrawn.statusReason == "illness")
        let trail = try store.audit(meetingID: d.meetingID, subject: "delegate \(d.id)", since: nil)
        #expect(trail.map(\.action) == ["delegate.add", "delegate.approved", "delegate.withdrawn"])
        #expect(trail.allSatisfy { $0.actor == "asm" && $0.at == Instant(seconds: 1_624_269_600) })
        #expect(
            trail[1].before.contains("\"status\":\"submitted\"") && trail[1].after.contains("\"status\":\"approved\""))
    }

    @Test func backupIsAConsistentCopy() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteStore(path: dir.appendingPathComponent("a.sqlite").path, creator: "admin")
        try store.addStaff("asm", role: .asm, actor: "admin")
        _ = try store.importMeeting(Self.meeting, actor: "admin")
        _ = try store.add(Self.ghana(), actor: "asm")
        let copyPath = dir.appendingPathComponent("copy.sqlite").path
        try store.backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath, creator: "other")
        #expect(try copy.delegates(DelegateQuery(meetingID: Self.meeting.id)).map(\.email) == ["k.mensah@mlnr.gov.gh"])
        #expect(try copy.check().isEmpty)
        #expect(throws: StoreError.self) { try store.backup(to: copyPath) }  // never overwrites
    }
}

@Suite struct PermissionTests {
    @Test func theCreatorIsTheFirstAdministratorAndOthersAreDeniedByDefault() throws {
        let store = try SQLiteStore(inMemoryFor: "maria")
        #expect(try store.staff().map { "\($0.name) \($0.role.rawValue)" } == ["maria administrator"])
        // A stranger may do nothing, not even read.
        #expect(throws: StoreError.notPermitted(user: "mallory", permission: .importMeetings)) {
            try store.importMeeting(StoreTests.meeting, actor: "mallory")
        }
        #expect(throws: StoreError.notPermitted(user: "mallory", permission: .readDelegates)) {
            try store.require(.readDelegates, actor: "mallory")
        }
        _ = try store.importMeeting(StoreTests.meeting, actor: "maria")
        try store.addStaff("chen", role: .chairOffice, actor: "maria")
        // The Chair's office reads registrations but may not register or approve.
        try store.require(.readDelegates, actor: "chen")
        #expect(throws: StoreError.notPermitted(user: "chen", permission: .registerDelegates)) {
            try store.add(StoreTests.ghana(), actor: "chen")
        }
        #expect(throws: StoreError.notPermitted(user: "chen", permission: .manageStaff)) {
            try store.addStaff("eve", role: .administrator, actor: "chen")
        }
    }

    @Test func everyDataChangingActionNamesAPermissionThatSomeRoleHas() {
        for action in StoreAction.allCases { #expect(!action.permission.roles.isEmpty, "\(action)") }
        for permission in Permission.allCases {
            #expect(!permission.roles.contains(.delegate), "delegates hold no staff permission: \(permission)")
        }
    }
}

@Suite struct ConcurrencyTests {
    @Test func twoWritersRegisteringAThousandEachAtOnceLoseNothing() async throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("busy.sqlite").path
        let setup = try SQLiteStore(path: path, creator: "admin")
        _ = try setup.importMeeting(StoreTests.meeting, actor: "admin")
        try setup.addStaff("asm", role: .asm, actor: "admin")
        // Two independent connection pools on one file, as two processes would be.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = try SQLiteStore(path: path, creator: "admin")
                    for i in 0..<1000 {
                        _ = try store.add(
                            Delegate(
                                meetingID: StoreTests.meeting.id, delegation: writer == 0 ? "GH" : "ZA",
                                givenName: "Delegate",
                                familyName: "\(writer)-\(i)", email: "d\(writer)-\(i)@example.org"), actor: "asm")
                    }
                    return 1000
                }
            }
            var total = 0
            for try await n in group { total += n }
            #expect(total == 2000)
        }
        #expect(try setup.delegates(DelegateQuery(meetingID: StoreTests.meeting.id)).count == 2000)
        #expect(try setup.check().isEmpty)
    }

    /// The same with two operating-system processes (the `store-writer` helper), each adding
    /// 1,000 delegates one transaction at a time: nothing lost, nothing shown to either user.
    @Test func twoProcessesRegisteringAThousandEachAtOnceLoseNothing() async throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("busy.sqlite").path
        let setup = try SQLiteStore(path: path, creator: "admin")
        _ = try setup.importMeeting(StoreTests.meeting, actor: "admin")
        try setup.addStaff("asm", role: .asm, actor: "admin")
        let results = try await withThrowingTaskGroup(of: CommandResult.self) { group in
            for (tag, delegation) in [("p1", "GH"), ("p2", "ZA")] {
                group.addTask {
                    try Executable.run([path, StoreTests.meeting.id, delegation, "1000", tag], program: "store-writer")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for r in results {
            #expect(r.status == 0 && r.stderr.isEmpty && r.stdout == "1000 registered\n", "\(r.stderr)")
        }
        let all = try setup.delegates(DelegateQuery(meetingID: StoreTests.meeting.id))
        #expect(all.count == 2000)
        #expect(Set(all.map(\.email)).count == 2000)
        #expect(
            try setup.audit(meetingID: StoreTests.meeting.id, subject: nil, since: nil).filter {
                $0.action == "delegate.add"
            }.count == 2000)
        #expect(try setup.check().isEmpty)
    }
}

@Suite struct InterpretationRequestStoreTests {
    @Test func requestsAreAuditedWithdrawableAndKeepTheirSessions() throws {
        let store = try StoreTests.store()
        let m = StoreTests.meeting
        _ = try store.importMeeting(m, actor: "admin")
        let r = InterpretationRequest(delegation: "CM", session: "S03", language: "fr")
        #expect(try store.requestInterpretation(r, meetingID: m.id, actor: "asm"))
        #expect(try !store.requestInterpretation(r, meetingID: m.id, actor: "asm"))  // once is enough
        #expect(throws: StoreError.notPermitted(user: "nobody", permission: .requestInterpretation)) {
            try store.requestInterpretation(r, meetingID: m.id, actor: "nobody")
        }
        #expect(try store.interpretationRequests(meetingID: m.id).map(\.request) == [r])
        #expect(try store.allInterpretationRequests(meeting: m) == [r])
        // An agenda without S03 would orphan the request: refused, naming it.
        let trimmed = Meeting(
            id: m.id, title: m.title, hostZone: m.hostZone, firstDay: m.firstDay, lastDay: m.lastDay,
            languages: m.languages,
            gridMinutes: m.gridMinutes, dailyWindow: m.dailyWindow, maxParallel: m.maxParallel, comfort: m.comfort,
            rules: m.rules,
            interpretation: m.interpretation, delegations: m.delegations, bodies: m.bodies,
            sessions: m.sessions.filter { $0.id != "S03" })
        #expect(
            throws: StoreError.wouldOrphan([
                "CM asked for interpretation of session 'S03', which is no longer in the agenda"
            ])
        ) {
            try store.importMeeting(trimmed, actor: "admin")
        }
        try store.withdrawInterpretation(r, meetingID: m.id, actor: "asm")
        #expect(try store.interpretationRequests(meetingID: m.id).isEmpty)
        let trail = try store.audit(meetingID: m.id, subject: "session S03", since: nil)
        #expect(trail.map(\.action) == ["interpretation.request", "interpretation.withdraw"])
        #expect(trail[0].after.contains("\"language\":\"fr\"") && trail[1].before == trail[0].after)
        // A stored meeting read back keeps its interpretation settings; one stored before they existed gets the defaults.
        #expect(try store.meeting(m.id)?.interpretation.teams == ["fr": 2, "ru": 2])
        let old = String(decoding: try JSONEncoder().encode(m), as: UTF8.self).replacingOccurrences(
            of: "\"interpretation\":{", with: "\"unused\":{")
        #expect(try JSONDecoder().decode(Meeting.self, from: Data(old.utf8)).interpretation == .defaults)
    }
}
