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

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the child on a new pseudo-terminal of `size` (rows, columns) with `TERM=term`, or
    /// on pipes when `size` is nil.
    static func start(
        executable: String, ticket: SessionTicket, term: String?, size: (rows: Int, columns: Int)?,
        environment: [String: String]
    ) throws -> SpawnedChild {
        let json = try JSONEncoder().encode(ticket)
        guard json.count <= SessionTicket.maxBytes else { throw Failed(description: "ticket too large") }
        var ends: [CInt] = [-1, -1]
        // Close-on-exec (the child gets it as fd 3 only; every child closes fds above 3 anyway).
        guard pipe(&ends) == 0 else { throw Failed(description: String(cString: strerror(errno))) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // The pipe holds 64 KiB: the ticket is written whole before the child starts.
        let written = json.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        defer { close(ends[0]) }
        guard written == json.count else { throw Failed(description: "could not write the ticket") }
        var env = environment
        if let term { env["TERM"] = term }
        let argv = ["intersession", "serve-session"]
        let envp = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        var master: CInt = -1, output: CInt = -1, errors: CInt = -1
        let rc = withCStrings(argv) { a in
            withCStrings(envp) { e in
                intersession_spawn(
                    executable, a, e, size == nil ? 0 : 1, UInt16(size?.rows ?? 24), UInt16(size?.columns ?? 80),
                    ends[0], &master, &output, &errors, &pid)
            }
        }
        guard rc == 0 else { throw Failed(description: String(cString: strerror(rc))) }
        return SpawnedChild(pid: pid, master: master, output: output, errors: errors)
    }
}

/// `strings` as a NULL-terminated array of C strings for the length of `body`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}
