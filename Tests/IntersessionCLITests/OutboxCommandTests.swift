import Foundation
import IntersessionTestSupport
import Testing

/// The outbox end to end (issue 20), in Tests/IntersessionCLITests/Oracle/outbox_smtp.py: the
/// built binary hands account letters and change notices to msmtp, which relays them to an SMTP
/// sink (aiosmtpd) on 127.0.0.1; a failing transport, then a good one; a send killed with
/// SIGKILL, then run again. Debian's msmtp and python3-aiosmtpd (.ci/run installs them).
@Suite struct OutboxCommandTests {
    static var available: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import aiosmtpd"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test(.enabled(if: available, "needs Debian's msmtp and python3-aiosmtpd"), .timeLimit(.minutes(3)))
    func messagesReachAnSMTPSinkThroughMsmtpOncePerRecipient() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [
            Repository.tests("IntersessionCLITests/Oracle/outbox_smtp.py"), Executable.path(of: "intersession"),
            Repository.root.path,
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("18 messages received, 0 problems"), "\(text)")
    }
}
