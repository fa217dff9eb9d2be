import Foundation
import GRPCCore
import KMSCore

// Proto ⇄ library conversions. Every conversion of client input refuses what it cannot map with
// INVALID_ARGUMENT and a message naming the field.

extension FheType {
    /// The library type of a proto `FheType` (the same codes as the fhEVM handle type byte).
    init(proto: Kms_FheType, field: String) throws(RPCError) {
        guard let code = UInt8(exactly: proto.rawValue), let type = FheType(rawValue: code) else {
            throw RPCError(code: .invalidArgument, message: "\(field) is not an FheType code (0-11): \(proto.rawValue)")
        }
        self = type
    }

    /// The proto enum value.
    var proto: Kms_FheType { Kms_FheType(rawValue: Int(code)) ?? .UNRECOGNIZED(Int(code)) }
}

extension EIP712Domain {
    /// The domain of a proto `Eip712DomainMsg`: `chain_id` a big-endian integer of at most 32
    /// significant bytes (producers send 32), `verifying_contract` an address (`0x` + 40 hex
    /// digits; mixed case must be a valid EIP-55 checksum), `salt` 32 bytes when present.
    init(proto: Kms_Eip712DomainMsg, field: String) throws(RPCError) {
        let chain = [UInt8](proto.chainID)
        guard !chain.isEmpty else { throw RPCError(code: .invalidArgument, message: "\(field).chain_id is empty") }
        let significant = chain.drop(while: { $0 == 0 })
        guard significant.count <= 32 else {
            throw RPCError(code: .invalidArgument, message: "\(field).chain_id exceeds 32 bytes")
        }
        let word = [UInt8](repeating: 0, count: 32 - significant.count) + significant
        let contract: EthereumAddress
        do { contract = try EthereumAddress(parsing: proto.verifyingContract) } catch {
            throw RPCError(code: .invalidArgument, message: "\(field).verifying_contract: \(error)")
        }
        do {
            try self.init(name: proto.name, version: proto.version, chainId: word, verifyingContract: contract,
                          salt: proto.hasSalt ? [UInt8](proto.salt) : nil)
        } catch {
            throw RPCError(code: .invalidArgument, message: "\(field): \(error)")
        }
    }
}

extension Kms_RequestId {
    init(_ id: RequestID) {
        self.init()
        requestID = id.hex
    }
}

extension Kms_DecryptionResponse {
    /// The proto form of a signed library response.
    init(_ response: DecryptionResponse) {
        self.init()
        signature = Data(response.signature)
        payload = .with {
            $0.version = response.payload.version
            $0.verificationKey = Data(response.payload.verificationKey)
            $0.digest = Data(response.payload.digest)
            $0.plaintexts = response.payload.plaintexts.map { Data($0) }
            if let external = response.payload.externalSignature { $0.externalSignature = Data(external) }
        }
    }
}

extension Kms_ReencryptionResponse {
    /// The proto form of a library response: the signed bincode payload split into its fields
    /// (re-encoding them gives the same bytes, so the signature still verifies).
    init(_ response: ReencryptionResponse) throws {
        let p = try response.decodedPayload()
        self.init()
        signature = Data(response.signature)
        payload = .with {
            $0.version = p.version
            $0.verificationKey = Data(p.verificationKey)
            $0.digest = Data(p.digest)
            $0.fheType = p.fheType.proto
            $0.signcryptedCiphertext = Data(p.signcryptedCiphertext)
            $0.partyID = p.partyId
            $0.degree = p.degree
        }
    }
}
