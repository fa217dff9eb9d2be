import Foundation

extension LweCompactPublicKeyEncryption {
    /// The largest |e| of the compact public key relation `b − a ⊛ rev(s) = e`, as log2 (−∞ for 0),
    /// or `nil` when the sizes differ.
    package static func publicKeyNoiseLog2(_ publicKey: LweCompactPublicKey, secret: LweSecretKey) -> Double? {
        let n = publicKey.polynomialSize
        guard secret.dimension == n else { return nil }
        var product = [UInt64](repeating: 0, count: n)
        publicKey.mask.withUnsafeBufferPointer { a in
            secret.coefficients.withUnsafeBufferPointer { s in
                product.withUnsafeMutableBufferPointer { NegacyclicPolynomial.multiplyReversedBinary(a, binary: s, into: $0) }
            }
        }
        var maxAbs: UInt64 = 0
        for i in 0..<n {
            let e = Int64(bitPattern: publicKey.body[i] &- product[i])
            maxAbs = max(maxAbs, e.magnitude)
        }
        return maxAbs == 0 ? -.infinity : log2(Double(maxAbs))
    }

    /// Whether `publicKey` was made from `secret` with noise `noise`: every |e| of
    /// `b − a ⊛ rev(s)` is within the distribution's support (TUniform: 2^b; Gaussian: 20σ).
    package static func publicKeyMatches(_ publicKey: LweCompactPublicKey, secret: LweSecretKey, noise: NoiseDistribution) -> Bool {
        guard let e = publicKeyNoiseLog2(publicKey, secret: secret) else { return false }
        switch noise {
        case .tUniform(let b): return e <= Double(b)
        case .gaussian(let std, _): return e <= log2(max(std, 0x1p-64) * 20) + 64
        }
    }
}
