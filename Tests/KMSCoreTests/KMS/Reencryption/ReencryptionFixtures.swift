import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Shared material for the reencryption tests: the spec vector's parties (user = the fhevm
/// gateway-relayer test key, KMS = signer 0, fhevmjs X25519 key pair, dApp contract on chain 9000)
/// and a small test key set.
enum ReencryptionFixtures {
    static let userPrivateKey = "7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67"
    static let userAddress = "0x97F272ccfef4026A1F3f0e0E879d514627B84E69"
    static let contract = "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce"
    static let chainId: UInt64 = 9000
    static let serverSigningKey = "388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91"
    static let serverAddress = "0x0971C80fF03B428fD2094dd5354600ab103201C5"

    static func wallet() throws -> Secp256k1PrivateKey { try Secp256k1PrivateKey(rawRepresentation: Hex.decode(userPrivateKey)) }
    static func server() throws -> Secp256k1PrivateKey { try Secp256k1PrivateKey(rawRepresentation: Hex.decode(serverSigningKey)) }
    static func userBoxKey() throws -> BoxSecretKey { try BoxSecretKey(hex: BoxKeyTests.fhevmjsSecret) }
    static func contractAddress() throws -> EthereumAddress { try EthereumAddress(eip55: contract) }

    /// A v0.6 handle of `type`: arbitrary bytes 0..<29, index 0, type byte, version 0.
    static func handle(_ type: FheType, seed: UInt8 = 0x5a) throws -> FheHandle {
        var b = (0..<32).map { UInt8(truncatingIfNeeded: Int($0) &* 37 &+ Int(seed)) }
        b[29] = 0
        b[30] = type.code
        b[31] = 0
        return try FheHandle(bytes: b)
    }

    /// A decryptor that must not be called (for tests that start from a plaintext).
    struct NoDecryptor: FheDecryptor {
        struct Called: Error {}
        var parameters: ParameterSet { .test }
        func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue { throw Called() }
    }

    /// One test-parameter key set for the whole test run (key generation is the slow part),
    /// from the run's seed.
    static let keySet: KeySet = {
        var g = TestSeed.generator(function: "ReencryptionFixtures.keySet")
        do { return try KeySet.generate(.test, randomness: g.tfheRandomness()) } catch { fatalError("test key generation failed: \(error)") }
    }()

    /// The user's signed request for `handle`, as fhevmjs would build it.
    static func userRequest(_ handle: FheHandle, boxKey: BoxSecretKey? = nil) throws -> UserReencryptionRequest {
        UserReencryptionRequest.sign(handle: handle, encryptionKey: try (boxKey ?? userBoxKey()).publicKey,
                                     contract: try contractAddress(), chainId: chainId, wallet: try wallet())
    }

    /// The gateway's JSON answer of the spec vector, as bytes for the response parser.
    static func gatewayResponseJSON(_ v: ReencryptionSigncryptionVector) throws -> [UInt8] {
        [UInt8](try JSONEncoder().encode(v.gatewayJSONResponse))
    }

    /// The KMS-side request for a user request and a native ciphertext file.
    static func kmsRequest(_ user: UserReencryptionRequest, ciphertext: [UInt8], keyID: KeyID) throws -> ReencryptionRequest {
        try ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: ciphertext, keyID: keyID, chainId: user.chainId)
    }
}
