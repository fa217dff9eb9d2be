import Foundation
import KMSTestSupport
import XCTest

/// The JSON `kmsctl` prints, as small decodable structs.
enum CLIOutput {
    /// Decodes `text` (a command's standard output) as `type`; the text is in the failure message.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw TestFailure.record("kmsctl printed JSON that is not a \(T.self): \(error)\n\(text)")
        }
    }

    /// Compact JSON text of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

/// `kmsctl user keygen`: the fhevmjs X25519 key pair, bincode hex.
struct UserKeyPairOutput: Decodable {
    let publicKey: String
    let privateKey: String
    enum CodingKeys: String, CodingKey { case publicKey = "public_key", privateKey = "private_key" }
}

/// `kmsctl user request`: the gateway's POST body.
struct GatewayRequestOutput: Decodable {
    let signature: String
    let clientAddress: String
    let encKey: String
    let ciphertextHandle: String
    let eip712VerifyingContract: String
    enum CodingKeys: String, CodingKey {
        case signature, clientAddress = "client_address", encKey = "enc_key", ciphertextHandle = "ciphertext_handle"
        case eip712VerifyingContract = "eip712_verifying_contract"
    }
}

/// `kmsctl reencrypt`: the gateway's answer (`response` on success, `error` on failure).
struct GatewayResponseOutput: Codable {
    var status: String
    var response: [Item]?
    var error: String?

    struct Item: Codable {
        var signature: String
        var payload: String
        var ciphertextDigest: String
        enum CodingKeys: String, CodingKey { case signature, payload, ciphertextDigest = "ciphertext_digest" }
    }
}

/// `kmsctl decrypt --signer …`: the signed decryption result.
struct SignedDecryptionOutput: Decodable {
    let decryptedResult: String
    let plaintexts: [Plaintext]
    let signature: String
    let signer: String

    struct Plaintext: Decodable {
        let type: String
        let value: String
    }

    enum CodingKeys: String, CodingKey { case decryptedResult = "decrypted_result", plaintexts, signature, signer }
}

/// `kmsctl header verify --json`: the verdict, with `error` always present (null on success).
struct HeaderVerdictOutput: Decodable {
    let verdict: String
    let error: JSONNullable<String>
    let height: String?
}

/// `kmsctl key inspect`: the description of a tfhe-rs file (the members the tests read).
struct KeyInspectionOutput: Decodable {
    let object: String
    /// Present for every file; null for data without the safe-serialization header.
    let headerVersion: JSONNullable<String>
    let sizeBytes: Int
    let secret: Bool
    let tfheRsVersions: [String]
    let parameterSet: String?
    let closestParameterSet: String?
    let parameters: Parameters?
    let ciphertext: Ciphertext?

    struct Parameters: Decodable {
        let lweDimension: Int?
        let log2PFail: Double?
        let lweNoiseDistribution: NoiseDistribution?
        let encryptionKeyChoice: String?
        let compressionParameters: Compression?
        let keySwitchingParameters: KeySwitching?
        let compactPublicKeyParameters: CompactPublicKey?

        struct NoiseDistribution: Decodable {
            let tUniform: [String: Int]?
            enum CodingKeys: String, CodingKey { case tUniform = "TUniform" }
        }
        struct Compression: Decodable {
            let storageLogModulus: Int
            enum CodingKeys: String, CodingKey { case storageLogModulus = "storage_log_modulus" }
        }
        struct KeySwitching: Decodable {
            let destinationKey: String
            enum CodingKeys: String, CodingKey { case destinationKey = "destination_key" }
        }
        struct CompactPublicKey: Decodable {
            let zkScheme: String?
            enum CodingKeys: String, CodingKey { case zkScheme = "zk_scheme" }
        }

        enum CodingKeys: String, CodingKey {
            case lweDimension = "lwe_dimension", log2PFail = "log2_p_fail", lweNoiseDistribution = "lwe_noise_distribution"
            case encryptionKeyChoice = "encryption_key_choice", compressionParameters = "compression_parameters"
            case keySwitchingParameters = "key_switching_parameters", compactPublicKeyParameters = "compact_public_key_parameters"
        }
    }

    struct Ciphertext: Decodable {
        let fheTypes: [String]?
        enum CodingKeys: String, CodingKey { case fheTypes = "fhe_types" }
    }

    enum CodingKeys: String, CodingKey {
        case object, headerVersion = "header_version", sizeBytes = "size_bytes", secret, tfheRsVersions = "tfhe_rs_versions"
        case parameterSet = "parameter_set", closestParameterSet = "closest_parameter_set", parameters, ciphertext
    }

    /// The names of the members of `parameters` (present, possibly null).
    struct ParameterNames: Decodable {
        let parameters: [String: JSONTree]
    }
}

/// `kmsctl key inspect` of a tfhe-rs ServerKey (the members the tests read).
struct ServerKeyInspectionOutput: Decodable {
    let object: String
    let secret: Bool
    let serverKey: ServerKey

    struct ServerKey: Decodable {
        let keySwitchingKey: KeySwitchingKey
        let bootstrappingKey: BootstrappingKey
        enum CodingKeys: String, CodingKey { case keySwitchingKey = "key_switching_key", bootstrappingKey = "bootstrapping_key" }
    }
    struct KeySwitchingKey: Decodable {
        let inputLweDimension: Int
        enum CodingKeys: String, CodingKey { case inputLweDimension = "input_lwe_dimension" }
    }
    struct BootstrappingKey: Decodable {
        let polynomialSize: Int
        let modulusSwitch: String
        enum CodingKeys: String, CodingKey { case polynomialSize = "polynomial_size", modulusSwitch = "modulus_switch" }
    }

    enum CodingKeys: String, CodingKey { case object, secret, serverKey = "server_key" }
}
