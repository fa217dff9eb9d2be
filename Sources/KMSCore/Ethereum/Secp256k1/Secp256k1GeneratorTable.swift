// Fixed-base multiplication k·G for secp256k1 with a precomputed table of 64 × 16 affine points.

/// Precomputed multiples j·16^i·G (i in 0..<64, j in 0..<16) in affine coordinates, 64 KiB,
/// built once on first use (about a millisecond). Entry 0 of each window holds 16^i·G so
/// every entry is a valid point; a zero digit is handled by discarding the sum.
///
/// `multiply` performs 64 mixed additions, reading every entry of each window with masks, so
/// neither memory access pattern nor control flow depends on the scalar.
struct Secp256k1GeneratorTable: Sendable {
    /// Lazily built, thread-safe (global `let` initialisation runs once).
    static let shared = Secp256k1GeneratorTable()

    /// 64 windows × 16 entries × (x, y) × 4 limbs.
    private let limbs: [UInt64]

    private init() {
        var points = [Secp256k1Point]()
        points.reserveCapacity(64 * 16)
        var base = Secp256k1AffinePoint.generator.projective
        for _ in 0..<64 {
            var row = [Secp256k1Point](repeating: base, count: 16)
            for j in 2..<16 { row[j] = row[j - 1] + base }
            points.append(contentsOf: row)
            base = row[15] + base
        }
        // Batch conversion to affine with a single inversion (Montgomery's trick).
        var prefix = [Secp256k1Field](repeating: .one, count: points.count)
        var acc = Secp256k1Field.one
        for (i, p) in points.enumerated() {
            prefix[i] = acc
            acc = acc * p.z
        }
        var inv = acc.inverse()
        var out = [UInt64](repeating: 0, count: points.count * 8)
        for i in stride(from: points.count - 1, through: 0, by: -1) {
            let zi = inv * prefix[i]
            inv = inv * points[i].z
            let x = points[i].x * zi, y = points[i].y * zi
            out[i * 8 + 0] = x.v.l0; out[i * 8 + 1] = x.v.l1; out[i * 8 + 2] = x.v.l2; out[i * 8 + 3] = x.v.l3
            out[i * 8 + 4] = y.v.l0; out[i * 8 + 5] = y.v.l1; out[i * 8 + 6] = y.v.l2; out[i * 8 + 7] = y.v.l3
        }
        limbs = out
    }

    /// k·G in constant time (k in [0, n)); the identity for k = 0.
    func multiply(_ k: Secp256k1Scalar) -> Secp256k1Point {
        var acc = Secp256k1Point.identity
        limbs.withUnsafeBufferPointer { t in
            let base = t.baseAddress!
            for i in 0..<64 {
                let d = UInt64(k.v.nibble(i))
                var x0: UInt64 = 0, x1: UInt64 = 0, x2: UInt64 = 0, x3: UInt64 = 0
                var y0: UInt64 = 0, y1: UInt64 = 0, y2: UInt64 = 0, y3: UInt64 = 0
                var e = base + i * 128
                for j in 0..<16 as Range<UInt64> {
                    let diff = j ^ d
                    let m = ((diff | (0 &- diff)) >> 63) &- 1   // all-ones iff j == d
                    x0 |= e[0] & m; x1 |= e[1] & m; x2 |= e[2] & m; x3 |= e[3] & m
                    y0 |= e[4] & m; y1 |= e[5] & m; y2 |= e[6] & m; y3 |= e[7] & m
                    e += 8
                }
                let q = Secp256k1AffinePoint(x: Secp256k1Field(unchecked: U256(x0, x1, x2, x3)),
                                             y: Secp256k1Field(unchecked: U256(y0, y1, y2, y3)))
                let sum = acc + q
                let nonZero = 0 &- ((d | (0 &- d)) >> 63)   // all-ones iff d != 0
                acc = Secp256k1Point.select(nonZero, acc, sum)
            }
        }
        return acc
    }
}
