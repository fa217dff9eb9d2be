// The GLV endomorphism of secp256k1 (Gallant–Lambert–Vanstone, CRYPTO 2001): for every point,
// λ·(x, y) = (β·x, y), with λ a cube root of unity modulo n and β one modulo p. A scalar k is
// split into k1 + k2·λ with two halves of about 128 bits, so k·Q = k1·Q + k2·(λQ) needs half
// as many doublings. The constants below were derived from n and λ (extended Euclid on
// (n, λ) for the short lattice basis), and are checked by the tests (λ³ = 1, β³ = 1,
// λ·G = (β·Gx, Gy), and the splits recombine).

enum Secp256k1Endomorphism {
    /// λ = 0x5363ad4c…1b23bd72, a cube root of unity modulo n.
    static let lambda = Secp256k1Scalar(unchecked: U256(0xDF02_967C_1B23_BD72, 0x122E_22EA_2081_6678,
                                                        0xA526_1C02_8812_645A, 0x5363_AD4C_C05C_30E0))
    /// β = 0x7ae96a2b…719501ee, the cube root of unity modulo p matching λ.
    static let beta = Secp256k1Field(unchecked: U256(0xC139_6C28_7195_01EE, 0x9CF0_4975_12F5_8995,
                                                     0x6E64_479E_AC34_34E9, 0x7AE9_6A2B_657C_0710))
    /// round(2^384·b2 / n) and round(2^384·(−b1) / n) for the basis (a1, b1), (a2, b2) of
    /// the lattice {(a, b) : a + b·λ ≡ 0 mod n}.
    static let g1 = U256(0xE893_209A_45DB_B031, 0x3DAA_8A14_71E8_CA7F, 0xE86C_90E4_9284_EB15, 0x3086_D221_A7D4_6BCD)
    static let g2 = U256(0x1571_B4AE_8AC4_7F71, 0x2212_08AC_9DF5_06C6, 0x6F54_7FA9_0ABF_E4C4, 0xE443_7ED6_010E_8828)
    /// −b1 and −b2 modulo n (b1 = −0xe4437ed6010e88286f547fa90abfe4c3,
    /// b2 = 0x3086d221a7d46bcde86c90e49284eb15).
    static let minusB1 = Secp256k1Scalar(unchecked: U256(0x6F54_7FA9_0ABF_E4C3, 0xE443_7ED6_010E_8828, 0, 0))
    static let minusB2 = Secp256k1Scalar(unchecked: U256(0xD765_CDA8_3DB1_562C, 0x8A28_0AC5_0774_346D,
                                                         0xFFFF_FFFF_FFFF_FFFE, 0xFFFF_FFFF_FFFF_FFFF))

    /// (k1, k2) with k ≡ k1 + k2·λ (mod n). Read as signed values in (−n/2, n/2], both have
    /// magnitude below 2^128 (see `Secp256k1Scalar.signedMagnitude`). Variable time is not
    /// needed here: the computation has no branches.
    static func split(_ k: Secp256k1Scalar) -> (Secp256k1Scalar, Secp256k1Scalar) {
        // c1 = round(k·b2/n), c2 = round(k·(−b1)/n) from the precomputed 2^384 scalings.
        let c1 = Secp256k1Scalar(unchecked: mulShift384(k.v, g1))
        let c2 = Secp256k1Scalar(unchecked: mulShift384(k.v, g2))
        // k2 = −(c1·b1 + c2·b2), k1 = k − k2·λ.
        let k2 = c1 * minusB1 + c2 * minusB2
        let k1 = k + -(k2 * lambda)
        return (k1, k2)
    }

    /// round(a·b / 2^384) for 256-bit a, b (the result is below 2^129).
    @inline(__always)
    static func mulShift384(_ a: U256, _ b: U256) -> U256 {
        let t = U256.mulWide(a, b)
        let round = t.t5 >> 63
        var carry: UInt64 = 0
        let l0 = addc(t.t6, round, &carry)
        let l1 = addc(t.t7, 0, &carry)
        return U256(l0, l1, carry, 0)
    }
}

extension Secp256k1Scalar {
    /// The value read as a signed integer in (−n/2, n/2]: its magnitude and whether it is
    /// negative (variable time).
    var signedMagnitude: (magnitude: U256, isNegative: Bool) {
        isHigh ? ((-self).v, true) : (v, false)
    }
}
