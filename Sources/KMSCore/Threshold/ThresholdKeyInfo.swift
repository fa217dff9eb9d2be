/// The public facts about a threshold key that a combiner needs: its id, (n, t, D) and the
/// block moduli of the squashed values. Every party's `ThresholdKeyShare` carries them; the
/// dealer also writes them beside the public keys.
public struct ThresholdKeyInfo: Sendable, Hashable, Codable {
    public let keyID: KeyID
    public let parameters: ThresholdParameters
    public let messageModulus: Int
    public let carryModulus: Int

    /// - Throws: `ThresholdError.invalidParameters` for moduli that are not powers of two with
    ///   message · carry ≤ 2^16.
    public init(keyID: KeyID, parameters: ThresholdParameters, messageModulus: Int, carryModulus: Int) throws(ThresholdError) {
        guard messageModulus >= 2, carryModulus >= 1, messageModulus.nonzeroBitCount == 1, carryModulus.nonzeroBitCount == 1,
              messageModulus <= 1 << 8, carryModulus <= 1 << 8 else {
            throw .invalidParameters("block moduli \(messageModulus)/\(carryModulus)")
        }
        self.keyID = keyID
        self.parameters = parameters
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
    }

    private enum CodingKeys: String, CodingKey {
        case keyID = "key_id", parameters, messageModulus = "message_modulus", carryModulus = "carry_modulus"
    }

    /// Decodes and validates.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(keyID: c.decode(KeyID.self, forKey: .keyID), parameters: c.decode(ThresholdParameters.self, forKey: .parameters),
                      messageModulus: c.decode(Int.self, forKey: .messageModulus), carryModulus: c.decode(Int.self, forKey: .carryModulus))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keyID, forKey: .keyID)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(messageModulus, forKey: .messageModulus)
        try c.encode(carryModulus, forKey: .carryModulus)
    }
}
