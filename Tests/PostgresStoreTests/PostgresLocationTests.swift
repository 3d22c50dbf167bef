import Foundation
import IntersessionTestSupport
import Logging
import PostgresNIO
import Testing

@testable import PostgresStore

/// Where the PostgreSQL store is: the URL's parts and their defaults, the refusals (a password in
/// the URL above all), and the password from PGPASSWORD or the pgpass file by libpq's rules.
@Suite struct PostgresLocationTests {
    let env = ["USER": "asm", "HOME": "/nonexistent"]

    @Test func aURLGivesHostPortDatabaseAndUser() throws {
        let full = try PostgresLocation(url: "postgres://intersession@db.example.org:6432/kp", environment: env)
        #expect(
            full
                == PostgresLocation(
                    host: "db.example.org", port: 6432, database: "kp", user: "intersession", requireTLS: false))
        let plain = try PostgresLocation(url: "postgresql://10.0.0.5/kp?sslmode=require", environment: env)
        #expect(plain.port == 5432 && plain.user == "asm" && plain.requireTLS)
        #expect(
            try PostgresLocation(url: "postgres://h/kp", environment: ["PGUSER": "pg", "USER": "asm"]).user == "pg")
        #expect(PostgresLocation.isURL("postgres://h/kp") && !PostgresLocation.isURL("/var/lib/kp.sqlite"))
    }

    @Test func aPasswordInTheURLAndOtherMistakesAreRefusedWithWhatToDo() {
        func problem(_ url: String) -> String {
            do {
                _ = try PostgresLocation(url: url, environment: env)
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(problem("postgres://asm:secret@h/kp").contains("put it in ~/.pgpass"))
        #expect(!problem("postgres://asm:secret@h/kp").contains("secret"))
        #expect(problem("postgres://h/").contains("names no database"))
        #expect(problem("postgres://h:70000/kp").contains("70000"))
        #expect(problem("postgres://h/kp?sslmode=maybe").contains("sslmode 'maybe'"))
        #expect(problem("postgres://h/kp?application_name=x").contains("'application_name' is not known"))
        #expect(problem("mysql://h/kp").contains("is not a PostgreSQL URL"))
        #expect(problem("postgres://h/" + String(repeating: "k", count: 3_000)).contains("2,048"))
        #expect(problem("postgres://h/kp").hasPrefix("accepted"))
        #expect(
            (try? PostgresLocation(url: "postgres://h/kp", environment: ["HOME": "/x"])) == nil,
            "no user anywhere")
    }

    @Test func pgpassLinesMatchAsLibpqReadsThem() throws {
        let kp = try PostgresLocation(url: "postgres://asm@db:5432/kp", environment: env)
        let text = """
            # a comment: db:5432:kp:asm:not-this
            other:5432:kp:asm:wrong-host
            db:6432:kp:asm:wrong-port
            db:5432:*:asm:with\\:colon\\\\and-backslash
            *:*:*:*:fallback
            """
        #expect(PostgresLocation.lookUp(text, for: kp) == "with:colon\\and-backslash")
        let other = try PostgresLocation(url: "postgres://someone@elsewhere:1/x", environment: env)
        #expect(PostgresLocation.lookUp(text, for: other) == "fallback")
        #expect(PostgresLocation.lookUp("db:5432:kp:asm\n", for: kp) == nil, "four fields: no password")
        #expect(PostgresLocation.lookUp("db:5432:kp:asm:a:b", for: kp) == "a:b", "the rest of the line")
    }

    @Test func thePasswordComesFromPGPASSWORDThenTheFileAndAReadableFileIsIgnored() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pgpass")
        try "db:5432:kp:asm:from-file\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let kp = try PostgresLocation(url: "postgres://asm@db/kp", environment: env)
        #expect(kp.password(environment: ["PGPASSFILE": file.path]) == "from-file")
        #expect(kp.password(environment: ["PGPASSFILE": file.path, "PGPASSWORD": "from-env"]) == "from-env")
        #expect(kp.password(environment: ["HOME": dir.path]) == nil, "no ~/.pgpass there")
        try FileManager.default.copyItem(at: file, to: dir.appendingPathComponent(".pgpass"))
        #expect(kp.password(environment: ["HOME": dir.path]) == "from-file")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        var warnings: [String] = []
        #expect(kp.password(environment: ["PGPASSFILE": file.path]) { warnings.append($0) } == nil)
        #expect(warnings.count == 1 && warnings[0].contains("group or world access"), "\(warnings)")
    }
}

/// Against the PostgreSQL server `.ci/run` starts (Scripts/test-postgres.sh); skipped without one.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["INTERSESSION_TEST_POSTGRES"] != nil))
struct PostgresServerTests {
    let logger = Logger(label: "test")

    /// The password found in the pgpass file is the one psql uses (it connects with the same
    /// file); with it we connect and find a server of version 15 or later; a wrong one is refused.
    @Test func theLocationsPasswordOpensAConnectionAsItDoesForPsql() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["INTERSESSION_TEST_POSTGRES"])
        let location = try PostgresLocation(url: url)
        let password = try #require(location.password(), "the pgpass file has the test server's line")
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        psql.arguments = ["-w", "-q", "-tA", "-c", "SELECT 1", url]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        #expect(psql.terminationStatus == 0, "psql reads the same pgpass file")

        let connection = try await PostgresConnector.connect(location, password: password, logger: logger)
        #expect(try await PostgresConnector.checkVersion(connection, logger: logger) >= 15)
        try await connection.close()
        await #expect(throws: PSQLError.self) {
            let wrong = try await PostgresConnector.connect(location, password: "wrong", logger: logger)
            try await wrong.close()
        }
    }
}
