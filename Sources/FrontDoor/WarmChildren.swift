import CPty
import Foundation
import Synchronization

/// A few session processes started ahead, each on a pseudo-terminal of its own and blocked
/// reading its ticket, so that a terminal session's login does not wait for a process to start
/// (about 25 ms of a 40 ms first frame, DECISIONS.md). A session takes one, sizes its terminal
/// and hands it the ticket; a replacement starts behind it. Only signed-in sessions take
/// children, so nobody who has not signed in makes the server start a process.
final class WarmChildren: Sendable {
    private struct Pool {
        var idle: [SpawnedChild] = []
        var starting = 0
        var stopped = false
        /// Children that ended while idle, one after another: the program cannot start (a
        /// broken install), and the pool stops refilling rather than spin.
        var failures = 0
    }

    private let pool = Mutex(Pool())
    let capacity: Int
    private let executable: String
    private let environment: [String: String]
    private let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "intersession-warm-children")
    static let maxFailures = 3

    init(capacity: Int, executable: String, environment: [String: String], log: @escaping @Sendable (String) -> Void) {
        self.capacity = max(0, capacity)
        self.executable = executable
        self.environment = environment
        self.log = log
    }

    /// Starts children until `capacity` wait (in the background).
    func fill() {
        let wanted = pool.withLock { p -> Int in
            guard !p.stopped, p.failures < Self.maxFailures else { return 0 }
            let n = max(0, capacity - p.idle.count - p.starting)
            p.starting += n
            return n
        }
        for _ in 0..<wanted { queue.async { [self] in startOne() } }
    }

    private func startOne() {
        let child: SpawnedChild
        do {
            child = try SpawnedChild.waiting(executable: executable, size: (24, 80), environment: environment)
        } catch {
            pool.withLock { p in
                p.starting -= 1
                p.failures += 1
            }
            log("could not start a waiting session process: \(error)")
            return
        }
        let kept = pool.withLock { p -> Bool in
            p.starting -= 1
            guard !p.stopped else { return false }
            p.idle.append(child)
            return true
        }
        guard kept else { return Self.discard(child) }
        ChildReaper.shared.watch(child.pid) { [self] ending in endedWhileIdle(child.pid, ending) }
    }

    /// A child that ended before any session took it.
    private func endedWhileIdle(_ pid: pid_t, _ ending: ChildReaper.Ending) {
        let child = pool.withLock { p -> SpawnedChild? in
            guard let i = p.idle.firstIndex(where: { $0.pid == pid }) else { return nil }
            if !p.stopped { p.failures += 1 }
            return p.idle.remove(at: i)
        }
        guard let child else { return }
        Self.discard(child)
        if pool.withLock({ !$0.stopped }) {
            log("a waiting session process (pid \(pid)) ended: \(ending)")
            fill()
        }
    }

    /// A waiting child for a terminal of `rows` × `columns`, its ticket in it and its end going
    /// to `onEnd` from now on; nil when none waits or the one taken had ended (the caller starts
    /// one itself). The pool refills behind it.
    func take(
        rows: Int, columns: Int, json: Data, onEnd: @escaping @Sendable (ChildReaper.Ending) -> Void
    ) -> SpawnedChild? {
        defer { fill() }
        guard let child = pool.withLock({ p -> SpawnedChild? in p.idle.isEmpty ? nil : p.idle.removeFirst() }) else {
            return nil
        }
        _ = intersession_pty_resize(child.master, UInt16(rows), UInt16(columns))
        guard let handed = try? child.handing(json: json) else { return nil }
        // Ended before now (its end went to the pool's handler): the caller starts another.
        guard ChildReaper.shared.handOver(handed.pid, to: onEnd) else {
            Self.discard(handed)
            return nil
        }
        pool.withLock { $0.failures = 0 }
        return handed
    }

    /// How many wait now, their processes, and the ends while waiting in a row (for tests).
    var waiting: Int { pool.withLock { $0.idle.count } }
    var waitingPIDs: [pid_t] { pool.withLock { $0.idle.map(\.pid) } }
    var failures: Int { pool.withLock { $0.failures } }

    /// Ends the waiting children: their ticket pipes close, so each reads no ticket and exits.
    func stop() {
        let idle = pool.withLock { p -> [SpawnedChild] in
            p.stopped = true
            defer { p.idle = [] }
            return p.idle
        }
        idle.forEach(Self.discard)
    }

    /// Closes a child's descriptors; for a waiting child, closing its terminal (a hang-up) and
    /// its ticket's pipe (no ticket) ends it.
    private static func discard(_ child: SpawnedChild) {
        for fd in [child.master, child.output, child.errors, child.ticketWriter] where fd >= 0 { Glibc.close(fd) }
    }
}
