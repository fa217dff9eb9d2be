/// A party's stream of noise-flooding masks for one session (kms.md §4.5, PRSS "nSmall" as
/// kms-core's `PRSSDecrypt`).
///
/// For every set A of n − t parties that contains this party, with its PRF key K_A:
/// `K' = K_A` with byte 0 XOR 2, then XOR the session id (16 bytes, little-endian);
/// `phi(ctr) = (u128_LE(AES_K'(ctr as 16 bytes LE)) mod 2^111) − 2^110`. Mask number j (one per
/// squashed block, in order) uses counters 2j and 2j + 1:
/// `mask = Σ_{A ∋ i} (phi_A(2j) + phi_A(2j+1)) · f_A(point(i))`, where f_A has degree t,
/// f_A(0) = 1 and f_A(point(p)) = 0 for every p ∉ A. The masks of all parties form a degree-t
/// sharing of Σ_A (phi_A(2j) + phi_A(2j+1)): flooding noise of magnitude below C(n,t)·2^111
/// that no t parties know.
package struct NoiseFloodingMask<Ring: GaloisRing> where Ring.Coefficients.Coefficient == U128 {
    package typealias Element = GaloisRingElement<Ring>

    /// log2 of the bound of each phi value.
    package static var boundLog2: Int { 110 }

    private let generators: [AesCtrGenerator]
    private let weights: [Element]

    /// The stream of `party` from its keys.
    /// - Throws: `ThresholdError.invalidParameters` when a key is not 16 bytes, a set does not
    ///   contain the party or has the wrong size.
    package init(party: Int, keys: [MaskKey], parameters: ThresholdParameters,
                 session: ThresholdSessionID) throws(ThresholdError) {
        var generators: [AesCtrGenerator] = []
        var weights: [Element] = []
        let x = try Element.partyPoint(party)
        for k in keys {
            guard k.key.count == 16, k.parties.count == parameters.parties - parameters.threshold,
                  k.parties.contains(party) else {
                throw .invalidParameters("a mask key of party \(party) is not a 16-byte key of a set of \(parameters.parties - parameters.threshold) parties holding it")
            }
            var derived = k.key
            derived[0] ^= 2
            for i in 0..<16 { derived[i] ^= session.bytes[i] }
            guard let g = try? AesCtrGenerator(key: derived, firstCounter: (0, 0), start: .fromFirstByte) else {
                throw .invalidParameters("AES-128 is unavailable")
            }
            generators.append(g)
            weights.append(try Self.weight(set: k.parties, parties: parameters.parties, at: x))
        }
        self.generators = generators
        self.weights = weights
    }

    /// f_A(x) = Π_{p ∉ A} (x − point(p)) / (0 − point(p)).
    static func weight(set: [Int], parties n: Int, at x: Element) throws(ThresholdError) -> Element {
        var numerator = Element.one, denominator = Element.one
        let members = Set(set)
        for p in 1...n where !members.contains(p) {
            let point = try Element.partyPoint(p)
            numerator *= x - point
            denominator *= -point
        }
        return numerator * (try denominator.inverse())
    }

    /// The next mask (two counters of every key).
    package func next() -> Element {
        var acc = Element.zero
        var block = [UInt64](repeating: 0, count: 4)
        let bound = U128.one << Self.boundLog2
        for (g, w) in zip(generators, weights) {
            block.withUnsafeMutableBytes { g.fill($0) }
            #if _endian(big)
            for i in 0..<4 { block[i] = UInt64(littleEndian: block[i]) }
            #endif
            let phi0 = U128(low: block[0], high: block[1]).lowBits(Self.boundLog2 + 1) &- bound
            let phi1 = U128(low: block[2], high: block[3]).lowBits(Self.boundLog2 + 1) &- bound
            acc += w * (phi0 &+ phi1)
        }
        return acc
    }
}
