import Crypto
import Foundation
@testable import KMSPrimitives
import KMSTestSupport
import XCTest
@testable import KMSChain

/// Helpers shared by the KMSChain tests: reading vectors and re-decoding JSON fragments.
enum ChainVectors {
    static let base = "cometbft/"

    /// Parsed JSON of a vector file under `../shared/vectors/cometbft/`.
    static func json(_ path: String) throws -> Any {
        try SharedVectors.json(base + path)
    }

    /// Parsed JSON object of a vector file.
    static func object(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(json(path) as? [String: Any], path)
    }

    /// Raw bytes of a vector file.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try SharedVectors.data(base + path))
    }

    /// Decodes a JSON fragment (from `JSONSerialization`) as a chain type.
    static func decode<T: Decodable>(_ type: T.Type, _ fragment: Any) throws -> T {
        let data = try JSONSerialization.data(withJSONObject: fragment, options: [.fragmentsAllowed])
        return try ChainJSON.decode(T.self, from: [UInt8](data))
    }

    static let mbtDirectory = "tendermint-rs/light-client/tests/support/model_based/single_step"

    /// The model-based single-step files, sorted.
    static func mbtFiles() throws -> [String] {
        let dir = try SharedVectors.url(base + mbtDirectory)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }
}

func hex(_ s: String) -> [UInt8] { (try? Hex.decode(s)) ?? [] }
func upperHex(_ b: [UInt8]) -> String { Hex.encode(b, uppercase: true) }

extension Dictionary where Key == String, Value == Any {
    func dict(_ k: String) -> [String: Any] { self[k] as? [String: Any] ?? [:] }
    func array(_ k: String) -> [Any] { self[k] as? [Any] ?? [] }
    func string(_ k: String) -> String { self[k] as? String ?? "" }
}

/// SHA-256 helper for address checks in tests.
enum SHA256Digest {
    static func of(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }
}

/// n − s for the secp256k1 group order n (big-endian 32 bytes).
enum Secp256k1Order {
    static let n: [UInt8] = hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")

    static func negate(_ s: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            var d = Int(n[i]) - Int(s[i]) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 256 }
            out[i] = UInt8(d)
        }
        return out
    }
}
