import CPty
import Foundation
import Synchronization

/// Waits for the session processes: one thread polls a pidfd per child and reaps each child
/// as it ends, calling its handler with how it ended. It reaps only the children it watches (a
/// process's other children, such as a test's, keep their own waiting), and a child that ends
/// before it is watched stays a zombie until it is.
final class ChildReaper: Sendable {
    /// How a child ended: its exit status, or the signal that ended it.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    private struct Watched {
        var children: [CInt: (pid: pid_t, handler: @Sendable (Ending) -> Void)] = [:]
        var thread = false
    }

    private let state = Mutex(Watched())
    /// Wakes the polling thread when a child is added (its read end is polled with the pidfds).
    private let wakeRead: CInt
    private let wakeWrite: CInt

    static let shared = ChildReaper()

    private init() {
        var ends: [CInt] = [-1, -1]
        if pipe(&ends) == 0 {
            for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        } else {
            ends = [-1, -1]
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    /// Calls `handler` (on the reaper's thread) once `pid`, a child of this process, has ended.
    func watch(_ pid: pid_t, _ handler: @escaping @Sendable (Ending) -> Void) {
        let fd = intersession_pidfd_open(pid)
        guard fd >= 0, wakeRead >= 0 else {
            // No pidfd (an old kernel): a thread of its own waits for this child.
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                handler((status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f))
            }
            if fd >= 0 { close(fd) }
            return
        }
        let start = state.withLock { s -> Bool in
            s.children[fd] = (pid, handler)
            defer { s.thread = true }
            return !s.thread
        }
        if start {
            let thread = Thread { [self] in loop() }
            thread.name = "intersession-reaper"
            thread.start()
        } else {
            var one: UInt8 = 1
            _ = write(wakeWrite, &one, 1)
        }
    }

    /// Gives a watched child's end to `handler` instead of the handler it had (a warm child
    /// taken by a session). False when the child has already ended: its old handler has it.
    func handOver(_ pid: pid_t, to handler: @escaping @Sendable (Ending) -> Void) -> Bool {
        state.withLock { s in
            guard let fd = s.children.first(where: { $0.value.pid == pid })?.key else { return false }
            s.children[fd] = (pid, handler)
            return true
        }
    }

    private func loop() {
        while true {
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            fds += state.withLock { s in s.children.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) } }
            guard poll(&fds, nfds_t(fds.count), -1) > 0 else { continue }
            if fds[0].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &drain, drain.count) > 0 {}
            }
            for entry in fds.dropFirst() where entry.revents != 0 {
                var signalled: Int32 = 0, code: Int32 = 0
                let reaped = intersession_pidfd_reap(entry.fd, &signalled, &code)
                if reaped == 0 || (reaped < 0 && errno == EINTR) { continue }
                // Reaped, or not ours to reap any more (ECHILD): either way it is over.
                let ending: Ending =
                    reaped == 1 && signalled == 1 ? .signalled(code) : .exited(reaped == 1 ? code : 255)
                let handler = state.withLock { $0.children.removeValue(forKey: entry.fd)?.handler }
                close(entry.fd)
                handler?(ending)
            }
        }
    }
}
