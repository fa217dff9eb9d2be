import Foundation
import KMSCore

/// One ciphertext of a decryption request: its type, the native ciphertext file, and the fhEVM
/// handle it stands for (when the caller wants the EIP-712 `DecryptionResult` signature).
public struct DecryptionInput: Sendable, Equatable {
    public var type: FheType
    public var ciphertext: [UInt8]
    public var handle: FheHandle?

    public init(type: FheType, ciphertext: [UInt8], handle: FheHandle? = nil) {
        self.type = type
        self.ciphertext = ciphertext
        self.handle = handle
    }
}

/// Builds V09 request messages for clients of the service (gateways, tests, the load generator),
/// from library values, so callers never fill proto fields by hand.
public enum ServiceRequests {
    /// A fresh request id: 20 random bytes as 40 lowercase hex digits.
    public static func randomRequestID() -> Kms_RequestId {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return .with { $0.requestID = Hex.encode(bytes) }
    }

    /// A decryption request for `key`. With a domain and an ACL address the response carries the
    /// EIP-712 `DecryptionResult` signature KMSVerifier checks.
    public static func decryption(id: Kms_RequestId, key: KeyID, ciphertexts: [DecryptionInput],
                                  domain: EIP712Domain? = nil, aclAddress: EthereumAddress? = nil) -> Kms_DecryptionRequest {
        .with {
            $0.version = RequestChecks.formatVersion
            $0.requestID = id
            $0.keyID = .with { $0.requestID = key.hex }
            $0.ciphertexts = ciphertexts.map { input in
                Kms_TypedCiphertext.with {
                    $0.fheType = input.type.proto
                    $0.ciphertext = Data(input.ciphertext)
                    if let handle = input.handle { $0.externalHandle = Data(handle.bytes) }
                }
            }
            if let domain { $0.domain = Kms_Eip712DomainMsg(domain) }
            if let aclAddress { $0.aclAddress = aclAddress.checksummed }
        }
    }

    /// The gRPC form of a library reencryption request (what the gateway sends for a user).
    public static func reencryption(id: Kms_RequestId, _ request: ReencryptionRequest) -> Kms_ReencryptionRequest {
        .with {
            $0.requestID = id
            $0.signature = Data(request.signature)
            $0.domain = Kms_Eip712DomainMsg(request.domain)
            $0.payload = .with {
                $0.version = request.version
                $0.clientAddress = request.clientAddress
                $0.encKey = Data(request.encryptionKey)
                $0.fheType = request.fheType.proto
                $0.keyID = .with { $0.requestID = request.keyID.hex }
                if let ciphertext = request.ciphertext { $0.ciphertext = Data(ciphertext) }
                $0.ciphertextDigest = Data(request.ciphertextDigest)
            }
        }
    }
}

extension Kms_Eip712DomainMsg {
    /// The proto form of a domain; absent members stay unset (`chain_id` as its 32-byte word).
    public init(_ domain: EIP712Domain) {
        self.init()
        if let name = domain.name { self.name = name }
        if let version = domain.version { self.version = version }
        if let chain = domain.chainId { chainID = Data(chain) }
        if let contract = domain.verifyingContract { verifyingContract = contract.checksummed }
        if let salt = domain.salt { self.salt = Data(salt) }
    }
}

extension ReencryptionResponse {
    /// The library response of a gRPC one, for `ReencryptionClient`: the payload fields encoded
    /// back to the bincode the KMS signed, with the ciphertext digest the gateway adds.
    public init(proto: Kms_ReencryptionResponse, ciphertextDigest: [UInt8]) throws(RPCMappingError) {
        let p = proto.payload
        let type: FheType
        do { type = try FheType(proto: p.fheType, field: "payload.fhe_type") } catch {
            throw RPCMappingError(description: error.message)
        }
        let payload = ReencryptionResponsePayload(
            version: p.version, verificationKey: [UInt8](p.verificationKey), digest: [UInt8](p.digest), fheType: type,
            signcryptedCiphertext: [UInt8](p.signcryptedCiphertext), partyId: p.partyID, degree: p.degree)
        self.init(signature: [UInt8](proto.signature), payload: payload.bincode, ciphertextDigest: ciphertextDigest)
    }
}

/// A response message that cannot be mapped to the library's form.
public struct RPCMappingError: Error, CustomStringConvertible {
    public let description: String
}
