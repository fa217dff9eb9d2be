/// `fhevm/eip712_vectors.json`: fhEVM v0.6 test keys, EIP-712 documents (Reencrypt,
/// DecryptionResult, CiphertextVerificationForKMS/Copro) with their hashes and signatures, and
/// handle derivations. Only the members the tests read are modelled.
public struct EIP712Vectors: Decodable, Sendable {
    public static let path = "fhevm/eip712_vectors.json"

    /// Reads and decodes the file (digest checked).
    public static func load() throws -> EIP712Vectors { try SharedVectors.decode(path) }

    public let testKeys: TestKeys
    public let reencryptPublished: Reencrypt
    public let reencryptSigned: Reencrypt
    public let handles: Handles
    public let decryptionResult: DecryptionResult
    public let ciphertextVerificationForKMS: CiphertextVerificationForKMS
    public let ciphertextVerificationForCopro: CiphertextVerificationForCopro

    enum CodingKeys: String, CodingKey {
        case testKeys = "test_keys"
        case reencryptPublished = "reencrypt_published"
        case reencryptSigned = "reencrypt_signed"
        case handles
        case decryptionResult = "decryption_result"
        case ciphertextVerificationForKMS = "ciphertext_verification_for_kms"
        case ciphertextVerificationForCopro = "ciphertext_verification_for_copro"
    }

    /// A secp256k1 key and its EIP-55 address.
    public struct Key: Decodable, Sendable {
        public let privateKey: String
        public let address: String
        enum CodingKeys: String, CodingKey { case privateKey = "private_key", address }
    }

    public struct TestKeys: Decodable, Sendable {
        /// The four KMS signers, by index.
        public let kmsSigners: [Key]
        public let coprocessor: Key
        public let gatewayRelayer: Key
        enum CodingKeys: String, CodingKey {
            case kmsSigners = "kms_signers", coprocessor, gatewayRelayer = "gateway_relayer"
        }
    }

    /// An EIP-712 domain (name, version, chain id, verifying contract).
    public struct Domain: Decodable, Sendable {
        public let name: String
        public let version: String
        public let chainId: UInt64
        public let verifyingContract: String
    }

    /// `reencrypt_published` (the kms repository's example, with `message` and
    /// `recovered_address`) and `reencrypt_signed` (derived with eth-account, with the user key,
    /// the X25519 pair and a delegated variant).
    public struct Reencrypt: Decodable, Sendable {
        public let domain: Domain
        public let typehash: String
        public let domainSeparator: String
        public let structHash: String
        public let digest: String
        public let signature: String
        public let message: Message?
        public let recoveredAddress: String?
        public let userPrivateKey: String?
        public let userAddress: String?
        public let x25519PublicKeyBincode: String?
        public let delegatedVariant: DelegatedVariant?

        public struct Message: Decodable, Sendable {
            public let publicKey: String
        }

        public struct DelegatedVariant: Decodable, Sendable {
            public let typeString: String
            public let delegatedAccount: String
            public let structHash: String
            public let digest: String
            public let signature: String
            enum CodingKeys: String, CodingKey {
                case typeString = "type_string", delegatedAccount, structHash = "struct_hash", digest, signature
            }
        }

        enum CodingKeys: String, CodingKey {
            case domain, typehash, domainSeparator = "domain_separator", structHash = "struct_hash", digest, signature
            case message, recoveredAddress = "recovered_address", userPrivateKey = "user_private_key"
            case userAddress = "user_address", x25519PublicKeyBincode = "x25519_public_key_bincode"
            case delegatedVariant = "delegated_variant"
        }
    }

    public struct Handles: Decodable, Sendable {
        public let inputMockAndNative: InputMockAndNative
        public let coprocessorInput: CoprocessorInput
        public let trivialEncrypt: Computed
        public let computedExample: Computed

        enum CodingKeys: String, CodingKey {
            case inputMockAndNative = "v0_6_input_mock_and_native"
            case coprocessorInput = "v0_6_coprocessor_input"
            case trivialEncrypt = "v0_6_trivialEncrypt"
            case computedExample = "v0_7_computed_example"
        }

        /// One handle of an input bundle.
        public struct Entry: Decodable, Sendable {
            public let index: Int
            public let type: Int
            public let handle: String
        }

        /// keccak256(hashCT ‖ index) with bytes 29/30/31 = index, type, version.
        public struct InputMockAndNative: Decodable, Sendable {
            public let bundleCiphertextUTF8: String
            public let hashCT: String
            public let handles: [Entry]
            enum CodingKeys: String, CodingKey { case bundleCiphertextUTF8 = "bundleCiphertext_utf8", hashCT, handles }
        }

        public struct CoprocessorInput: Decodable, Sendable {
            public let handles: [Entry]
        }

        public struct Computed: Decodable, Sendable {
            public let handle: String
        }
    }

    public struct DecryptionResult: Decodable, Sendable {
        public let domain: Domain
        public let typeString: String
        public let typehash: String
        public let aclAddress: String
        public let handlesList: [String]
        public let passSignaturesToCallerFalse: Layout
        public let passSignaturesToCallerTrue: Layout
        public let ebytes64Example: Ebytes64Example

        enum CodingKeys: String, CodingKey {
            case domain, typeString = "type_string", typehash, aclAddress, handlesList
            case passSignaturesToCallerFalse = "passSignaturesToCaller_false"
            case passSignaturesToCallerTrue = "passSignaturesToCaller_true"
            case ebytes64Example = "ebytes64_example"
        }

        /// The result in one layout, with the four signers' signatures.
        public struct Layout: Decodable, Sendable {
            public let decryptedResult: String
            public let structHash: String
            public let digest: String
            public let signaturesBySignerIndex: [String]
            enum CodingKeys: String, CodingKey {
                case decryptedResult, structHash = "struct_hash", digest, signaturesBySignerIndex = "signatures_by_signer_index"
            }
        }

        public struct Ebytes64Example: Decodable, Sendable {
            public let value: String
            public let decryptedResultWithoutSigOffset: String
            enum CodingKeys: String, CodingKey {
                case value, decryptedResultWithoutSigOffset = "decryptedResult_without_sig_offset"
            }
        }
    }

    public struct CiphertextVerificationForKMS: Decodable, Sendable {
        public let domain: Domain
        public let typeString: String
        public let typehash: String
        public let message: Message
        public let structHash: String
        public let digest: String
        public let signaturesBySignerIndex: [String]

        public struct Message: Decodable, Sendable {
            public let aclAddress: String
            public let hashOfCiphertext: String
            public let userAddress: String
            public let contractAddress: String
        }

        enum CodingKeys: String, CodingKey {
            case domain, typeString = "type_string", typehash, message, structHash = "struct_hash", digest
            case signaturesBySignerIndex = "signatures_by_signer_index"
        }
    }

    public struct CiphertextVerificationForCopro: Decodable, Sendable {
        public let domain: Domain
        public let typeString: String
        public let message: Message
        public let structHash: String
        public let digest: String
        public let signature: String

        public struct Message: Decodable, Sendable {
            public let aclAddress: String
            public let hashOfCiphertext: String
            public let handlesList: [String]
            public let userAddress: String
            public let contractAddress: String
        }

        enum CodingKeys: String, CodingKey {
            case domain, typeString = "type_string", message, structHash = "struct_hash", digest, signature
        }
    }
}

/// `fhevm/reencryption_signcryption_vector.json`: a complete centralized reencryption of euint8
/// 42 with a fixed ephemeral key (0x11…) and nonce (0x22…), every intermediate value included
/// (fhevm.md §5.2). Byte strings are hex without `0x`.
public struct ReencryptionSigncryptionVector: Decodable, Sendable {
    public static let path = "fhevm/reencryption_signcryption_vector.json"

    /// Reads and decodes the file (digest checked).
    public static func load() throws -> ReencryptionSigncryptionVector { try SharedVectors.decode(path) }

    public let serverSigningKey: String
    public let serverAddress: String
    public let serverPubkeySEC1Compressed: String
    public let verificationKeyBincode: String
    public let clientAddress: String
    public let clientEncPkBincode: String
    public let clientEncSkBincode: String
    public let reencryptEIP712Digest: String
    public let ciphertextBytesUTF8: String
    public let ciphertextDigestSHA3_256: String
    public let link: String
    public let plaintext: Plaintext
    public let signcryptionPayloadBincode: String
    public let innerSignedMessage: String
    public let innerSignatureRS: String
    public let serverEphemeralX25519Sk: String
    public let serverEphemeralX25519Pk: String
    public let nonce: String
    public let plaintextToEncrypt: String
    public let boxCiphertextTagFirst: String
    /// `cipher_bincode (=signcrypted_ciphertext)`.
    public let cipherBincode: String
    public let reencryptionResponsePayloadBincode: String
    /// `response_signature_rs (ECDSA secp256k1 over SHA-256(payload bincode))`.
    public let responseSignatureRS: String
    public let gatewayJSONResponse: GatewayResponse

    public struct Plaintext: Decodable, Sendable {
        public let fheType: Int
        public let bytesLE: String
        public let value: Int
        enum CodingKeys: String, CodingKey { case fheType = "fhe_type", bytesLE = "bytes_le", value }
    }

    /// The gateway's JSON answer, re-encodable for the parsers under test.
    public struct GatewayResponse: Codable, Sendable, Equatable {
        public var status: String
        public var response: [Item]

        public struct Item: Codable, Sendable, Equatable {
            public var signature: String
            public var payload: String
            public var ciphertextDigest: String
            enum CodingKeys: String, CodingKey { case signature, payload, ciphertextDigest = "ciphertext_digest" }
        }
    }

    enum CodingKeys: String, CodingKey {
        case serverSigningKey = "server_signing_key"
        case serverAddress = "server_address"
        case serverPubkeySEC1Compressed = "server_pubkey_sec1_compressed"
        case verificationKeyBincode = "verification_key_bincode"
        case clientAddress = "client_address"
        case clientEncPkBincode = "client_enc_pk_bincode"
        case clientEncSkBincode = "client_enc_sk_bincode"
        case reencryptEIP712Digest = "reencrypt_eip712_digest"
        case ciphertextBytesUTF8 = "ciphertext_bytes_utf8"
        case ciphertextDigestSHA3_256 = "ciphertext_digest_sha3_256"
        case link, plaintext
        case signcryptionPayloadBincode = "signcryption_payload_bincode"
        case innerSignedMessage = "inner_signed_message"
        case innerSignatureRS = "inner_signature_rs"
        case serverEphemeralX25519Sk = "server_ephemeral_x25519_sk"
        case serverEphemeralX25519Pk = "server_ephemeral_x25519_pk"
        case nonce
        case plaintextToEncrypt = "plaintext_to_encrypt"
        case boxCiphertextTagFirst = "box_ciphertext_tag_first"
        case cipherBincode = "cipher_bincode (=signcrypted_ciphertext)"
        case reencryptionResponsePayloadBincode = "reencryption_response_payload_bincode"
        case responseSignatureRS = "response_signature_rs (ECDSA secp256k1 over SHA-256(payload bincode))"
        case gatewayJSONResponse = "gateway_json_response"
    }
}
