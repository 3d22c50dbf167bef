import Foundation
import Store
import Synchronization

/// What other users (and other processes of the same user) changed in the store since the shell
/// last looked (issue 17 §10): the newest audit row's number, polled while the screen is idle,
/// and the rows after the last one seen, without the shell's own writes. Audit rows are numbered
/// without gaps (AUTOINCREMENT, and a rolled-back write takes its number back), so rows not read
/// are counted exactly. Behind a lock: each SSH session's shell runs on its own thread.
final class ChangeFeed: Sendable {
    private struct State {
        /// The newest change seen (the one the screens were loaded after).
        var seen: Int64 = 0
        var started = false
        var checked: UInt64 = 0
        /// Rows this shell wrote: numbers in these ranges by its own actor are not news to it.
        var own: [ClosedRange<Int64>] = []
    }
    private let state = Mutex(State())
    /// The most changes read at one look; older ones are only counted.
    static let limit = 1000

    /// Starts from the store's newest change: what the screens load first is after it.
    func start(_ store: any ShellStore) {
        let latest = (try? store.latestChangeID()) ?? 0
        state.withLock {
            $0.seen = latest
            $0.started = true
            $0.checked = DispatchTime.now().uptimeNanoseconds
        }
    }

    /// Runs one of the shell's own writes, remembering the rows it added.
    func own<T>(_ store: any ShellStore, _ body: () -> T) -> T {
        let before = try? store.latestChangeID()
        let result = body()
        if let before, let after = try? store.latestChangeID(), after > before {
            state.withLock { $0.own.append((before + 1)...after) }
        }
        return result
    }

    /// The changes since the last look made by anyone but this shell, when `seconds` have passed
    /// since it and there are any (nil: nothing new, not yet time, or the store busy for a
    /// moment: asked again next time). `actor` is who this shell writes as.
    func poll(_ store: any ShellStore, every seconds: Double, actor: String?) -> (
        changes: [StoreChange], omitted: Int
    )? {
        let now = DispatchTime.now().uptimeNanoseconds
        let (due, seen) = state.withLock { s -> (Bool, Int64) in
            guard s.started, Double(now &- s.checked) >= seconds * 1e9 else { return (false, s.seen) }
            s.checked = now
            return (true, s.seen)
        }
        guard due, let latest = try? store.latestChangeID(), latest != seen else { return nil }
        if latest < seen {
            state.withLock { $0.seen = latest }  // a database restored from a backup: from here on
            return nil
        }
        guard let read = try? store.changes(after: seen, limit: ChangeFeed.limit) else { return nil }
        let newest = max(latest, read.last?.id ?? latest)
        let omitted = max(0, Int(newest - seen) - read.count)
        let own = state.withLock { s -> [ClosedRange<Int64>] in
            s.seen = newest
            let mine = s.own
            s.own.removeAll { $0.upperBound <= newest }
            return mine
        }
        let changes = read.filter { c in !(c.actor == actor && own.contains { $0.contains(c.id) }) }
        return changes.isEmpty && omitted == 0 ? nil : (changes, omitted)
    }
}
