import Dispatch
import Foundation

/// Data-parallel loops over the machine's cores for key generation and batch evaluation.
package enum ParallelWork {
    /// Worker count: the active processors (at least 1, at most 64).
    package static var workerCount: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 64) }

    /// Runs `body(worker)` for `workers` workers concurrently and returns when all are done.
    /// The workers must touch disjoint memory (each caller documents how it splits the work).
    package static func run(workers: Int = workerCount, _ body: (Int) -> Void) {
        if workers <= 1 { body(0); return }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { shared.value($0) }
        }
    }
}

/// A value handed to parallel workers by code that guarantees they use it safely.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A pointer handed to parallel workers that write disjoint ranges of one buffer.
package struct SharedMutablePointer<T>: @unchecked Sendable {
    package let pointer: UnsafeMutablePointer<T>
    package init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
