import Crypto
import Foundation

/// swift-crypto primitives the tests need and the code under test does not offer (signing with
/// Ed25519 validator keys, plain SHA-256), so that test targets need not import Crypto
/// themselves: KMSTestSupport is the one test target that declares it.
public enum TestCrypto {
    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// A deterministic Ed25519 signing key (the 32-byte seed is the private key).
    public struct Ed25519Key: Sendable {
        private let key: Curve25519.Signing.PrivateKey

        /// - Throws: if `seed` is not 32 bytes.
        public init(seed: [UInt8]) throws {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        }

        /// The 32-byte public key.
        public var publicKey: [UInt8] { Array(key.publicKey.rawRepresentation) }

        /// A 64-byte signature of `message`.
        public func sign(_ message: [UInt8]) throws -> [UInt8] { Array(try key.signature(for: message)) }
    }
}
