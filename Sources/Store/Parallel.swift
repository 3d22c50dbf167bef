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

/// The items and the result's storage, shared by the chunks of `Parallel.map` (disjoint writes).
private struct Slots<T, U>: @unchecked Sendable {
    let source: UnsafeBufferPointer<T>
    let target: UnsafeMutablePointer<U>
}
