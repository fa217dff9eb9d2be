/// tfhe-rs `LweCompactPublicKey`: a GLWE ciphertext with k = 1 whose body is
/// `b = a ⊛ rev(s) + e` in Z_{2^64}[X]/(X^N+1), for the compact-PKE secret key s.
public struct LweCompactPublicKey: Sendable, Equatable {
    /// The uniform mask polynomial a (N coefficients).
    package let mask: [UInt64]
    /// The body polynomial b (N coefficients).
    package let body: [UInt64]

    package init(mask: [UInt64], body: [UInt64]) throws(TFHEError) {
        let n = mask.count
        guard n > 0, n & (n - 1) == 0, body.count == n else {
            throw .keyMismatch("compact public key polynomials must have the same power-of-two size")
        }
        self.mask = mask
        self.body = body
    }

    init(trusted mask: [UInt64], _ body: [UInt64]) {
        self.mask = mask
        self.body = body
    }

    /// N, the polynomial size (= the compact-PKE LWE dimension).
    package var polynomialSize: Int { mask.count }
}
