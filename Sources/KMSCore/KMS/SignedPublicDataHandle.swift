/// The published key material a handle can name (the V09 KMS's `PubDataType` names, the keys of
/// `KeyGenResult.key_results`).
public enum PublicDataType: String, Sendable, CaseIterable, Codable {
    /// The tfhe-rs `CompactPublicKey`.
    case publicKey = "PublicKey"
    /// The tfhe-rs `ServerKey`.
    case serverKey = "ServerKey"
}

/// A published key's handle as a V09 KMS signs it after key generation (`SignedPubDataHandle`,
/// kms.md §5.3):
/// - `handle`: the first 20 bytes of SHA3-256 of the safe-serialized tfhe-rs object, 40 lowercase hex digits;
/// - `signature`: `bincode(Signature)` = u64 LE 64 ‖ r ‖ s, ECDSA secp256k1 with SHA-256 over the
///   ASCII bytes of `handle`, low-s (the KMS-internal signature);
/// - `externalSignature`: the 65-byte EIP-712 signature of `FhePubKey(bytes pubkey)` or
///   `FheServerKey(bytes server_key)` over the full 32-byte digest, in the request's domain;
///   empty when the request named no domain.
///
/// ```swift
/// let signed = SignedPublicDataHandle(.publicKey, of: publicKeyFile, signer: signer, domain: domain)
/// try signed.verify(of: publicKeyFile, signer: signer.publicKey, domain: domain)
/// ```
public struct SignedPublicDataHandle: Sendable, Equatable {
    /// Which object the handle names.
    public let type: PublicDataType
    /// 40 lowercase hex digits: the first 20 bytes of SHA3-256 of the serialized object.
    public let handle: String
    /// The KMS-internal signature, 72 bytes of bincode.
    public let signature: [UInt8]
    /// The EIP-712 signature, 65 bytes, or empty without a domain.
    public let externalSignature: [UInt8]

    /// Length of `signature`: the bincode length prefix and r ‖ s.
    public static let signatureLength = 72

    /// Signs the handle of `serialized` (the exact bytes published for `type`).
    public init(_ type: PublicDataType, of serialized: [UInt8], signer: KMSSigner, domain: EIP712Domain?) {
        self.type = type
        let digest = SHA3.hash256(serialized)
        handle = Hex.encode(Array(digest.prefix(20)))
        var w = BincodeWriter(capacity: Self.signatureLength)
        w.writeBytes(signer.key.signSHA256(message: Array(handle.utf8)))
        signature = w.bytes
        externalSignature = domain.map { Self.eip712(type, digest).sign(with: signer.key, domain: $0) } ?? []
    }

    /// Wraps received parts (e.g. a `KeyGenResult` entry); `verify` checks them.
    /// - Throws: `SignatureError.invalidSignatureLength` for a signature of the wrong size,
    ///   `.inconsistentResponse` for a handle that is not 40 lowercase hex digits.
    public init(_ type: PublicDataType, handle: String, signature: [UInt8], externalSignature: [UInt8]) throws(SignatureError) {
        guard handle.utf8.count == 40, let bytes = try? Hex.decode(handle, length: 20), Hex.encode(bytes) == handle else {
            throw .inconsistentResponse("handle '\(handle.prefix(64))' is not 40 lowercase hex digits")
        }
        guard signature.count == Self.signatureLength else {
            throw .invalidSignatureLength(expected: Self.signatureLength, actual: signature.count)
        }
        guard externalSignature.isEmpty || externalSignature.count == 65 else {
            throw .invalidSignatureLength(expected: 65, actual: externalSignature.count)
        }
        self.type = type
        self.handle = handle
        self.signature = signature
        self.externalSignature = externalSignature
    }

    /// Checks that this handle names `serialized` and that `signer` signed it (and, with a
    /// domain, that the EIP-712 signature recovers to `signer`'s address).
    /// - Throws: `SignatureError.inconsistentResponse` naming what does not match.
    public func verify(of serialized: [UInt8], signer: Secp256k1PublicKey, domain: EIP712Domain?) throws(SignatureError) {
        let full = SHA3.hash256(serialized)
        guard Hex.encode(Array(full.prefix(20))) == handle else {
            throw .inconsistentResponse("the \(type.rawValue) handle \(handle) does not name these bytes")
        }
        var r = BincodeReader(signature)
        guard let length: UInt64 = try? r.read(), length == 64, let rs = try? r.readRaw(64),
              signer.isValidSignature(rs, sha256Of: Array(handle.utf8)) else {
            throw .inconsistentResponse("the \(type.rawValue) handle's signature is not the signer's")
        }
        if let domain {
            guard externalSignature.count == 65 else {
                throw .inconsistentResponse("the \(type.rawValue) handle has no EIP-712 signature")
            }
            guard try Self.eip712(type, full).recoverSigner(externalSignature, domain: domain) == signer.address else {
                throw .inconsistentResponse("the \(type.rawValue) EIP-712 signature is not the signer's")
            }
        }
    }

    private static func eip712(_ type: PublicDataType, _ digest: [UInt8]) -> any EIP712Struct {
        switch type {
        case .publicKey: FhePubKey(pubkey: digest)
        case .serverKey: FheServerKey(serverKey: digest)
        }
    }
}
