import Dispatch
import Foundation

/// Pure work over many rows (an import's checks and column values) spread over the host's cores.
enum Parallel {
    /// `transform` of every element, in order. Below `2 × minimumChunk` elements, or on one core,
    /// it is a plain `map`. `transform` must touch no shared mutable state.
    static func map<T: Sendable, U: Sendable>(
        _ items: [T], minimumChunk: Int = 1024, _ transform: @Sendable (T) -> U
    ) -> [U] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, items.count >= 2 * minimumChunk else { return items.map(transform) }
        let chunks = min(cores * 4, items.count / minimumChunk)
        let count = items.count
        return [U](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            items.withUnsafeBufferPointer { source in
                // Each chunk writes its own slots of the result and reads only the items.
                let slots = Slots(source: source, target: base)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for i in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                        (slots.target + i).initialize(to: transform(slots.source[i]))
                    }
                }
            }
            initialized = count
        }
    }
}

extension Parallel {
    /// `consume` of `transform` of every element, in order, on the calling thread, while the
    /// next `chunk` elements are transformed on the other cores: an import's column values are
    /// made while SQLite writes the rows before them, on one core.
    static func pipeline<T: Sendable, U: Sendable>(
        _ items: [T], chunk: Int = 4096, _ transform: @escaping @Sendable (T) -> U, consume: (U) throws -> Void
    ) rethrows {
        let starts = Array(stride(from: 0, to: items.count, by: chunk))
        func start(_ k: Int) -> Pending<[U]> {
            let pending = Pending<[U]>()
            let part = Array(items[starts[k]..<min(starts[k] + chunk, items.count)])
            DispatchQueue.global().async { pending.fulfil(map(part, transform)) }
            return pending
        }
        var next = starts.isEmpty ? nil : start(0)
        for k in starts.indices {
            // A chunk in flight when `consume` throws finishes on its own and is dropped: it
            // holds its own copies of the items.
            guard let current = next?.value() else { break }
            next = k + 1 < starts.count ? start(k + 1) : nil
            for u in current { try consume(u) }
        }
    }
}

/// A value made on another thread, waited for once.
private final class Pending<V: Sendable>: @unchecked Sendable {
    private var result: V?
    private let done = DispatchSemaphore(value: 0)

    /// Called once, by the thread making the value.
    func fulfil(_ value: V) {
        result = value
        done.signal()
    }

    /// Waits for the value (the semaphore orders the write before this read).
    func value() -> V {
        done.wait()
        return result!
    }
}

/// The items and the result's storage, shared by the chunks of `Parallel.map` (disjoint writes).
private struct Slots<T, U>: @unchecked Sendable {
    let source: UnsafeBufferPointer<T>
    let target: UnsafeMutablePointer<U>
}
