import Foundation
import Synchronization

/// Waits for the session processes: one thread blocked in `waitpid(-1)` for all of them, which
/// calls each child's handler with how it ended. A child that ends before its handler is
/// registered keeps its status until it is.
final class ChildReaper: Sendable {
    /// How a child ended: its exit status, or the signal that ended it.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    private struct Waiting {
        var handlers: [pid_t: @Sendable (Ending) -> Void] = [:]
        var ended: [pid_t: Ending] = [:]
        var thread = false
    }

    private let state = Mutex(Waiting())
    private let wake = DispatchSemaphore(value: 0)

    static let shared = ChildReaper()

    /// Calls `handler` (on the reaper's thread) once `pid` has ended.
    func watch(_ pid: pid_t, _ handler: @escaping @Sendable (Ending) -> Void) {
        let (done, start) = state.withLock { s -> (Ending?, Bool) in
            if let ending = s.ended.removeValue(forKey: pid) { return (ending, false) }
            s.handlers[pid] = handler
            let start = !s.thread
            s.thread = true
            return (nil, start)
        }
        if let done { handler(done); return }
        if start {
            let thread = Thread { [self] in loop() }
            thread.name = "intersession-reaper"
            thread.start()
        } else {
            wake.signal()
        }
    }

    private func loop() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, 0)
            if pid < 0 {
                if errno == EINTR { continue }
                // No children now: sleep until one is watched.
                wake.wait()
                continue
            }
            let ending: Ending =
                (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
            let handler = state.withLock { s -> (@Sendable (Ending) -> Void)? in
                if let h = s.handlers.removeValue(forKey: pid) { return h }
                s.ended[pid] = ending
                return nil
            }
            handler?(ending)
        }
    }
}
