import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches light blocks from a CometBFT node's JSON-RPC (HTTP GET, port 26657):
/// `/commit?height=H` for the signed header, `/validators?height=H&page=P&per_page=100` (every
/// page) for the validator set, the same at `H+1` for the next validator set, `/status` for the
/// latest height.
///
/// ```swift
/// let node = RPCProvider(baseURL: URL(string: "http://127.0.0.1:26657")!)
/// let block = try await node.lightBlock(at: 57)
/// ```
public struct RPCProvider: LightBlockProvider {
    /// The node's RPC address (e.g. `http://127.0.0.1:26657`).
    public let baseURL: URL
    /// Idle timeout of one request (no byte received for this long).
    public let timeout: TimeInterval
    /// Total time one request may take, however the node trickles its answer.
    public let deadline: TimeInterval
    /// Largest response body read, in bytes; a node that sends more (or announces more) is cut off.
    public let maxResponseSize: Int
    /// The default `maxResponseSize`: 64 MiB, the limit of every JSON input of this project.
    public static let defaultMaxResponseSize = 64 << 20
    /// Validators per `/validators` page (CometBFT's maximum is 100).
    public static let validatorsPerPage = 100
    /// Most `/validators` pages read for one set (as the Go light provider).
    public static let maxValidatorPages = 100

    /// A provider for the node at `baseURL`.
    public init(baseURL: URL, timeout: TimeInterval = 30, deadline: TimeInterval = 120,
                maxResponseSize: Int = RPCProvider.defaultMaxResponseSize) {
        self.baseURL = baseURL
        self.timeout = timeout
        self.deadline = max(deadline, 0.001)
        self.maxResponseSize = max(maxResponseSize, 0)
    }

    public func lightBlock(at height: Int64) async throws(ProviderError) -> LightBlock {
        guard height > 0, height < Int64.max else { throw .notFound(height: height) }
        let commit: CommitResult = try await call("commit", ["height": String(height)], height: height)
        guard commit.signedHeader.header.height == height else {
            throw .inconsistent("/commit?height=\(height) returned height \(commit.signedHeader.header.height)")
        }
        let validators = try await validatorSet(at: height)
        let next = try await validatorSet(at: height + 1)
        return LightBlock(signedHeader: commit.signedHeader, validators: validators, nextValidators: next)
    }

    public func latestHeight() async throws(ProviderError) -> Int64 {
        let status: StatusResult = try await call("status", [:], height: nil)
        return status.latestBlockHeight
    }

    /// The whole validator set at `height`, read page by page.
    public func validatorSet(at height: Int64) async throws(ProviderError) -> ValidatorSet {
        var all: [Validator] = []
        var page = 1
        while page <= Self.maxValidatorPages {
            let result: ValidatorsResult = try await call(
                "validators", ["height": String(height), "page": String(page), "per_page": String(Self.validatorsPerPage)],
                height: height)
            guard result.blockHeight == height else {
                throw .inconsistent("/validators?height=\(height) returned height \(result.blockHeight)")
            }
            guard result.total > 0 else { throw .inconsistent("/validators?height=\(height) reports total \(result.total)") }
            guard !result.validators.isEmpty else { throw .inconsistent("/validators?height=\(height) page \(page) is empty") }
            all += result.validators
            if all.count >= result.total {
                guard all.count == result.total else {
                    throw .inconsistent("/validators?height=\(height) returned \(all.count) validators, total \(result.total)")
                }
                return ValidatorSet(all)
            }
            page += 1
        }
        throw .inconsistent("/validators?height=\(height) needs more than \(Self.maxValidatorPages) pages")
    }

    /// One GET request `/<method>?<query>`; the JSON-RPC result decoded as `R`.
    func call<R: Decodable & Sendable>(_ method: String, _ query: [String: String], height: Int64?) async throws(ProviderError) -> R {
        guard var components = URLComponents(url: baseURL.appendingPathComponent(method), resolvingAgainstBaseURL: false) else {
            throw .unavailable("invalid RPC address \(baseURL)")
        }
        if !query.isEmpty {
            components.queryItems = query.keys.sorted().map { URLQueryItem(name: $0, value: query[$0]) }
        }
        guard let url = components.url else { throw .unavailable("invalid RPC address \(baseURL)") }
        let body: [UInt8], status: Int
        do {
            (body, status) = try await BoundedHTTPGet(maxSize: maxResponseSize, idleTimeout: timeout, deadline: deadline).fetch(url)
        } catch {
            switch error {
            case .tooLarge(let limit): throw .unavailable("/\(method): the response exceeds the limit of \(limit) bytes")
            case .deadlineExceeded(let s): throw .unavailable("/\(method): no complete response within the deadline of \(s) s")
            case .transport(let why): throw .unavailable("\(method): \(why)")
            }
        }
        let envelope: RPCResponse<R>
        do {
            envelope = try ChainJSON.decode(RPCResponse<R>.self, from: body)
        } catch {
            if status != 200 { throw .unavailable("\(method): HTTP \(status)") }
            throw .malformed("/\(method): \(error)")
        }
        do {
            return try envelope.get()
        } catch {
            throw Self.classify(error, height: height)
        }
    }

    /// Maps CometBFT's RPC errors onto provider errors (as the Go light provider does).
    static func classify(_ error: RPCErrorObject, height: Int64?) -> ProviderError {
        let text = (error.data ?? "") + " " + error.message
        if let height {
            if text.contains("must be less than or equal to") { return .heightTooHigh(height: height) }
            if text.contains("is not available") || text.contains("could not find") { return .notFound(height: height) }
        }
        return .rpc(error)
    }
}
