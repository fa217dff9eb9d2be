// Fixed-base multiplication k·G for secp256k1 in constant time, with signed 5-bit digits and a
// precomputed table of 52 × 16 affine points.

/// Precomputed multiples j·32^i·G (i in 0..<52, j in 1...16) in affine coordinates, 52 KiB,
/// built once on first use (about 0.4 ms, variable time: G is public).
///
/// k is recoded into 52 signed digits d_i ∈ [−15, 16] with k = Σ d_i·32^i, so each window
/// needs only |d_i| ≤ 16 multiples and a conditional negation: 52 mixed additions instead of
/// the 64 of unsigned 4-bit windows, for the same table scan per window. `multiply` reads every
/// entry of each window with masks and adds with the complete formulas; a zero digit is
/// handled by discarding the sum, so neither the memory access pattern nor the control flow
/// depends on the scalar.
struct Secp256k1GeneratorTable: Sendable {
    /// Lazily built, thread-safe (global `let` initialisation runs once).
    static let shared = Secp256k1GeneratorTable()

    static let windows = 52
    static let entries = 16

    /// windows × entries × (x, y) × 4 limbs.
    private let limbs: [UInt64]

    private init() {
        let count = Self.windows * Self.entries
        var points = [Secp256k1JacobianPoint]()
        points.reserveCapacity(count)
        var base = Secp256k1JacobianPoint(.generator)   // 32^i·G
        for _ in 0..<Self.windows {
            let b = base.affineVartime ?? .generator
            var p = base
            points.append(p)
            for _ in 1..<Self.entries {
                p = p.addingVartime(b.x, b.y)
                points.append(p)
            }
            for _ in 0..<5 { base = base.doubledVartime() }
        }
        let affine = Secp256k1JacobianPoint.batchAffine(points)
        var out = [UInt64](repeating: 0, count: count * 8)
        for (i, p) in affine.enumerated() {
            out[i * 8 + 0] = p.x.v.l0; out[i * 8 + 1] = p.x.v.l1; out[i * 8 + 2] = p.x.v.l2; out[i * 8 + 3] = p.x.v.l3
            out[i * 8 + 4] = p.y.v.l0; out[i * 8 + 5] = p.y.v.l1; out[i * 8 + 6] = p.y.v.l2; out[i * 8 + 7] = p.y.v.l3
        }
        limbs = out
    }

    /// k·G in constant time (k in [0, n)); the identity for k = 0.
    func multiply(_ k: Secp256k1Scalar) -> Secp256k1Point {
        var acc = Secp256k1Point.identity
        limbs.withUnsafeBufferPointer { t in
            let base = t.baseAddress!
            var carry: UInt64 = 0
            for i in 0..<Self.windows {
                // x ∈ [0, 32]; digits above 16 become x − 32 with a carry into the next window.
                // The top window holds bit 255 only, so it never carries.
                let x = k.v.bits(at: 5 * i, count: 5) &+ carry
                carry = (16 &- x) >> 63
                let d = Int64(bitPattern: x) &- Int64(bitPattern: carry << 5)
                let negative = valueBarrier(UInt64(bitPattern: d >> 63))    // all ones iff d < 0
                let magnitude = UInt64(bitPattern: (d ^ (d >> 63)) &- (d >> 63))   // |d| ∈ [0, 16]
                var x0: UInt64 = 0, x1: UInt64 = 0, x2: UInt64 = 0, x3: UInt64 = 0
                var y0: UInt64 = 0, y1: UInt64 = 0, y2: UInt64 = 0, y3: UInt64 = 0
                var e = base + i * Self.entries * 8
                for j in 1...UInt64(Self.entries) {
                    let diff = j ^ magnitude
                    let m = valueBarrier(((diff | (0 &- diff)) >> 63) &- 1)   // all ones iff j == |d|
                    x0 |= e[0] & m; x1 |= e[1] & m; x2 |= e[2] & m; x3 |= e[3] & m
                    y0 |= e[4] & m; y1 |= e[5] & m; y2 |= e[6] & m; y3 |= e[7] & m
                    e += 8
                }
                let y = Secp256k1Field(unchecked: U256(y0, y1, y2, y3))
                let q = Secp256k1AffinePoint(x: Secp256k1Field(unchecked: U256(x0, x1, x2, x3)),
                                             y: Secp256k1Field.select(negative, y, -y))
                let sum = acc + q
                let nonZero = valueBarrier(0 &- ((magnitude | (0 &- magnitude)) >> 63))   // all ones iff d != 0
                acc = Secp256k1Point.select(nonZero, acc, sum)
            }
        }
        return acc
    }
}
