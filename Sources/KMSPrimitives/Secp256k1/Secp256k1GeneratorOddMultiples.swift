// Precomputed odd multiples of G and of 2^128·G for the variable-time double multiplication.

/// Affine odd multiples (1, 3, 5, …, 2^(w−1) − 1)·P of P = G and P = 2^128·G for the wNAF
/// window w = `Secp256k1DoubleMultiplication.windowG` (2 × 256 points, 32 KiB), built once on
/// first use (about 0.1 ms; one batched inversion per table). 2^128·G lets u1·G be split into
/// two 128-bit halves without a scalar decomposition.
struct Secp256k1GeneratorOddMultiples: Sendable {
    /// Lazily built, thread-safe (global `let` initialisation runs once).
    static let shared = Secp256k1GeneratorOddMultiples(window: Secp256k1DoubleMultiplication.windowG)

    /// Odd multiples of G.
    let g: [Secp256k1AffinePoint]
    /// Odd multiples of 2^128·G.
    let g128: [Secp256k1AffinePoint]

    init(window w: Int) {
        let count = 1 << (w - 2)
        var p = Secp256k1JacobianPoint(.generator)
        for _ in 0..<128 { p = p.doubledVartime() }
        let h = p.affineVartime ?? .generator   // 2^128·G is a finite point
        g = Self.oddMultiples(of: .generator, count: count)
        g128 = Self.oddMultiples(of: h, count: count)
    }

    /// (1, 3, …, 2·count − 1)·p in affine coordinates (variable time; p is public).
    static func oddMultiples(of p: Secp256k1AffinePoint, count: Int) -> [Secp256k1AffinePoint] {
        let twice = Secp256k1JacobianPoint(p).doubledVartime().affineVartime ?? p
        var jacobian = [Secp256k1JacobianPoint]()
        jacobian.reserveCapacity(count)
        var acc = Secp256k1JacobianPoint(p)
        jacobian.append(acc)
        for _ in 1..<count {
            acc = acc.addingVartime(twice.x, twice.y)
            jacobian.append(acc)
        }
        return Secp256k1JacobianPoint.batchAffine(jacobian)
    }
}
