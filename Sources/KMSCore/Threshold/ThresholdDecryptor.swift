/// Threshold decryption with every party in this process: the value is switched and squashed
/// once with the public keys, each party computes its partial decryption with a fresh session,
/// and `ThresholdCombiner` opens them. It conforms to `FheDecryptor`, so `SignedDecryption`
/// and `Reencryptor` take it as they take a client key.
///
/// ```swift
/// let decryptor = try ThresholdDecryptor(shares: shares, serverKey: serverKey, squashingKey: squashingKey)
/// let value = try decryptor.decrypt(ciphertext)
/// ```
public struct ThresholdDecryptor: FheDecryptor {
    public let parameters: ParameterSet
    /// The parties' shares (at least n − t of them, one key).
    public let shares: [ThresholdKeyShare]
    public let serverKey: ServerKey
    public let squashingKey: NoiseSquashingKey

    /// - Throws: `ThresholdError.invalidParameters` when the shares are of different keys or
    ///   shapes, fewer than n − t, or do not fit the squashing key.
    public init(shares: [ThresholdKeyShare], serverKey: ServerKey, squashingKey: NoiseSquashingKey) throws(ThresholdError) {
        guard let first = shares.first else { throw .notEnoughShares(needed: 1, got: 0) }
        let info = first.info
        guard shares.allSatisfy({ $0.info == info }) else { throw .invalidParameters("shares of different keys") }
        guard shares.count >= info.parameters.parties - info.parameters.threshold else {
            throw .notEnoughShares(needed: info.parameters.parties - info.parameters.threshold, got: shares.count)
        }
        guard first.squashingLweDimension == squashingKey.parameters.lweDimension.value,
              info.messageModulus == squashingKey.parameters.messageModulus,
              info.carryModulus == squashingKey.parameters.carryModulus else {
            throw .invalidParameters("the key shares do not belong to this noise-squashing key")
        }
        self.parameters = serverKey.parameters
        self.shares = shares
        self.serverKey = serverKey
        self.squashingKey = squashingKey
    }

    /// The public facts of the shared key.
    public var key: ThresholdKeyInfo { shares[0].info }

    /// Decrypts one ciphertext.
    public func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue {
        try open([ciphertext]).values[0]
    }

    /// Decrypts several ciphertexts in one session and reports misbehaving parties.
    /// - Throws: `TFHEError` when a ciphertext cannot be squashed, `ThresholdError` when the
    ///   partial decryptions cannot be opened.
    public func open(_ ciphertexts: [FheCiphertext], session: ThresholdSessionID = .random()) throws -> ThresholdDecryptionOpening {
        let squashed = try ciphertexts.map { try squashingKey.switchAndSquash($0, serverKey: serverKey) }
        let partials = try shares.map { try $0.partialDecrypt(squashed, session: session) }
        return try ThresholdCombiner.combine(partials, key: key, session: session)
    }
}

extension ThresholdSessionID {
    /// A fresh id from the system CSPRNG.
    public static func random() -> ThresholdSessionID {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes.withUnsafeMutableBytes { TFHERandomness.system().secret.fill($0) }
        return ThresholdSessionID(unchecked: bytes)
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }
}
