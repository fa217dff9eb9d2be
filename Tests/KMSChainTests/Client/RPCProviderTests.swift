import Foundation
import XCTest
@testable import KMSChain

/// `RPCProvider` against a local HTTP server on 127.0.0.1 serving CometBFT-shaped responses.
final class RPCProviderTests: XCTestCase {
    /// Serves `blocks` (heights 1…n) like a CometBFT node: `/commit`, paged `/validators`
    /// (height n + 1 gives block n's next set), `/status`, and the node's error for heights above n.
    static func node(_ blocks: [LightBlock], chainID: String) throws -> LocalHTTPServer {
        let byHeight = Dictionary(uniqueKeysWithValues: blocks.map { ($0.height, $0) })
        let latest = blocks.map(\.height).max() ?? 0
        @Sendable func envelope(_ result: String) -> String { #"{"jsonrpc":"2.0","id":-1,"result":\#(result)}"# }
        @Sendable func tooHigh(_ h: Int64) -> (Int, String) {
            (500, #"{"jsonrpc":"2.0","id":-1,"error":{"code":-32603,"message":"Internal error","data":"height \#(h) must be less than or equal to the current blockchain height \#(latest)"}}"#)
        }
        return try LocalHTTPServer { path, query in
            let json = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
            switch path {
            case "/status":
                return (200, envelope(#"{"node_info":{"network":"\#(chainID)"},"sync_info":{"latest_block_height":"\#(latest)"}}"#))
            case "/commit":
                guard let h = Int64(query["height"] ?? ""), let b = byHeight[h] else { return tooHigh(Int64(query["height"] ?? "") ?? 0) }
                return (200, envelope(#"{"signed_header":\#(json(ChainJSON.encode(b.signedHeader, compact: true))),"canonical":true}"#))
            case "/validators":
                guard let h = Int64(query["height"] ?? "") else { return (400, "{}") }
                let set: ValidatorSet
                if let b = byHeight[h] { set = b.validators } else if let b = byHeight[h - 1], let next = b.nextValidators { set = next } else { return tooHigh(h) }
                let page = Int(query["page"] ?? "1") ?? 1, perPage = min(Int(query["per_page"] ?? "30") ?? 30, 100)
                let slice = Array(set.validators.dropFirst((page - 1) * perPage).prefix(perPage))
                let vals = json(ChainJSON.encode(slice, compact: true))
                return (200, envelope(#"{"block_height":"\#(h)","validators":\#(vals),"count":"\#(slice.count)","total":"\#(set.count)"}"#))
            default:
                return (404, "not found")
            }
        }
    }

    func testFetchesLightBlocksFromTheSyntheticChain() async throws {
        let chain = try SyntheticChainTests.load()
        let server = try Self.node(chain.blocks, chainID: "kmschain-synth-1")
        addTeardownBlock { server.stop() }
        let provider = RPCProvider(baseURL: server.baseURL)
        let latest = try await provider.latestHeight()
        XCTAssertEqual(latest, 16)
        for h: Int64 in [1, 4, 5, 16] {
            let b = try await provider.lightBlock(at: h)
            XCTAssertEqual(b, chain.block(Int(h)), "height \(h)")
        }
        XCTAssertTrue(server.requests.contains("/validators?height=17&page=1&per_page=100"))
        await assertProviderError(try await provider.lightBlock(at: 20)) { $0 == .heightTooHigh(height: 20) }
    }

    /// Bisection 1 → 16 through the HTTP provider.
    func testSyncOverHTTP() async throws {
        let chain = try SyntheticChainTests.load()
        let server = try Self.node(chain.blocks, chainID: "kmschain-synth-1")
        addTeardownBlock { server.stop() }
        let client = LightClient(verifier: Verifier(options: chain.options), provider: RPCProvider(baseURL: server.baseURL))
        let trace = try await client.verify(to: 16, from: chain.block(1), now: chain.now)
        XCTAssertEqual(trace.last, chain.block(16))
    }

    /// 150 validators: `/validators` is read in two pages of at most 100.
    func testPagesValidatorSetsPer100() async throws {
        let builder = TestChainBuilder()
        let members = (0..<150).map { (TestSigner.ed25519(UInt8($0 + 1)), Int64(1 + $0 % 7)) }
        let blocks = [builder.block(height: 1, validators: members), builder.block(height: 2, validators: members)]
        let server = try Self.node(blocks, chainID: builder.chainID)
        addTeardownBlock { server.stop() }
        let provider = RPCProvider(baseURL: server.baseURL)
        let b = try await provider.lightBlock(at: 2)
        XCTAssertEqual(b.validators.count, 150)
        XCTAssertEqual(b.validators.hash(), b.signedHeader.header.validatorsHash)
        let pages = server.requests.filter { $0.hasPrefix("/validators?height=2&") }
        XCTAssertEqual(pages, ["/validators?height=2&page=1&per_page=100", "/validators?height=2&page=2&per_page=100"])
        let verdict = Verifier(options: VerificationOptions(trustingPeriod: .seconds(3600)))
            .verify(untrusted: b, trusted: blocks[0], now: builder.time(5))
        XCTAssertEqual(verdict, .success)
    }

    func testErrorsAreClassified() async throws {
        let server = try LocalHTTPServer { path, _ in
            switch path {
            case "/commit": (500, #"{"jsonrpc":"2.0","id":-1,"error":{"code":-32603,"message":"Internal error","data":"height 3 is not available, lowest height is 10"}}"#)
            case "/status": (200, "this is not json")
            default: (502, "bad gateway")
            }
        }
        addTeardownBlock { server.stop() }
        let provider = RPCProvider(baseURL: server.baseURL, timeout: 5)
        await assertProviderError(try await provider.lightBlock(at: 3)) { $0 == .notFound(height: 3) }
        await assertProviderError(try await provider.latestHeight()) { if case .malformed = $0 { true } else { false } }
        await assertProviderError(try await provider.validatorSet(at: 3)) { if case .unavailable = $0 { true } else { false } }
        let dead = RPCProvider(baseURL: URL(string: "http://127.0.0.1:1")!, timeout: 5)
        await assertProviderError(try await dead.latestHeight()) { if case .unavailable = $0 { true } else { false } }
    }

    /// Hostile nodes: an endless body, a body announced larger than the limit, a body that
    /// trickles forever. Each request ends with a provider error naming the limit, within the
    /// deadline, holding at most the limit in memory.
    func testHostileNodesAreCutOffBySizeAndDeadline() async throws {
        let limit = 1 << 20
        let cases: [(name: String, raw: LocalHTTPServer.RawHandler, expected: String)] = [
            ("endless chunked body", { send in
                guard send(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8)) else { return }
                let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x20, count: 0x10000) + Array("\r\n".utf8)
                while send(chunk) {}
            }, "limit of \(limit) bytes"),
            ("endless body without length", { send in
                guard send(Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[".utf8)) else { return }
                let block = [UInt8](repeating: 0x20, count: 1 << 16)
                while send(block) {}
            }, "limit of \(limit) bytes"),
            ("announced 8 GB", { send in
                _ = send(Array("HTTP/1.1 200 OK\r\nContent-Length: 8000000000\r\nConnection: close\r\n\r\n{".utf8))
                let block = [UInt8](repeating: 0x20, count: 1 << 16)
                while send(block) {}
            }, "limit of \(limit) bytes"),
            ("one byte every 100 ms", { send in
                guard send(Array("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n".utf8)) else { return }
                while send([0x20]) { usleep(100_000) }
            }, "deadline of 2"),
        ]
        for c in cases {
            let server = try LocalHTTPServer(raw: c.raw)
            let provider = RPCProvider(baseURL: server.baseURL, timeout: 10, deadline: 2, maxResponseSize: limit)
            let started = Date()
            do {
                _ = try await provider.latestHeight()
                XCTFail("\(c.name): accepted")
            } catch {
                guard case .unavailable(let why) = error else { XCTFail("\(c.name): \(error)"); server.stop(); continue }
                XCTAssertTrue(why.contains(c.expected), "\(c.name): \(why)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(started), 10, c.name)   // bounded by the deadline, not the peer
            server.stop()
        }
    }
}
