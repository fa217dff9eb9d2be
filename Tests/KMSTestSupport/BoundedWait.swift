import Foundation

/// Waits that end: a test that waits for a child process or a server must fail after a bound
/// rather than hang the whole test run (CI stops a run that outlives its limit, and everything
/// after the hung test goes unreported).
extension Process {
    /// Waits until the process has exited, at most `timeout`; false when it is still running.
    /// Polls `isRunning` instead of `waitUntilExit()`, which spins the caller's run loop
    /// without a bound.
    public func waitForExit(within timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    /// Kills the process (SIGKILL) if it still runs and waits for it, at most `timeout`.
    @discardableResult
    public func killAndWait(within timeout: Duration = .seconds(30)) -> Bool {
        if isRunning { kill(processIdentifier, SIGKILL) }
        return waitForExit(within: timeout)
    }

    /// Kills the process once `timeout` has passed, if it still runs then: a read of its output
    /// to the end cannot outlive it. `cancel()` the result once the process has ended.
    public func killAfter(_ timeout: Duration) -> DispatchWorkItem {
        let item = DispatchWorkItem { [self] in
            if isRunning { kill(processIdentifier, SIGKILL) }
        }
        let (seconds, attoseconds) = timeout.components
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)),
                                          execute: item)
        return item
    }
}

/// Awaits `task`, at most `timeout`; then cancels it and returns nil without waiting for it
/// further (a task that ignores its cancellation is left behind, not awaited).
public func value<T: Sendable>(of task: Task<T, any Error>, within timeout: Duration) async throws -> T? {
    try await withCheckedThrowingContinuation { continuation in
        let once = ResumeOnce<T?>(continuation)
        Task {
            do { once.resume(with: .success(try await task.value)) } catch { once.resume(with: .failure(error)) }
        }
        Task {
            try? await Task.sleep(for: timeout)
            if once.resume(with: .success(nil)) { task.cancel() }
        }
    }
}

/// A continuation resumed by whichever of several racers comes first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = continuation }

    /// Resumes the continuation unless another racer did; true for the one that did.
    @discardableResult
    func resume(with result: Result<T, any Error>) -> Bool {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(with: result)
        return c != nil
    }
}
