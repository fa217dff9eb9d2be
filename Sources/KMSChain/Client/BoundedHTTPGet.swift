import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET whose response is bounded in size and in total time: the body is accumulated
/// as it arrives and the transfer is cancelled as soon as it passes `maxSize` bytes (or the
/// announced `Content-Length` does), or when `deadline` has passed since the request started —
/// whatever the peer does (an endless body, a drip of one byte per second).
struct BoundedHTTPGet {
    let maxSize: Int
    let idleTimeout: TimeInterval
    let deadline: TimeInterval

    enum Failure: Error, Equatable {
        case tooLarge(limit: Int)
        case deadlineExceeded(seconds: TimeInterval)
        case transport(String)
    }

    func fetch(_ url: URL) async throws(Failure) -> (body: [UInt8], status: Int) {
        var request = URLRequest(url: url, timeoutInterval: idleTimeout)
        request.httpMethod = "GET"
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idleTimeout
        configuration.timeoutIntervalForResource = deadline
        // No cache: it would keep a second copy of every body.
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let collector = Collector(maxSize: maxSize)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: request)
        let result: Result<(body: [UInt8], status: Int), Failure> = await withCheckedContinuation { continuation in
            collector.start(task, continuation: continuation)
            DispatchQueue.global().asyncAfter(deadline: .now() + deadline) {
                collector.fail(.deadlineExceeded(seconds: deadline))
            }
        }
        return try result.get()
    }

    /// Receives the response on the session's queue; finishes exactly once.
    private final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let maxSize: Int
        private let lock = NSLock()
        private var body: [UInt8] = []
        private var status = 0
        private var task: URLSessionTask?
        private var continuation: CheckedContinuation<Result<(body: [UInt8], status: Int), Failure>, Never>?
        private var failure: Failure?

        init(maxSize: Int) { self.maxSize = maxSize }

        func start(_ task: URLSessionTask, continuation: CheckedContinuation<Result<(body: [UInt8], status: Int), Failure>, Never>) {
            lock.withLock {
                self.task = task
                self.continuation = continuation
            }
            task.resume()
        }

        /// Ends the transfer with `failure` (the first ending wins).
        func fail(_ failure: Failure) {
            let (c, t) = lock.withLock { () -> (CheckedContinuation<Result<(body: [UInt8], status: Int), Failure>, Never>?, URLSessionTask?) in
                defer { continuation = nil }
                if continuation != nil { self.failure = failure; body = [] }
                return (continuation, task)
            }
            c?.resume(returning: .failure(failure))
            // Not from the delegate queue: FoundationNetworking's cancel waits for that queue.
            if let t { DispatchQueue.global().async { t.cancel() } }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            lock.withLock { status = (response as? HTTPURLResponse)?.statusCode ?? 0 }
            if response.expectedContentLength > Int64(maxSize) {
                fail(.tooLarge(limit: maxSize))
                completionHandler(.cancel)
                return
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over = lock.withLock { () -> Bool in
                guard continuation != nil else { return false }
                if body.count + data.count > maxSize { return true }
                if body.capacity < body.count + data.count {
                    // Grow geometrically, never beyond the limit.
                    body.reserveCapacity(min(maxSize, max(body.count + data.count, body.capacity * 2, 1 << 16)))
                }
                body.append(contentsOf: data)
                return false
            }
            if over { fail(.tooLarge(limit: maxSize)) }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            let (c, result) = lock.withLock { () -> (CheckedContinuation<Result<(body: [UInt8], status: Int), Failure>, Never>?, Result<(body: [UInt8], status: Int), Failure>) in
                defer { continuation = nil }
                if let error { return (continuation, .failure(.transport(error.localizedDescription))) }
                return (continuation, .success((body, status)))
            }
            c?.resume(returning: result)
        }
    }
}
