/// Dealer key sharing (kms-core `keygen_all_party_shares`, kms.md §4.3): one trusted process
/// that holds a key set splits every secret-key bit into Shamir shares of degree t — the
/// noise-squashing key in GR(2^128, D), the compute keys in GR(2^64, D) — and draws one PRF key
/// per set of n − t parties for the noise-flooding masks. The public material (public key,
/// server key, noise-squashing key) is the centralized key set's, unchanged, under the same key
/// id. The dealer must then forget the secret keys.
///
/// ```swift
/// let keys = try KeyGeneration.generate(.default)
/// let squashing = try NoiseSquashingPrivateKey.generate(.v1_4_message2Carry2KsPbsTUniform2M128)
/// let shares = try ThresholdDealer.share(clientKey: keys.clientKey, noiseSquashingKey: squashing,
///                                        keyID: keys.keyID, parameters: try ThresholdParameters(parties: 4, threshold: 1))
/// // shares[i] goes to party i + 1 only.
/// ```
public enum ThresholdDealer {
    /// Shares `clientKey` and `noiseSquashingKey` among `parameters.parties` parties. Share
    /// polynomials and PRF keys come from `randomness.secret` (the system CSPRNG unless a caller
    /// asks for seeded generators).
    /// - Throws: `TFHEError` when the noise-squashing key does not fit the client key's
    ///   parameters, `ThresholdError` for impossible sharing parameters.
    public static func share(clientKey: ClientKey, noiseSquashingKey: NoiseSquashingPrivateKey, keyID: KeyID,
                             parameters: ThresholdParameters,
                             randomness: TFHERandomness = .system()) throws -> [ThresholdKeyShare] {
        try noiseSquashingKey.parameters.validate(for: clientKey.parameters)
        switch parameters.ringDegree {
        case .four:
            return try share(GaloisRing64Degree4.self, GaloisRing128Degree4.self, clientKey: clientKey,
                             noiseSquashingKey: noiseSquashingKey, keyID: keyID, parameters: parameters, randomness: randomness.secret)
        case .eight:
            return try share(GaloisRing64Degree8.self, GaloisRing128Degree8.self, clientKey: clientKey,
                             noiseSquashingKey: noiseSquashingKey, keyID: keyID, parameters: parameters, randomness: randomness.secret)
        }
    }

    private static func share<R64: GaloisRing, R128: GaloisRing>(
        _: R64.Type, _: R128.Type, clientKey: ClientKey, noiseSquashingKey: NoiseSquashingPrivateKey, keyID: KeyID,
        parameters: ThresholdParameters, randomness: RandomGenerator
    ) throws(ThresholdError) -> [ThresholdKeyShare] where R64.Coefficients.Coefficient == UInt64, R128.Coefficients.Coefficient == U128 {
        var rng = GeneratorRandomNumbers(randomness)
        let n = parameters.parties, t = parameters.threshold
        let squashing = try shareBits(R128.self, noiseSquashingKey.glweSecretKey.coefficients, parameters: parameters, using: &rng)
        let small = try shareBits(R64.self, clientKey.lweSecretKey.coefficients, parameters: parameters, using: &rng)
        let glwe = try shareBits(R64.self, clientKey.glweSecretKey.coefficients, parameters: parameters, using: &rng)
        let keys = MaskKey.sets(parties: n, threshold: t).map { set in
            var key = [UInt8](repeating: 0, count: 16)
            key.withUnsafeMutableBytes { randomness.fill($0) }
            return MaskKey(parties: set, key: key)
        }
        return try (1...n).map { (party: Int) throws(ThresholdError) -> ThresholdKeyShare in
            try ThresholdKeyShare(keyID: keyID, parameters: parameters, partyID: party,
                                  messageModulus: noiseSquashingKey.parameters.messageModulus,
                                  carryModulus: noiseSquashingKey.parameters.carryModulus,
                                  squashingKeyShares: squashing[party - 1], smallKeyShares: small[party - 1],
                                  glweKeyShares: glwe[party - 1], maskKeys: keys.filter { $0.parties.contains(party) })
        }
    }

    /// Shares each bit (0 or 1, as the constant ring element) with its own random polynomial of
    /// degree t; returns each party's shares as flat words (D coefficients per element, each
    /// coefficient as k/64 words little-endian).
    static func shareBits<Ring: GaloisRing>(_: Ring.Type, _ bits: [UInt64], parameters: ThresholdParameters,
                                            using rng: inout GeneratorRandomNumbers) throws(ThresholdError) -> [[UInt64]] {
        let n = parameters.parties, d = Ring.degree
        let wordsPerCoefficient = Ring.bitWidth / 64
        let stride = d * wordsPerCoefficient
        var out = [[UInt64]](repeating: [UInt64](repeating: 0, count: bits.count * stride), count: n)
        let points = try (1...n).map { (p: Int) throws(ThresholdError) in try GaloisRingElement<Ring>.partyPoint(p) }
        for (e, bit) in bits.enumerated() {
            // The bit as a ring element without branching on it: bit · 1.
            let secret = GaloisRingElement<Ring>.one * Self.coefficient(Ring.self, bit)
            let poly = GaloisRingPolynomial<Ring>.random(constant: secret, degree: parameters.threshold, using: &rng)
            for p in 0..<n {
                let v = poly.evaluate(at: points[p])
                out[p].withUnsafeMutableBufferPointer { buf in
                    for c in 0..<d { v[c].store(into: buf.baseAddress! + e * stride + c * wordsPerCoefficient) }
                }
            }
        }
        return out
    }

    static func coefficient<Ring: GaloisRing>(_: Ring.Type, _ bit: UInt64) -> Ring.Coefficient {
        Ring.Coefficient.from(word: bit)
    }
}

/// A `RandomNumberGenerator` over one of the library's byte streams (for the sharing polynomials).
package struct GeneratorRandomNumbers: RandomNumberGenerator {
    let source: RandomGenerator
    package init(_ source: RandomGenerator) { self.source = source }
    package mutating func next() -> UInt64 { source.nextUInt64() }
}
