// Modular inversion by Bernstein–Yang "safegcd" divsteps (https://gcd.cr.yp.to/), for the two
// secp256k1 moduli (the field prime p and the group order n). Numbers are held in five signed
// 62-bit limbs; batches of divsteps act on the low bits only and produce a 2×2 transition
// matrix, which is then applied to the full-size (f, g) and to the Bézout coefficients (d, e).
//
// Two entry points:
// - `inverse`: constant time (always 10 batches of 59 half-delta divsteps, which suffice for
//   any 256-bit input: the bound for 256-bit moduli is 590), used for secret values (nonces,
//   the Z coordinate of a nonce point);
// - `inverseVartime`: stops as soon as g = 0 and skips runs of zero bits, for public values
//   (signatures' s and r, points during verification and recovery).

/// A modulus M (odd, below 2^256) with the constants safegcd needs.
struct Secp256k1Modulus: Sendable {
    /// M in signed 62-bit limbs.
    let m: Limbs62
    /// M⁻¹ mod 2^62.
    let inverse62: UInt64

    /// The field prime p.
    static let p = Secp256k1Modulus(Secp256k1Field.p)
    /// The group order n.
    static let n = Secp256k1Modulus(Secp256k1Scalar.n)

    init(_ modulus: U256) {
        m = Limbs62(modulus)
        // Newton iteration for the inverse of an odd number modulo 2^64: each step doubles the
        // number of correct low bits (x = m is correct to 3 bits since m·m ≡ 1 mod 8).
        let m0 = modulus.l0
        var x = m0
        for _ in 0..<5 { x = x &* (2 &- m0 &* x) }
        inverse62 = x & Limbs62.mask
    }

    /// x⁻¹ mod M for 0 ≤ x < M, in constant time; 0 for x = 0.
    func inverse(_ x: U256) -> U256 {
        var state = SafeGCDState(modulus: self, x: x)
        var zeta: Int64 = -1
        for _ in 0..<10 {
            let t = Self.divsteps59(&zeta, state.f.v0, state.g.v0)
            state.apply(t, modulus: self)
        }
        return state.result(modulus: self)
    }

    /// x⁻¹ mod M for 0 ≤ x < M, in variable time (public inputs only); 0 for x = 0.
    func inverseVartime(_ x: U256) -> U256 {
        var state = SafeGCDState(modulus: self, x: x)
        var eta: Int64 = -1
        // 256-bit inputs need at most 741 divsteps (Bernstein–Yang, theorem 11.2), i.e. 12
        // batches of 62; the limit of 20 only guards against looping forever on a bug.
        var batches = 0
        while !state.g.isZero && batches < 20 {
            let t = Self.divsteps62Vartime(&eta, state.f.v0, state.g.v0)
            state.apply(t, modulus: self)
            batches += 1
        }
        return state.result(modulus: self)
    }

    /// 59 half-delta divsteps on the low bits of f and g, branch-free. `zeta` is −(δ + 1/2).
    /// The returned matrix is scaled by 2^62 (it starts at 8·I, and 59 steps double one row each).
    @inline(__always)
    static func divsteps59(_ zeta: inout Int64, _ f0: Int64, _ g0: Int64) -> Transition {
        var f = f0, g = g0
        var u: Int64 = 8, v: Int64 = 0, q: Int64 = 0, r: Int64 = 8
        var z = zeta
        for _ in 0..<59 {
            // neg: δ > 0 (ζ < 0); odd: g odd. With odd, g ← g ± f (− when neg) and the g row
            // likewise; when both, the step is the swapping one, (f, g) ← (g, (g − f)/2): the
            // old g is recovered as f + (g − f).
            let neg = barrier(z >> 63)
            let odd = barrier(0 &- (g & 1))
            g &+= ((f ^ neg) &- neg) & odd
            q &+= ((u ^ neg) &- neg) & odd
            r &+= ((v ^ neg) &- neg) & odd
            let both = barrier(neg & odd)
            z = (z ^ both) &- 1
            f &+= g & both
            u &+= q & both
            v &+= r & both
            g >>= 1
            u <<= 1
            v <<= 1
        }
        zeta = z
        return Transition(u: u, v: v, q: q, r: r)
    }

    /// 62 original divsteps (δ = −eta) on the low bits of f and g, skipping runs of zeros and
    /// cancelling several low bits of g at once. The matrix is scaled by 2^62.
    @inline(__always)
    static func divsteps62Vartime(_ eta: inout Int64, _ f0: Int64, _ g0: Int64) -> Transition {
        var f = UInt64(bitPattern: f0), g = UInt64(bitPattern: g0)
        var u: UInt64 = 1, v: UInt64 = 0, q: UInt64 = 0, r: UInt64 = 1
        var e = eta
        var i = 62
        while true {
            // Halve g while it is even (δ increases by one each time).
            let zeros = (g | (UInt64.max << UInt64(i))).trailingZeroBitCount
            g >>= UInt64(zeros)
            u <<= UInt64(zeros)
            v <<= UInt64(zeros)
            e &-= Int64(zeros)
            i -= zeros
            if i == 0 { break }
            // g is odd. With δ > 0 swap: (f, g) ← (g, −f).
            if e < 0 {
                e = -e
                (f, g) = (g, 0 &- f)
                (u, q) = (q, 0 &- u)
                (v, r) = (r, 0 &- v)
            }
            // The next min(η + 1, i) steps all add f when g is odd: do up to 6 of them at once
            // with w = −g/f mod 2^k (f·(f² − 2) is f⁻¹ mod 2^6 for odd f).
            let limit = min(min(Int(e) + 1, i), 6)
            let mask = (UInt64.max >> UInt64(64 - limit)) & 63
            let w = (g &* f &* (f &* f &- 2)) & mask
            g &+= f &* w
            q &+= u &* w
            r &+= v &* w
        }
        eta = e
        return Transition(u: Int64(bitPattern: u), v: Int64(bitPattern: v),
                          q: Int64(bitPattern: q), r: Int64(bitPattern: r))
    }
}

/// A signed mask through `valueBarrier` (see there).
@inline(__always)
private func barrier(_ x: Int64) -> Int64 { Int64(bitPattern: valueBarrier(UInt64(bitPattern: x))) }

/// A divstep transition matrix [[u, v], [q, r]], scaled by 2^62.
struct Transition {
    var u: Int64
    var v: Int64
    var q: Int64
    var r: Int64
}

/// The safegcd state: f, g (f starts as M, g as x) and the coefficients d, e with
/// d·x ≡ f, e·x ≡ g (mod M), kept in (−2M, M).
struct SafeGCDState {
    var f: Limbs62
    var g: Limbs62
    var d: Limbs62
    var e: Limbs62

    @inline(__always)
    init(modulus: Secp256k1Modulus, x: U256) {
        f = modulus.m
        g = Limbs62(x)
        d = .zero
        e = Limbs62(v0: 1, v1: 0, v2: 0, v3: 0, v4: 0)
    }

    /// (f, g) ← t·(f, g)/2^62 and (d, e) ← t·(d, e)/2^62 mod M.
    @inline(__always)
    mutating func apply(_ t: Transition, modulus: Secp256k1Modulus) {
        updateDE(t, modulus: modulus)
        updateFG(t)
    }

    @inline(__always)
    private mutating func updateFG(_ t: Transition) {
        var cf = Int128Accumulator(t.u, f.v0, t.v, g.v0)
        var cg = Int128Accumulator(t.q, f.v0, t.r, g.v0)
        // The low 62 bits of both are zero by construction of the matrix.
        cf.shift62(); cg.shift62()
        cf.add(t.u, f.v1, t.v, g.v1); cg.add(t.q, f.v1, t.r, g.v1)
        let f0 = cf.low62, g0 = cg.low62
        cf.shift62(); cg.shift62()
        cf.add(t.u, f.v2, t.v, g.v2); cg.add(t.q, f.v2, t.r, g.v2)
        let f1 = cf.low62, g1 = cg.low62
        cf.shift62(); cg.shift62()
        cf.add(t.u, f.v3, t.v, g.v3); cg.add(t.q, f.v3, t.r, g.v3)
        let f2 = cf.low62, g2 = cg.low62
        cf.shift62(); cg.shift62()
        cf.add(t.u, f.v4, t.v, g.v4); cg.add(t.q, f.v4, t.r, g.v4)
        let f3 = cf.low62, g3 = cg.low62
        cf.shift62(); cg.shift62()
        f = Limbs62(v0: f0, v1: f1, v2: f2, v3: f3, v4: cf.low64)
        g = Limbs62(v0: g0, v1: g1, v2: g2, v3: g3, v4: cg.low64)
    }

    @inline(__always)
    private mutating func updateDE(_ t: Transition, modulus: Secp256k1Modulus) {
        let mod = modulus.m
        // Bring negative d, e into range by adding M·(u, q) resp. M·(v, r) along the way.
        let sd = barrier(d.v4 >> 63), se = barrier(e.v4 >> 63)
        var md = (t.u & sd) &+ (t.v & se)
        var me = (t.q & sd) &+ (t.r & se)
        var cd = Int128Accumulator(t.u, d.v0, t.v, e.v0)
        var ce = Int128Accumulator(t.q, d.v0, t.r, e.v0)
        // Choose md, me so that the low 62 bits of cd + md·M and ce + me·M vanish.
        md &-= Int64(bitPattern: (modulus.inverse62 &* cd.lo &+ UInt64(bitPattern: md)) & Limbs62.mask)
        me &-= Int64(bitPattern: (modulus.inverse62 &* ce.lo &+ UInt64(bitPattern: me)) & Limbs62.mask)
        cd.add(mod.v0, md); ce.add(mod.v0, me)
        cd.shift62(); ce.shift62()
        cd.add(t.u, d.v1, t.v, e.v1); ce.add(t.q, d.v1, t.r, e.v1)
        cd.add(mod.v1, md); ce.add(mod.v1, me)
        let d0 = cd.low62, e0 = ce.low62
        cd.shift62(); ce.shift62()
        cd.add(t.u, d.v2, t.v, e.v2); ce.add(t.q, d.v2, t.r, e.v2)
        cd.add(mod.v2, md); ce.add(mod.v2, me)
        let d1 = cd.low62, e1 = ce.low62
        cd.shift62(); ce.shift62()
        cd.add(t.u, d.v3, t.v, e.v3); ce.add(t.q, d.v3, t.r, e.v3)
        cd.add(mod.v3, md); ce.add(mod.v3, me)
        let d2 = cd.low62, e2 = ce.low62
        cd.shift62(); ce.shift62()
        cd.add(t.u, d.v4, t.v, e.v4); ce.add(t.q, d.v4, t.r, e.v4)
        cd.add(mod.v4, md); ce.add(mod.v4, me)
        let d3 = cd.low62, e3 = ce.low62
        cd.shift62(); ce.shift62()
        d = Limbs62(v0: d0, v1: d1, v2: d2, v3: d3, v4: cd.low64)
        e = Limbs62(v0: e0, v1: e1, v2: e2, v3: e3, v4: ce.low64)
    }

    /// d·sign(f) reduced to [0, M) (f = ±1 at the end; for x = 0, f = M and d = 0).
    @inline(__always)
    func result(modulus: Secp256k1Modulus) -> U256 {
        // d ∈ (−2M, M). Negate when f < 0, giving (−M, 2M) ∪ (−2M, M); then add M while
        // negative (at most twice) and subtract M once if ≥ M, all with masks.
        let negate = barrier(f.v4 >> 63)
        var x = d.conditionallyNegated(negate)
        x = x.conditionallyAdded(modulus.m, mask: barrier(x.v4 >> 63))
        x = x.conditionallyAdded(modulus.m, mask: barrier(x.v4 >> 63))
        let y = x.conditionallyAdded(modulus.m.negated(), mask: -1)
        // Keep x − M when it is non-negative.
        x = Limbs62.select(barrier(~(y.v4 >> 63)), x, y)
        return x.u256
    }
}

/// A signed integer in five 62-bit limbs: v0 + v1·2^62 + … + v4·2^248, limbs 0–3 normally in
/// [0, 2^62) and v4 carrying the sign.
struct Limbs62: Sendable {
    var v0: Int64
    var v1: Int64
    var v2: Int64
    var v3: Int64
    var v4: Int64

    static let mask: UInt64 = (1 << 62) - 1
    static let zero = Limbs62(v0: 0, v1: 0, v2: 0, v3: 0, v4: 0)

    @inline(__always)
    init(v0: Int64, v1: Int64, v2: Int64, v3: Int64, v4: Int64) {
        self.v0 = v0
        self.v1 = v1
        self.v2 = v2
        self.v3 = v3
        self.v4 = v4
    }

    @inline(__always)
    init(_ x: U256) {
        let m = Self.mask
        v0 = Int64(bitPattern: x.l0 & m)
        v1 = Int64(bitPattern: ((x.l0 >> 62) | (x.l1 << 2)) & m)
        v2 = Int64(bitPattern: ((x.l1 >> 60) | (x.l2 << 4)) & m)
        v3 = Int64(bitPattern: ((x.l2 >> 58) | (x.l3 << 6)) & m)
        v4 = Int64(bitPattern: x.l3 >> 56)
    }

    /// The value, for limbs already in canonical form and 0 ≤ value < 2^256.
    @inline(__always)
    var u256: U256 {
        let a0 = UInt64(bitPattern: v0), a1 = UInt64(bitPattern: v1), a2 = UInt64(bitPattern: v2)
        let a3 = UInt64(bitPattern: v3), a4 = UInt64(bitPattern: v4)
        return U256(a0 | (a1 << 62), (a1 >> 2) | (a2 << 60), (a2 >> 4) | (a3 << 58), (a3 >> 6) | (a4 << 56))
    }

    @inline(__always)
    var isZero: Bool { (v0 | v1 | v2 | v3 | v4) == 0 }

    /// −self, limbwise (non-canonical; `carried` restores the limb ranges).
    @inline(__always)
    func negated() -> Limbs62 { Limbs62(v0: 0 &- v0, v1: 0 &- v1, v2: 0 &- v2, v3: 0 &- v3, v4: 0 &- v4) }

    /// Propagates carries so that limbs 0–3 are in [0, 2^62) (arithmetic shifts keep the sign).
    @inline(__always)
    func carried() -> Limbs62 {
        let m = Int64(bitPattern: Self.mask)
        var a0 = v0, a1 = v1, a2 = v2, a3 = v3, a4 = v4
        a1 &+= a0 >> 62; a0 &= m
        a2 &+= a1 >> 62; a1 &= m
        a3 &+= a2 >> 62; a2 &= m
        a4 &+= a3 >> 62; a3 &= m
        return Limbs62(v0: a0, v1: a1, v2: a2, v3: a3, v4: a4)
    }

    /// −self when `mask` is all ones, else self (canonical output).
    @inline(__always)
    func conditionallyNegated(_ mask: Int64) -> Limbs62 {
        Limbs62(v0: (v0 ^ mask) &- mask, v1: (v1 ^ mask) &- mask, v2: (v2 ^ mask) &- mask,
                v3: (v3 ^ mask) &- mask, v4: (v4 ^ mask) &- mask).carried()
    }

    /// self + (other & mask) (canonical output).
    @inline(__always)
    func conditionallyAdded(_ other: Limbs62, mask: Int64) -> Limbs62 {
        Limbs62(v0: v0 &+ (other.v0 & mask), v1: v1 &+ (other.v1 & mask), v2: v2 &+ (other.v2 & mask),
                v3: v3 &+ (other.v3 & mask), v4: v4 &+ (other.v4 & mask)).carried()
    }

    /// `mask` all ones selects b, zero selects a.
    @inline(__always)
    static func select(_ mask: Int64, _ a: Limbs62, _ b: Limbs62) -> Limbs62 {
        Limbs62(v0: (a.v0 & ~mask) | (b.v0 & mask), v1: (a.v1 & ~mask) | (b.v1 & mask),
                v2: (a.v2 & ~mask) | (b.v2 & mask), v3: (a.v3 & ~mask) | (b.v3 & mask),
                v4: (a.v4 & ~mask) | (b.v4 & mask))
    }
}

/// A signed 128-bit accumulator (two's complement: hi·2^64 + lo) for sums of Int64 products.
struct Int128Accumulator {
    var lo: UInt64
    var hi: Int64

    /// a·b + c·d.
    @inline(__always)
    init(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) {
        let (h, l) = a.multipliedFullWidth(by: b)
        lo = l
        hi = h
        add(c, d)
    }

    /// self += a·b.
    @inline(__always)
    mutating func add(_ a: Int64, _ b: Int64) {
        let (h, l) = a.multipliedFullWidth(by: b)
        let (s, o) = lo.addingReportingOverflow(l)
        lo = s
        hi = hi &+ h &+ Int64(bitPattern: carryBit(o))
    }

    /// self += a·b + c·d.
    @inline(__always)
    mutating func add(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) {
        add(a, b)
        add(c, d)
    }

    /// Arithmetic shift right by 62.
    @inline(__always)
    mutating func shift62() {
        lo = (lo >> 62) | (UInt64(bitPattern: hi) << 2)
        hi >>= 62
    }

    /// The low 62 bits.
    @inline(__always)
    var low62: Int64 { Int64(bitPattern: lo & Limbs62.mask) }

    /// The low 64 bits as a signed value (the top limb after the last shift).
    @inline(__always)
    var low64: Int64 { Int64(bitPattern: lo) }
}
