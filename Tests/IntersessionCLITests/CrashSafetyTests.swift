import Foundation
@testable import IntersessionCLI
import IntersessionTestSupport
import MeetingModel
import Store
import Testing

/// The SQLite way: kill -9 a writer at random points and reopen.
@Suite struct CrashSafetyTests {
    @Test func killingAnImportAtRandomMomentsLeavesAllRowsOrNone() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 5,000-row list and a database with the meeting imported (made by the backup API: one complete file).
        let csv = dir.appendingPathComponent("big.csv").path
        var text = "given_name,family_name,email,delegation,notes\n"
        let codes = ["GH", "ZA", "RU", "CN", "BR", "IN", "EU", "US"]
        for i in 0..<5000 {
            text += "Given\(i),Family\(i),d\(i)@example.org,\(codes[i % codes.count]),\"note, \(i)\"\n"
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let template = dir.appendingPathComponent("template.sqlite").path
        let prepared = dir.appendingPathComponent("prepared.sqlite").path
        #expect(
            try Executable.run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml", "--db", prepared]).status
                == 0)
        #expect(try Executable.run(["db", "backup", template, "--db", prepared]).status == 0)

        // How long an uninterrupted import takes here, to kill within it.
        let timing = dir.appendingPathComponent("timing.sqlite").path
        try FileManager.default.copyItem(atPath: template, toPath: timing)
        let t0 = Date()
        #expect(try Executable.run(["delegates", "import", csv, "--db", timing]).status == 0)
        let duration = Date().timeIntervalSince(t0)
        #expect(
            try SQLiteStore(path: timing, creator: OSUser.name).delegates(
                DelegateQuery(meetingID: "kp-2021-intersessional")
            ).count == 5000)

        var rng = SystemRandomNumberGenerator()
        var all = 0, none = 0
        for run in 0..<50 {
            let path = dir.appendingPathComponent("run\(run).sqlite").path
            try FileManager.default.copyItem(atPath: template, toPath: path)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Executable.intersession)
            p.arguments = ["delegates", "import", csv, "--db", path]
            p.currentDirectoryURL = Repository.root
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Half the kills anywhere, half near the end, where the one transaction commits.
            let window = run % 2 == 0 ? 0...(duration * 1.1) : (duration * 0.8)...(duration * 1.1)
            Thread.sleep(forTimeInterval: Double.random(in: window, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()

            let store = try SQLiteStore(path: path, creator: OSUser.name)
            #expect(try store.check().isEmpty, "run \(run)")
            let n = try store.delegates(DelegateQuery(meetingID: "kp-2021-intersessional")).count
            #expect(n == 0 || n == 5000, "run \(run): \(n) rows")
            let audited = try store.audit(meetingID: "kp-2021-intersessional", subject: nil, since: nil).filter {
                $0.action == "delegate.import"
            }.count
            #expect(audited == n, "run \(run): the audit has \(audited) rows for \(n) delegates")
            if n == 0 { none += 1 } else { all += 1 }
            try? FileManager.default.removeItem(atPath: path)
        }
        print(
            "kill -9 during a 5,000-row import (\(String(format: "%.1f", duration)) s uninterrupted): \(all) runs kept all rows, \(none) none, 0 partial"
        )
    }
}
