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

    /// Subtracts p when `x ≥ p` (inputs below 2^256, i.e. below 2p). Uses x − p ≡ x + c (mod 2^256).
    @inline(__always)
    static func normalize(_ x: U256, carryIn: UInt64) -> Secp256k1Field {
        // If carryIn is set, the true value is x + 2^256 (< 2p), and x + c is the reduction.
        let (s, carry) = U256.add(x, U256(c, 0, 0, 0))
        let mask = 0 &- (carry | carryIn)
        return Secp256k1Field(unchecked: U256.select(mask, x, s))
    }

    @inline(__always)
    static func + (a: Secp256k1Field, b: Secp256k1Field) -> Secp256k1Field {
        let (s, carry) = U256.add(a.v, b.v)
        return normalize(s, carryIn: carry)
    }

    @inline(__always)
    static func - (a: Secp256k1Field, b: Secp256k1Field) -> Secp256k1Field {
        let (d, borrow) = U256.sub(a.v, b.v)
        // On borrow, add p, i.e. subtract c modulo 2^256.
        let (e, _) = U256.sub(d, U256(c & (0 &- borrow), 0, 0, 0))
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

    /// Reduces r + top·2^256 with top < 2^35.
    @inline(__always)
    static func fold(_ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64, top: UInt64) -> Secp256k1Field {
        let (h, l) = top.multipliedFullWidth(by: c)
        var carry: UInt64 = 0
        var s0 = addc(r0, l, &carry)
        var s1 = addc(r1, h, &carry)
        var s2 = addc(r2, 0, &carry)
        var s3 = addc(r3, 0, &carry)
        // A carry here means the value wrapped past 2^256: add c once more. The wrapped value is
        // below 2^68, so this addition cannot carry out again.
        var c2: UInt64 = 0
        s0 = addc(s0, c & (0 &- carry), &c2)
        s1 = addc(s1, 0, &c2)
        s2 = addc(s2, 0, &c2)
        s3 = addc(s3, 0, &c2)
        return normalize(U256(s0, s1, s2, s3), carryIn: 0)
    }

    /// Reduces a 512-bit product: t_lo + t_hi·c, then the small overflow once more.
    @inline(__always)
    static func reduce(_ t: U512) -> Secp256k1Field {
        var acc0: UInt64 = t.t0, acc1: UInt64 = 0, acc2: UInt64 = 0
        muladd(t.t4, c, &acc0, &acc1, &acc2)
        let r0 = acc0
        acc0 = acc1; acc1 = acc2; acc2 = 0
        var carry: UInt64 = 0
        acc0 = addc(acc0, t.t1, &carry); acc1 &+= carry
        muladd(t.t5, c, &acc0, &acc1, &acc2)
        let r1 = acc0
        acc0 = acc1; acc1 = acc2; acc2 = 0
        carry = 0
        acc0 = addc(acc0, t.t2, &carry); acc1 &+= carry
        muladd(t.t6, c, &acc0, &acc1, &acc2)
        let r2 = acc0
        acc0 = acc1; acc1 = acc2; acc2 = 0
        carry = 0
        acc0 = addc(acc0, t.t3, &carry); acc1 &+= carry
        muladd(t.t7, c, &acc0, &acc1, &acc2)
        let r3 = acc0
        // What is left above 2^256 (acc1; acc2 stays 0) is below 2^35.
        return fold(r0, r1, r2, r3, top: acc1)
    }

    /// Multiplicative inverse by Fermat (a^(p−2)), with libsecp256k1's addition chain;
    /// constant time. The inverse of zero is zero.
    func inverse() -> Secp256k1Field {
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
        var t = x223.squared(times: 23) * x22
        t = t.squared(times: 5) * a
        t = t.squared(times: 3) * x2
        t = t.squared(times: 2) * a
        return t
    }

    /// A square root (a^((p+1)/4), as p ≡ 3 mod 4), or nil if `self` is not a square.
    func squareRoot() -> Secp256k1Field? {
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
        var t = x223.squared(times: 23) * x22
        t = t.squared(times: 6) * x2
        t = t.squared(times: 2)
        return t.squared() == a ? t : nil
    }

    /// `mask` all-ones selects `b`, zero selects `a`.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Secp256k1Field, _ b: Secp256k1Field) -> Secp256k1Field {
        Secp256k1Field(unchecked: U256.select(mask, a.v, b.v))
    }
}
