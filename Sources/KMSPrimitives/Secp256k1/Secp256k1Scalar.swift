// Arithmetic modulo the secp256k1 group order n.

/// An integer modulo the group order
/// n = FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141,
/// stored in plain (not Montgomery) form, always in [0, n).
///
/// Multiplication uses Montgomery reduction internally; all operations are branch-free
/// on the values except those documented as variable time.
struct Secp256k1Scalar: Sendable, Equatable {
    var v: U256

    static let n = U256(0xBFD2_5E8C_D036_4141, 0xBAAE_DCE6_AF48_A03B, 0xFFFF_FFFF_FFFF_FFFE, 0xFFFF_FFFF_FFFF_FFFF)
    /// ⌊n / 2⌋: the largest "low" s.
    static let halfN = U256(0xDFE9_2F46_681B_20A0, 0x5D57_6E73_57A4_501D, 0xFFFF_FFFF_FFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF)
    /// −n⁻¹ mod 2^64.
    static let n0inv: UInt64 = 0x4B0D_FF66_5588_B13F
    /// 2^512 mod n (converts into the Montgomery domain).
    static let r2 = U256(0x896C_F214_67D7_D140, 0x7414_96C2_0E7C_F878, 0xE697_F5E4_5BCD_07C6, 0x9D67_1CD5_81C6_9BC5)
    static let zero = Secp256k1Scalar(unchecked: .zero)
    static let one = Secp256k1Scalar(unchecked: .one)

    @inline(__always)
    init(unchecked v: U256) { self.v = v }

    /// The scalar for a value below n; nil otherwise.
    init?(_ v: U256) {
        guard U256.lessThan(v, Self.n) else { return nil }
        self.v = v
    }

    /// `x mod n` for any 256-bit x (one conditional subtraction, as 2^256 < 2n).
    init(reducing x: U256) {
        let (d, borrow) = U256.sub(x, Self.n)
        v = U256.select(0 &- (1 &- borrow), x, d)
    }

    var bigEndianBytes: [UInt8] { v.bigEndianBytes }
    @inline(__always) var isZero: Bool { v.isZero }

    /// Whether s > n/2 (variable time; signatures' s is public).
    var isHigh: Bool { U256.lessThan(Self.halfN, v) }

    static func + (a: Secp256k1Scalar, b: Secp256k1Scalar) -> Secp256k1Scalar {
        let (s, carry) = U256.add(a.v, b.v)
        let (d, borrow) = U256.sub(s, n)
        // Take s − n when the sum overflowed 2^256 or is at least n.
        let mask = 0 &- (carry | (1 &- borrow))
        return Secp256k1Scalar(unchecked: U256.select(mask, s, d))
    }

    static prefix func - (a: Secp256k1Scalar) -> Secp256k1Scalar {
        let (d, _) = U256.sub(n, a.v)
        // −0 = 0, not n.
        return Secp256k1Scalar(unchecked: U256.select(a.v.zeroMask, d, .zero))
    }

    static func * (a: Secp256k1Scalar, b: Secp256k1Scalar) -> Secp256k1Scalar {
        // montMul(a, b) = ab/R; a second montMul with R² mod n gives ab.
        Secp256k1Scalar(unchecked: montMul(montMul(a.v, b.v), r2))
    }

    /// Montgomery product a·b·2^-256 mod n for a, b < n.
    @inline(__always)
    static func montMul(_ a: U256, _ b: U256) -> U256 {
        redc(U256.mulWide(a, b))
    }

    /// Montgomery reduction of t < n·2^256: returns t·2^-256 mod n.
    @inline(__always)
    static func redc(_ t: U512) -> U256 {
        var t0 = t.t0, t1 = t.t1, t2 = t.t2, t3 = t.t3, t4 = t.t4, t5 = t.t5, t6 = t.t6, t7 = t.t7
        var t8: UInt64 = 0
        var c: UInt64 = 0
        // Each step adds m·n·2^(64i), with m chosen to clear limb i, and carries upwards.
        // The running sum stays below 2n·2^256 < 2^513, so t8 ends as 0 or 1.
        var hi = addMultipleOfN(&t0, &t1, &t2, &t3)
        t4 = addc(t4, hi, &c); t5 = addc(t5, 0, &c); t6 = addc(t6, 0, &c); t7 = addc(t7, 0, &c); t8 &+= c
        c = 0
        hi = addMultipleOfN(&t1, &t2, &t3, &t4)
        t5 = addc(t5, hi, &c); t6 = addc(t6, 0, &c); t7 = addc(t7, 0, &c); t8 &+= c
        c = 0
        hi = addMultipleOfN(&t2, &t3, &t4, &t5)
        t6 = addc(t6, hi, &c); t7 = addc(t7, 0, &c); t8 &+= c
        c = 0
        hi = addMultipleOfN(&t3, &t4, &t5, &t6)
        t7 = addc(t7, hi, &c); t8 &+= c
        _ = (t0, t1, t2, t3)
        let r = U256(t4, t5, t6, t7)
        let (d, borrow) = U256.sub(r, n)
        let mask = 0 &- (t8 | (1 &- borrow))
        return U256.select(mask, r, d)
    }

    /// (x0…x3) += m·n with m = x0·(−n⁻¹) mod 2^64, so that x0 becomes 0; returns the carry word.
    @inline(__always)
    private static func addMultipleOfN(_ x0: inout UInt64, _ x1: inout UInt64,
                                       _ x2: inout UInt64, _ x3: inout UInt64) -> UInt64 {
        let m = x0 &* n0inv
        var (hi, lo) = mulAdd2(m, n.l0, x0, 0)
        x0 = lo
        (hi, lo) = mulAdd2(m, n.l1, x1, hi); x1 = lo
        (hi, lo) = mulAdd2(m, n.l2, x2, hi); x2 = lo
        (hi, lo) = mulAdd2(m, n.l3, x3, hi); x3 = lo
        return hi
    }

    /// Multiplicative inverse in constant time (safegcd, `Secp256k1Modulus.inverse`), for
    /// secret scalars such as nonces. The inverse of zero is zero.
    @inline(__always)
    func inverse() -> Secp256k1Scalar { Secp256k1Scalar(unchecked: Secp256k1Modulus.n.inverse(v)) }

    /// Multiplicative inverse in variable time, for public scalars (a signature's r and s).
    /// The inverse of zero is zero.
    @inline(__always)
    func inverseVartime() -> Secp256k1Scalar { Secp256k1Scalar(unchecked: Secp256k1Modulus.n.inverseVartime(v)) }

    /// Multiplicative inverse a^(n−2) by Montgomery exponentiation: an independent
    /// implementation the tests compare safegcd with. Constant time; 0 ↦ 0.
    func inverseByFermat() -> Secp256k1Scalar {
        // Montgomery domain: aR.
        let aR = Self.montMul(v, Self.r2)
        // Fixed 4-bit window over the public exponent n − 2.
        var table = [U256](repeating: .zero, count: 16)
        table[0] = Self.montMul(.one, Self.r2)   // R mod n (Montgomery one)
        table[1] = aR
        for i in 2..<16 { table[i] = Self.montMul(table[i - 1], aR) }
        let e = U256.sub(Self.n, U256(2, 0, 0, 0)).0
        var acc = table[e.nibble(63)]
        var i = 62
        while i >= 0 {
            acc = Self.montMul(acc, acc)
            acc = Self.montMul(acc, acc)
            acc = Self.montMul(acc, acc)
            acc = Self.montMul(acc, acc)
            acc = Self.montMul(acc, table[e.nibble(i)])
            i -= 1
        }
        // Leave the Montgomery domain.
        return Secp256k1Scalar(unchecked: Self.montMul(acc, .one))
    }
}
