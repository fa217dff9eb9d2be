// Arithmetic in the secp256k1 base field GF(p), p = 2^256 - 2^32 - 977.

/// An element of GF(p), p = 2^256 − 0x1000003D1, always fully reduced to [0, p).
///
/// Every operation is branch-free on the values (only carries and masks), so secret
/// coordinates do not steer control flow. Reduction uses 2^256 ≡ 0x1000003D1 (mod p).
struct Secp256k1Field: Sendable, Hashable {
    var v: U256

    /// 2^256 − p.
    static let c: UInt64 = 0x1_0000_03D1
    static let p = U256(0xFFFF_FFFE_FFFF_FC2F, .max, .max, .max)
    static let zero = Secp256k1Field(unchecked: .zero)
    static let one = Secp256k1Field(unchecked: .one)
    /// The curve constant b = 7.
    static let b = Secp256k1Field(unchecked: U256(7, 0, 0, 0))

    @inline(__always)
    init(unchecked v: U256) { self.v = v }

    /// The element for a value already known to be below p (nil otherwise).
    init?(_ v: U256) {
        guard U256.lessThan(v, Self.p) else { return nil }
        self.v = v
    }

    /// Parses 32 big-endian bytes; nil when the value is not below p.
    init?<C: Collection>(bigEndianBytes bytes: C) where C.Element == UInt8 {
        guard let u = U256(bigEndianBytes: bytes) else { return nil }
        self.init(u)
    }

    var bigEndianBytes: [UInt8] { v.bigEndianBytes }

    @inline(__always) var isZero: Bool { v.isZero }
    @inline(__always) var isOdd: Bool { v.l0 & 1 == 1 }

    /// Reduces x + carryIn·2^256 < 2p to [0, p): adds c (≡ −p mod 2^256) when the sum
    /// overflowed or x ≥ p.
    @inline(__always)
    static func normalize(_ x: U256, carryIn: UInt64) -> Secp256k1Field {
        let mask = valueBarrier(0 &- (carryIn | geP(x)))
        return Secp256k1Field(unchecked: U256.add(x, U256(c & mask, 0, 0, 0)).0)
    }

    /// 1 when x ≥ p, else 0 (branch-free): limbs 1–3 all ones and limb 0 ≥ p.l0.
    @inline(__always)
    static func geP(_ x: U256) -> UInt64 {
        var borrow: UInt64 = 0
        _ = subb(x.l0, p.l0, &borrow)
        return zeroBit(~(x.l1 & x.l2 & x.l3)) & (borrow ^ 1)
    }

    @inline(__always)
    static func + (a: Secp256k1Field, b: Secp256k1Field) -> Secp256k1Field {
        let (s, carry) = U256.add(a.v, b.v)
        return normalize(s, carryIn: carry)
    }

    @inline(__always)
    static func - (a: Secp256k1Field, b: Secp256k1Field) -> Secp256k1Field {
        let (d, borrow) = U256.sub(a.v, b.v)
        // On borrow, add p, i.e. subtract c modulo 2^256 (d > c then, so no second borrow).
        let (e, _) = U256.sub(d, U256(c & valueBarrier(0 &- borrow), 0, 0, 0))
        return Secp256k1Field(unchecked: e)
    }

    @inline(__always)
    static prefix func - (a: Secp256k1Field) -> Secp256k1Field { zero - a }

    @inline(__always)
    static func * (a: Secp256k1Field, b: Secp256k1Field) -> Secp256k1Field {
        reduce(U256.mulWide(a.v, b.v))
    }

    @inline(__always)
    func squared() -> Secp256k1Field { Self.reduce(U256.sqrWide(v)) }

    /// `self` squared `n` times.
    @inline(__always)
    func squared(times n: Int) -> Secp256k1Field {
        var r = self
        for _ in 0..<n { r = r.squared() }
        return r
    }

    /// Multiplication by a small constant (k < 2^32).
    @inline(__always)
    func times(_ k: UInt64) -> Secp256k1Field {
        let (h0, r0) = v.l0.multipliedFullWidth(by: k)
        let (h1, r1) = mulAdd2(v.l1, k, h0, 0)
        let (h2, r2) = mulAdd2(v.l2, k, h1, 0)
        let (top, r3) = mulAdd2(v.l3, k, h2, 0)
        return Self.fold(r0, r1, r2, r3, top: top)
    }

    /// self·2^k for 1 ≤ k ≤ 31: a shift and one fold, cheaper than k doublings by addition.
    @inline(__always)
    func timesPowerOfTwo(_ k: UInt64) -> Secp256k1Field {
        let back = 64 - k
        return Self.fold(v.l0 << k, (v.l1 << k) | (v.l0 >> back), (v.l2 << k) | (v.l1 >> back),
                         (v.l3 << k) | (v.l2 >> back), top: v.l3 >> back)
    }

    /// Reduces V = r + top·2^256 ≡ r + top·c (top < 2^35) to [0, p), branch-free.
    ///
    /// V < 2^256 + 2^68 < 2p, so V mod p is V or V − p. Both candidates come from independent
    /// carry chains on r: V itself and W = V + c, which overflows 2^256 exactly when V ≥ p
    /// (then W mod 2^256 = V − p).
    @inline(__always)
    static func fold(_ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64, top: UInt64) -> Secp256k1Field {
        // top·c < 2^68: (h, l) with h < 2^4, so neither h + 1 nor the chains' tops can wrap
        // before limb 3.
        let (h, l) = top.multipliedFullWidth(by: c)
        let (lw, o) = l.addingReportingOverflow(c)
        let hw = h &+ carryBit(o)
        var kv: UInt64 = 0
        let v0 = addc(r0, l, &kv), v1 = addc(r1, h, &kv), v2 = addc(r2, 0, &kv), v3 = addc(r3, 0, &kv)
        var kw: UInt64 = 0
        let w0 = addc(r0, lw, &kw), w1 = addc(r1, hw, &kw), w2 = addc(r2, 0, &kw), w3 = addc(r3, 0, &kw)
        return Secp256k1Field(unchecked: U256.select(0 &- kw, U256(v0, v1, v2, v3), U256(w0, w1, w2, w3)))
    }

    /// x mod p for any x < 2^256 (subtracts p once when x ≥ p), branch-free.
    @inline(__always)
    static func canonical(_ x: U256) -> Secp256k1Field {
        // When x ≥ p, limbs 1–3 are all ones, and x − p = (x.l0 + c) mod 2^64 with the upper
        // limbs cleared.
        let mask = valueBarrier(0 &- geP(x))
        return Secp256k1Field(unchecked: U256(x.l0 &+ (c & mask), x.l1 & ~mask, x.l2 & ~mask, x.l3 & ~mask))
    }

    /// 1 when x is zero, else 0 (branch-free).
    @inline(__always)
    static func zeroBit(_ x: UInt64) -> UInt64 { ((x | (0 &- x)) >> 63) ^ 1 }

    /// Reduces a 512-bit product: t_lo + t_hi·c as a chain of `mulAdd2` rows (the carry word
    /// stays below 2^34), then the small overflow once more.
    @inline(__always)
    static func reduce(_ t: U512) -> Secp256k1Field {
        var k: UInt64, r0: UInt64, r1: UInt64, r2: UInt64, r3: UInt64
        (k, r0) = mulAdd2(t.t4, c, t.t0, 0)
        (k, r1) = mulAdd2(t.t5, c, t.t1, k)
        (k, r2) = mulAdd2(t.t6, c, t.t2, k)
        (k, r3) = mulAdd2(t.t7, c, t.t3, k)
        return fold(r0, r1, r2, r3, top: k)
    }

    /// Multiplicative inverse in constant time (safegcd, `Secp256k1Modulus.inverse`).
    /// The inverse of zero is zero.
    @inline(__always)
    func inverse() -> Secp256k1Field { Secp256k1Field(unchecked: Secp256k1Modulus.p.inverse(v)) }

    /// Multiplicative inverse in variable time, for public values only. The inverse of zero
    /// is zero.
    @inline(__always)
    func inverseVartime() -> Secp256k1Field { Secp256k1Field(unchecked: Secp256k1Modulus.p.inverseVartime(v)) }

    /// Multiplicative inverse by Fermat (a^(p−2)) with libsecp256k1's addition chain: an
    /// independent implementation the tests compare safegcd with. Constant time; 0 ↦ 0.
    func inverseByFermat() -> Secp256k1Field {
        let (a, x2, head) = exponentChainHead()
        var t = head.squared(times: 5) * a
        t = t.squared(times: 3) * x2
        t = t.squared(times: 2) * a
        return t
    }

    /// A square root (a^((p+1)/4), as p ≡ 3 mod 4), or nil if `self` is not a square.
    func squareRoot() -> Secp256k1Field? {
        let (a, x2, head) = exponentChainHead()
        var t = head.squared(times: 6) * x2
        t = t.squared(times: 2)
        return t.squared() == a ? t : nil
    }

    /// The part of libsecp256k1's addition chain that a^(p−2) and a^((p+1)/4) share: returns
    /// a, a^(2^2−1) and a^((2^223−1)·2^23 + 2^22−1), from which both exponents finish.
    @inline(__always)
    private func exponentChainHead() -> (a: Secp256k1Field, x2: Secp256k1Field, head: Secp256k1Field) {
        let a = self
        let x2 = a.squared() * a
        let x3 = x2.squared() * a
        let x6 = x3.squared(times: 3) * x3
        let x9 = x6.squared(times: 3) * x3
        let x11 = x9.squared(times: 2) * x2
        let x22 = x11.squared(times: 11) * x11
        let x44 = x22.squared(times: 22) * x22
        let x88 = x44.squared(times: 44) * x44
        let x176 = x88.squared(times: 88) * x88
        let x220 = x176.squared(times: 44) * x44
        let x223 = x220.squared(times: 3) * x3
        return (a, x2, x223.squared(times: 23) * x22)
    }

    /// `mask` all-ones selects `b`, zero selects `a`.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Secp256k1Field, _ b: Secp256k1Field) -> Secp256k1Field {
        Secp256k1Field(unchecked: U256.select(mask, a.v, b.v))
    }
}
