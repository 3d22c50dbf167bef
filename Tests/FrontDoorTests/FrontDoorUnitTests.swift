import Foundation
import IntersessionTestSupport
import Synchronization
import Testing

@testable import FrontDoor

#if canImport(Glibc)
    import Glibc
#endif

/// The front door's parts that need no client: the host key, the listen address, the bounds on
/// what a client sends, the session ticket.
struct FrontDoorUnitTests {
    @Test func theHostKeyIsMadeOnceWithMode0600AndReadAgain() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("keys/host").path
        let made = try HostKey.loadOrCreate(at: path)
        let again = try HostKey.loadOrCreate(at: path)
        #expect(made.openSSH == again.openSSH && made.fingerprint == again.fingerprint)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(made.openSSH.hasPrefix("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"))
        // A key others may read is refused, with what to do.
        chmod(path, 0o644)
        #expect(throws: FrontDoorError.self) { try HostKey.loadOrCreate(at: path) }
        do { _ = try HostKey.loadOrCreate(at: path) } catch { #expect("\(error)".contains("chmod 600")) }
        // Not our file: refused, never overwritten.
        chmod(path, 0o600)
        try "-----BEGIN OPENSSH PRIVATE KEY-----\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: FrontDoorError.self) { try HostKey.loadOrCreate(at: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("-----BEGIN OPENSSH"))
    }

    /// The fingerprint as ssh-keygen computes it (the independent oracle) for a key it made.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")))
    func theFingerprintIsOpenSSHs() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("k").path
        for type in ["ed25519", "ecdsa"] {
            try? FileManager.default.removeItem(atPath: key)
            try? FileManager.default.removeItem(atPath: key + ".pub")
            let make = Process()
            make.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
            make.arguments = ["-q", "-t", type, "-N", "", "-f", key]
            try make.run()
            make.waitUntilExit()
            let show = Process(), pipe = Pipe()
            show.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
            show.arguments = ["-lf", key + ".pub"]
            show.standardOutput = pipe
            try show.run()
            let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            show.waitUntilExit()
            let line = try String(contentsOfFile: key + ".pub", encoding: .utf8)
            let ours = try #require(HostKey.fingerprint(openSSH: line))
            #expect(printed.split(separator: " ")[1] == ours, "\(type): \(printed) vs \(ours)")
        }
        #expect(HostKey.fingerprint(openSSH: "ssh-ed25519") == nil)
        #expect(HostKey.fingerprint(openSSH: "ssh-ed25519 !!!notbase64") == nil)
    }

    @Test func listenAddressesAreParsedAndBounded() {
        func parsed(_ text: String) -> String? {
            var c = FrontDoorConfiguration(database: "db", executable: "x", hostKeyPath: "k")
            return c.listen(text) ? "\(c.host) \(c.port)" : nil
        }
        #expect(parsed("127.0.0.1:2299") == "127.0.0.1 2299")
        #expect(parsed(":2222") == "0.0.0.0 2222")
        #expect(parsed("2200") == "0.0.0.0 2200")
        #expect(parsed("[::1]:2222") == "::1 2222")
        #expect(parsed("127.0.0.1:0") == "127.0.0.1 0")
        #expect(parsed("127.0.0.1:65536") == nil)
        #expect(parsed("127.0.0.1:-1") == nil)
        #expect(parsed("127.0.0.1:") == nil)
        #expect(parsed("host:port") == nil)
    }

    /// What a client says of its terminal is bounded before it reaches the UI.
    @Test func terminalRequestsAreBounded() {
        #expect(SessionChannel.bounded(0) == 1)
        #expect(SessionChannel.bounded(-5) == 1)
        #expect(SessionChannel.bounded(80) == 80)
        #expect(SessionChannel.bounded(Int.max) == 1000)
        #expect(SessionChannel.terminalType("xterm") == "xterm")
        #expect(SessionChannel.terminalType("no-such-terminal") == "xterm-256color")
        #expect(SessionChannel.terminalType("../../etc/passwd") == "xterm-256color")
        #expect(SessionChannel.terminalType("xterm\u{1b}[2J") == "xterm-256color")
        #expect(SessionChannel.terminalType(String(repeating: "x", count: 500)) == "xterm-256color")
        #expect(SessionChannel.terminalType("") == "xterm-256color")
    }

    @Test func theTicketIsReadOnlyFromAPipeAndWithinItsSize() throws {
        let ticket = SessionTicket(
            kind: .shell, username: "tnkosi", delegateID: 7, token: nil, command: nil, language: "fr",
            source: "ssh:127.0.0.1", meetingID: nil, database: "/tmp/db")
        func throughPipe(_ bytes: Data) -> SessionTicket? {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return nil }
            let writeEnd = ends[1]
            let writer = Thread {
                bytes.withUnsafeBytes { raw in
                    var off = 0
                    while off < raw.count {
                        let n = write(writeEnd, raw.baseAddress! + off, raw.count - off)
                        if n <= 0 { break }
                        off += n
                    }
                }
                close(writeEnd)
            }
            writer.start()
            return SessionTicket.read(fd: ends[0])
        }
        #expect(throughPipe(try JSONEncoder().encode(ticket)) == ticket)
        #expect(throughPipe(Data("not json".utf8)) == nil)
        #expect(throughPipe(Data(repeating: 0x20, count: SessionTicket.maxBytes + 10)) == nil)
        // A regular file is not a ticket (nobody can hand one to `serve-session` by hand).
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t").path
        try JSONEncoder().encode(ticket).write(to: URL(fileURLWithPath: file))
        let fd = open(file, O_RDONLY)
        #expect(SessionTicket.read(fd: fd) == nil)
        close(fd)
    }

    /// The children started ahead: they wait for their ticket, a session's takes one at its own
    /// terminal size, the pool refills, a child that ends while waiting is replaced, a program
    /// that cannot start stops the refilling, and stopping ends the waiting ones. A script
    /// stands in for `serve-session`: it prints the ticket it read and its terminal's size.
    @Test func childrenStartedAheadWaitForTheirTicketAndTakeTheSessionsSize() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("child").path
        try "#!/bin/sh\nticket=$(cat <&3)\nprintf 'TICKET %s SIZE %s END\\n' \"$ticket\" \"$(stty size)\"\nsleep 30\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let pool = WarmChildren(capacity: 2, executable: script, environment: ["PATH": "/usr/bin:/bin"], log: { _ in })
        pool.fill()
        #expect(waitUntil { pool.waiting == 2 })
        let ended = Ended()
        let taken = pool.take(rows: 33, columns: 111, json: Data(#"{"t":1}"#.utf8), onEnd: ended.set)
        let child = try #require(taken)
        let said = readUntil(child.master, "END")
        #expect(said.contains(#"TICKET {"t":1} SIZE 33 111 END"#), "\(said)")
        #expect(waitUntil { pool.waiting == 2 }, "the pool refills behind a session")
        // The session's handler, not the pool's, hears of the taken child's end.
        kill(child.pid, SIGKILL)
        #expect(waitUntil { ended.value == .signalled(SIGKILL) })
        close(child.master)
        // A child that ends while it waits is replaced.
        let idle = pool.waitingPIDs
        kill(idle[0], SIGKILL)
        #expect(waitUntil { pool.waiting == 2 && !pool.waitingPIDs.contains(idle[0]) })
        // Stopping ends the waiting children (their terminal and ticket pipe close).
        let last = pool.waitingPIDs
        pool.stop()
        #expect(pool.waiting == 0)
        #expect(waitUntil { last.allSatisfy { kill($0, 0) != 0 } })

        // A program that ends at once: a few tries, then no more; a session starts its own.
        let broken = dir.appendingPathComponent("broken").path
        try "#!/bin/sh\nexit 1\n".write(toFile: broken, atomically: true, encoding: .utf8)
        chmod(broken, 0o755)
        let failing = WarmChildren(capacity: 2, executable: broken, environment: [:], log: { _ in })
        failing.fill()
        #expect(waitUntil { failing.failures >= WarmChildren.maxFailures })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(failing.failures == WarmChildren.maxFailures || failing.failures == WarmChildren.maxFailures + 1)
        #expect(failing.take(rows: 24, columns: 80, json: Data("{}".utf8), onEnd: { _ in }) == nil)
        failing.stop()
    }

    private final class Ended: Sendable {
        private let ending = Mutex<ChildReaper.Ending?>(nil)
        var value: ChildReaper.Ending? { ending.withLock { $0 } }
        @Sendable func set(_ e: ChildReaper.Ending) { ending.withLock { $0 = e } }
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    /// What `fd` says until `marker` (or 10 s).
    private func readUntil(_ fd: Int32, _ marker: String) -> String {
        var said = [UInt8]()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !String(decoding: said, as: UTF8.self).contains(marker) {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 200) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            said += chunk[0..<n]
        }
        return String(decoding: said, as: UTF8.self)
    }
}
