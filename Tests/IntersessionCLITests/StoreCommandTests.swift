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
        for path in all { #expect(CommandPermissions.table.keys.contains(path), "'\(path)' is missing from CommandPermissions.table") }
        for listed in CommandPermissions.table.keys { #expect(all.contains(listed), "'\(listed)' is not a command") }
    }

    @Test func registrationFromTheCommandLine() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("db/i.sqlite").path]
        func run(_ args: [String]) throws -> CommandResult { try Executable.run(args, environment: env) }

        #expect(try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).stdout.hasSuffix(": imported into \(env["INTERSESSION_DB"]!)\n"))
        #expect(try run(["meeting", "import", "Agendas/kp-2021-intersessional.yaml"]).stdout == "kp-2021-intersessional: unchanged\n")
        #expect(try run(["delegates", "add", "--delegation", "CN", "--given", "小明", "--family", "王", "--display", "王小明", "--email", "wang@example.cn"]).stdout
                == "delegate 1: 王小明 (CN), submitted\n")
        #expect(try run(["delegates", "add", "--delegation", "RU", "--given", "Алексей", "--family", "Моисеев", "--email", "=x@minfin.ru"]).status == 0)
        let dup = try run(["delegates", "add", "--delegation", "GH", "--given", "A", "--family", "B", "--email", "WANG@example.cn"])
        #expect(dup.status == 1 && dup.stderr.contains("the e-mail WANG@example.cn is already registered for delegate 1 (王小明)"))
        #expect(try run(["delegates", "approve", "1"]).stdout == "delegate 1: approved\n")
        let list = try run(["delegates", "list"])
        #expect(list.stdout == """
            ID  DELEGATION  NAME             ROLE      E-MAIL           STATUS
            1   CN          王小明           delegate  wang@example.cn  approved
            2   RU          Алексей Моисеев  delegate  =x@minfin.ru     submitted

            """)
        #expect(try run(["delegates", "list", "--format", "csv", "--status", "submitted"]).stdout == """
            id,given_name,family_name,display_name,email,delegation,role,zone,languages,interpretation,bodies,reference,notes,status
            2,Алексей,Моисеев,Алексей Моисеев,'=x@minfin.ru,RU,delegate,Europe/Moscow,,,,,,submitted

            """)
        let stale = try run(["delegates", "edit", "1", "--expect-version", "1", "--notes", "late"])
        #expect(stale.status == 1 && stale.stderr.contains("delegate 1 was changed by") && stale.stderr.contains("(version 1, now 2); changed: status"))
        #expect(try run(["db", "check"]).stdout.hasSuffix(": ok\n"))
        let backup = dir.appendingPathComponent("backup.sqlite").path
        #expect(try run(["db", "backup", backup]).status == 0)
        #expect(try Executable.run(["delegates", "list", "--db", backup]).stdout.contains("王小明"))
        #expect(try run(["audit"]).stdout.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 4)
    }
}
