import CPty
import Foundation

/// A session's child process: `intersession serve-session`, given its ticket on fd 3.
struct SpawnedChild {
    let pid: pid_t
    /// The pseudo-terminal's master (a terminal session), else -1.
    let master: CInt
    /// The exec command's stdout and stderr (read ends), else -1.
    let output: CInt
    let errors: CInt
    /// The write end of the ticket's pipe while the child waits for its ticket, else -1.
    let ticketWriter: CInt

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the child on a new pseudo-terminal of `size` (rows, columns) with `TERM=term`, or
    /// on pipes when `size` is nil, and hands it `ticket`.
    static func start(
        executable: String, ticket: SessionTicket, term: String?, size: (rows: Int, columns: Int)?,
        environment: [String: String]
    ) throws -> SpawnedChild {
        let json = try encoded(ticket)
        var env = environment
        if let term { env["TERM"] = term }
        let child = try waiting(executable: executable, size: size, environment: env)
        return try child.handing(json: json)
    }

    /// Starts a child that waits for its ticket (blocked reading fd 3): process start, the
    /// runtime and the program's loading are done before anyone signs in (`WarmChildren`).
    static func waiting(
        executable: String, size: (rows: Int, columns: Int)?, environment: [String: String]
    ) throws -> SpawnedChild {
        var ends: [CInt] = [-1, -1]
        // Close-on-exec (the child gets the read end as fd 3 only; it closes fds above 3 anyway).
        guard pipe(&ends) == 0 else { throw Failed(description: String(cString: strerror(errno))) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        let argv = ["intersession", "serve-session"]
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        var master: CInt = -1, output: CInt = -1, errors: CInt = -1
        let rc = withCStrings(argv) { a in
            withCStrings(envp) { e in
                intersession_spawn(
                    executable, a, e, size == nil ? 0 : 1, UInt16(size?.rows ?? 24), UInt16(size?.columns ?? 80),
                    ends[0], &master, &output, &errors, &pid)
            }
        }
        guard rc == 0 else {
            close(ends[1])
            throw Failed(description: String(cString: strerror(rc)))
        }
        return SpawnedChild(pid: pid, master: master, output: output, errors: errors, ticketWriter: ends[1])
    }

    /// The ticket as the child reads it, within its size.
    static func encoded(_ ticket: SessionTicket) throws -> Data {
        let json = try JSONEncoder().encode(ticket)
        guard json.count <= SessionTicket.maxBytes else { throw Failed(description: "ticket too large") }
        return json
    }

    /// Writes the ticket whole and closes the pipe (the child reads to its end). The pipe holds
    /// 64 KiB and a ticket at most 16 KiB, so the write does not block. It fails only when the
    /// child has gone; its descriptors are closed then.
    func handing(json: Data) throws -> SpawnedChild {
        let written = json.withUnsafeBytes { write(ticketWriter, $0.baseAddress, $0.count) }
        close(ticketWriter)
        guard written == json.count else {
            for fd in [master, output, errors] where fd >= 0 { close(fd) }
            throw Failed(description: "could not write the ticket")
        }
        return SpawnedChild(pid: pid, master: master, output: output, errors: errors, ticketWriter: -1)
    }
}

/// `strings` as a NULL-terminated array of C strings for the length of `body`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
