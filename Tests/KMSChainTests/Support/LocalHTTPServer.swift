import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 (plain sockets, one thread, `Connection: close`) that
/// answers GET requests from a handler — enough to serve CometBFT RPC fixtures to `RPCProvider`.
final class LocalHTTPServer: @unchecked Sendable {
    typealias Handler = @Sendable (_ path: String, _ query: [String: String]) -> (status: Int, body: String)
    /// Writes a whole raw response itself (headers included) with `send`, which returns false
    /// once the client has gone away — for hostile peers (endless or trickling bodies).
    typealias RawHandler = @Sendable (_ send: ([UInt8]) -> Bool) -> Void

    private let listenFD: Int32
    private let handler: Handler
    private let rawHandler: RawHandler?
    private let lock = NSLock()
    private var stopped = false
    private var log: [String] = []
    private let thread: Thread
    let port: UInt16

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Requests seen so far (`/path?query`).
    var requests: [String] { lock.withLock { log } }

    /// A server whose every response is written by `raw`.
    convenience init(raw: @escaping RawHandler) throws {
        try self.init(handler: { _, _ in (500, "") }, raw: raw)
    }

    init(handler: @escaping Handler, raw: RawHandler? = nil) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError.socket("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw ServerError.socket("bind/listen") }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        listenFD = fd
        self.handler = handler
        self.rawHandler = raw
        let box = ServerLoop()
        thread = Thread { box.run?() }
        box.run = { self.acceptLoop() }   // the loop keeps the server alive until stop()
        thread.start()
    }

    enum ServerError: Error { case socket(String) }

    private final class ServerLoop: @unchecked Sendable { var run: (() -> Void)? }

    /// Stops accepting; call it when the test ends. The accept thread closes the listening
    /// socket itself when it leaves its loop, so the descriptor number cannot be reused by
    /// another server while this thread may still call `accept` on it.
    func stop() {
        let already = lock.withLock { () -> Bool in defer { stopped = true }; return stopped }
        if already { return }
        shutdown(listenFD, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listenFD) }
        while !lock.withLock({ stopped }) {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            serve(client)
            close(client)
        }
    }

    private func serve(_ fd: Int32) {
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.containsHeaderEnd {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return }
            request += buffer[0..<n]
            if request.count > 65_536 { return }
        }
        let line = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return }
        let target = String(parts[1])
        lock.withLock { log.append(target) }
        if let rawHandler {
            rawHandler { bytes in
                var sent = 0
                while sent < bytes.count {
                    let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { return false }
                    sent += n
                }
                return !lock.withLock { stopped }
            }
            return
        }
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let (status, body) = handler(components?.path ?? target, query)
        let bodyBytes = Array(body.utf8)
        let head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(bodyBytes.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + bodyBytes
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 0x0D && self[i + 1] == 0x0A && self[i + 2] == 0x0D && self[i + 3] == 0x0A {
            return true
        }
        return false
    }
}
