import Foundation
import KMSTestSupport
@testable import KMSCore

/// `../shared/vectors/fhevm/reencryption_signcryption_vector.json`: a complete centralized
/// reencryption of euint8 42 with fixed ephemeral key (0x11…) and nonce (0x22…), every
/// intermediate value included (fhevm.md §5.2).
struct ReencryptionVector {
    let fields: [String: Any]

    static func load() throws -> ReencryptionVector {
        guard let o = try SharedVectors.json("fhevm/reencryption_signcryption_vector.json") as? [String: Any] else {
            throw VectorError("vector is not a JSON object")
        }
        return ReencryptionVector(fields: o)
    }

    func string(_ key: String) throws -> String {
        guard let s = fields[key] as? String else { throw VectorError("vector field \(key) missing") }
        return s
    }

    func bytes(_ key: String) throws -> [UInt8] { try Hex.decode(string(key)) }

    var gatewayResponse: [String: Any] { (fields["gateway_json_response"] as? [String: Any]) ?? [:] }

    struct VectorError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }
}
