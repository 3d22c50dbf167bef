import Foundation
import IntersessionTestSupport
import Testing

@Suite struct CheckCommandTests {
    @Test func theSampleChecksCleanWithItsProgramme() throws {
        let r = try Executable.run([
            "check", "Agendas/kp-2021-intersessional.yaml", "Agendas/kp-2021-intersessional.programme.yaml",
        ])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                Agendas/kp-2021-intersessional.yaml: ok: 60 delegations (56 participants, 4 observers), 11 bodies, 14 sessions, 5 days (2021-06-21 to 2021-06-25, Europe/Moscow), languages en, fr, ru
                Agendas/kp-2021-intersessional.programme.yaml: ok: 14 of 14 sessions placed (14 pinned) for kp-2021-intersessional

                """)
    }

    @Test func theDelegationListChecksOnItsOwn() throws {
        let r = try Executable.run(["check", "Agendas/kp-delegations-2021.yaml"])
        #expect(r.status == 0)
        #expect(
            r.stdout
                == "Agendas/kp-delegations-2021.yaml: ok: 60 delegations (56 participants, 4 observers), 0 bodies\n")
    }

    @Test func aBrokenCopyFailsWithPreciseLines() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            atPath: Repository.agenda("kp-delegations-2021.yaml"),
            toPath: dir.appendingPathComponent("kp-delegations-2021.yaml").path)
        let agenda = dir.appendingPathComponent("kp-2021-intersessional.yaml").path
        var text = try String(contentsOfFile: Repository.sampleAgenda, encoding: .utf8)
        text = text.replacingOccurrences(of: "  host_zone: Europe/Moscow", with: "  host_zone: Europe/Moskva")
        text = text.replacingOccurrences(of: "    after: [S09]", with: "    after: [S11]")
        try text.write(toFile: agenda, atomically: true, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let hostLine = lines.firstIndex(of: "  host_zone: Europe/Moskva")! + 1
        let afterLine = try #require(lines.firstIndex(of: "    after: [S11]")) + 1

        let r = try Executable.run(["check", agenda])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(
            r.stderr == """
                \(agenda):\(hostLine):14: error: unknown time zone 'Europe/Moskva' for the host; did you mean 'Europe/Moscow'?
                \(agenda):\(afterLine):13: error: order constraints form a cycle: S11 → S11 (each must end before the next starts); remove one 'after'
                \(agenda): 2 errors

                """)
    }

    @Test func aMissingFileIsAnErrorNotACrash() throws {
        let r = try Executable.run(["check", "Agendas/no-such-agenda.yaml"])
        #expect(r.status == 1)
        #expect(
            r.stderr.hasPrefix(
                "Agendas/no-such-agenda.yaml:1:1: error: cannot read 'Agendas/no-such-agenda.yaml': no such file"))
    }
}
