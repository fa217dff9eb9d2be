/// One party's share of a threshold key (kms-core `PrivateKeySet` of a party, kms.md §4.2):
/// Shamir shares of every bit of the key set's secret keys and the party's noise-flooding PRF
/// keys. It is secret: anyone holding t + 1 of them holds the key.
///
/// - the noise-squashing GLWE key (k·N bits, the key partial decryption uses) in GR(2^128, D);
/// - the compute key's small LWE key and big GLWE key in GR(2^64, D) (for protocols on 64-bit
///   ciphertexts; decryption here goes through noise squashing);
/// - the PRF keys of the sets of n − t parties this party belongs to.
///
/// `bytes` / `init(bytes:)` give a self-describing file (magic `SWKMS-THRESHOLD-SHARE`, version
/// 1) that the key store keeps with mode 0600. Printing or dumping a share shows its shape only.
public struct ThresholdKeyShare: Sendable, CustomStringConvertible, CustomReflectable {
    /// The key set the share belongs to (the id of its public material).
    public let keyID: KeyID
    /// n, t and D.
    public let parameters: ThresholdParameters
    /// This party's id, 1…n.
    public let partyID: Int
    /// The block moduli of the noise-squashed values (message, carry).
    public let messageModulus: Int
    public let carryModulus: Int
    /// Shares of the noise-squashing key bits: element e at words [2·D·e, 2·D·(e+1)), coefficient
    /// c as (low, high) at 2c, 2c + 1.
    package let squashingKeyShares: [UInt64]
    /// Shares of the small LWE key bits, D words per element.
    package let smallKeyShares: [UInt64]
    /// Shares of the big GLWE key bits, D words per element.
    package let glweKeyShares: [UInt64]
    /// The PRF keys of this party's sets.
    package let maskKeys: [MaskKey]
    /// The public facts of this share's key.
    public let info: ThresholdKeyInfo

    /// Assembles a share, checking every shape.
    /// - Throws: `ThresholdError.invalidParameters` when the party id, the moduli, a word count
    ///   or a mask key does not fit.
    package init(keyID: KeyID, parameters: ThresholdParameters, partyID: Int, messageModulus: Int, carryModulus: Int,
                 squashingKeyShares: [UInt64], smallKeyShares: [UInt64], glweKeyShares: [UInt64],
                 maskKeys: [MaskKey]) throws(ThresholdError) {
        let d = parameters.ringDegree.rawValue
        guard partyID >= 1, partyID <= parameters.parties else {
            throw .invalidParameters("party \(partyID) of \(parameters.parties)")
        }
        // The public facts check the moduli (powers of two, each at most 2^8).
        let info = try ThresholdKeyInfo(keyID: keyID, parameters: parameters, messageModulus: messageModulus, carryModulus: carryModulus)
        guard !squashingKeyShares.isEmpty, squashingKeyShares.count % (2 * d) == 0,
              smallKeyShares.count % d == 0, glweKeyShares.count % d == 0 else {
            throw .invalidParameters("key shares that are not whole ring elements of degree \(d)")
        }
        let expectedSets = MaskKey.sets(parties: parameters.parties, threshold: parameters.threshold)
            .filter { $0.contains(partyID) }
        guard maskKeys.map(\.parties) == expectedSets, maskKeys.allSatisfy({ $0.key.count == 16 }) else {
            throw .invalidParameters("party \(partyID) needs one 16-byte mask key for each of its \(expectedSets.count) sets")
        }
        self.info = info
        self.keyID = keyID
        self.parameters = parameters
        self.partyID = partyID
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.squashingKeyShares = squashingKeyShares
        self.smallKeyShares = smallKeyShares
        self.glweKeyShares = glweKeyShares
        self.maskKeys = maskKeys
    }

    /// The dimension of the noise-squashing LWE key (k·N): squashed blocks must have it.
    public var squashingLweDimension: Int { squashingKeyShares.count / (2 * parameters.ringDegree.rawValue) }

    public var description: String {
        "ThresholdKeyShare(party \(partyID) of \(parameters), key \(keyID), <redacted>)"
    }

    /// Reflection (`dump`, debuggers) shows the shape only, never a share.
    public var customMirror: Mirror {
        Mirror(self, children: ["keyID": keyID, "partyID": partyID, "parameters": parameters])
    }
}
