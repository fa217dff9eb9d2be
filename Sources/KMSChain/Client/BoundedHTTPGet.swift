import AsyncHTTPClient
import Foundation
import NIOCore

/// One HTTP(S) GET whose response is bounded in size and in total time, on AsyncHTTPClient: the
/// body is collected up to `maxSize` bytes (an announced `Content-Length` above it fails at
/// once), and the whole exchange — connection, head and body — must finish within `deadline`,
/// however the peer trickles its answer. No cache, no second copy of the body.
struct BoundedHTTPGet {
    let maxSize: Int
    let idleTimeout: TimeInterval
    let deadline: TimeInterval

    enum Failure: Error, Equatable {
        case tooLarge(limit: Int)
        case deadlineExceeded(seconds: TimeInterval)
        case transport(String)
    }

    private struct DeadlinePassed: Error {}

    func fetch(_ url: URL) async throws(Failure) -> (body: [UInt8], status: Int) {
        let limit = maxSize, seconds = deadline, idle = idleTimeout, address = url.absoluteString
        do {
            return try await withThrowingTaskGroup(of: (body: [UInt8], status: Int).self) { group in
                group.addTask {
                    var request = HTTPClientRequest(url: address)
                    request.method = .GET
                    request.headers.add(name: "Accept", value: "application/json")
                    let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(idle * 1000)))
                    if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                        throw NIOTooManyBytesError(maxBytes: limit)
                    }
                    let body = try await response.body.collect(upTo: limit)
                    return (Array(buffer: body), Int(response.status.code))
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                    throw DeadlinePassed()
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw DeadlinePassed() }
                return first
            }
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: maxSize)
        } catch is DeadlinePassed {
            throw .deadlineExceeded(seconds: deadline)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .transport("no data for \(idleTimeout) s")
        } catch {
            throw .transport("\(error)")
        }
    }
}
