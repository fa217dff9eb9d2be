/// Secret-key GLWE encryption and phase computation over the 2^64 torus (tfhe-rs
/// `encrypt_glwe_ciphertext`, `decrypt_glwe_ciphertext`), for binary GLWE keys.
///
/// A GLWE ciphertext of dimension k and polynomial size N is `(k+1)·N` words:
/// `[A_0 … A_{k−1}, B]`, each polynomial coefficient 0 first. Its phase is
/// `B − Σ_j A_j·S_j mod (X^N + 1)`.
///
/// ```swift
/// let ct = try GlweEncryption.encrypt(plaintext, key: k, noise: .tUniform(boundLog2: 42),
///                                 maskGenerator: r.mask, noiseGenerator: r.noise)
/// let p = try GlweEncryption.phase(ct, key: k)     // plaintext + small noise
/// ```
public enum GlweEncryption {
    /// Encrypts one plaintext polynomial (N coefficients, already scaled) under `key`: uniform masks
/// from `maskGenerator`, noise from `noiseGenerator`.
    public static func encrypt(_ plaintext: [UInt64], key: GlweSecretKey, noise: NoiseDistribution,
                               maskGenerator: RandomGenerator, noiseGenerator: RandomGenerator) throws(TFHEError) -> [UInt64] {
        let k = key.glweDimension, n = key.polynomialSize
        guard plaintext.count == n else {
            throw .keyMismatch("plaintext polynomial of \(plaintext.count) coefficients for a key of polynomial size \(n)")
        }
        var ct = [UInt64](repeating: 0, count: (k + 1) * n)
        ct.withUnsafeMutableBufferPointer { c in
            let masks = UnsafeMutableBufferPointer(rebasing: c[0 ..< k * n])
            maskGenerator.fill(UnsafeMutableRawBufferPointer(masks))
            #if _endian(big)
            for i in 0 ..< k * n { masks[i] = UInt64(littleEndian: masks[i]) }
            #endif
            noise.sample(into: UnsafeMutableBufferPointer(rebasing: c[k * n ..< (k + 1) * n]), from: noiseGenerator)
        }
        let product = maskKeyProduct(ct, key: key)
        for i in 0..<n { ct[k * n + i] &+= product[i] &+ plaintext[i] }
        return ct
    }

    /// The phase polynomial `B − Σ_j A_j·S_j` of `ciphertext` under `key`.
    /// - Throws: `TFHEError.keyMismatch` when the sizes differ.
    public static func phase(_ ciphertext: [UInt64], key: GlweSecretKey) throws(TFHEError) -> [UInt64] {
        let k = key.glweDimension, n = key.polynomialSize
        guard ciphertext.count == (k + 1) * n else {
            throw .keyMismatch("GLWE ciphertext of \(ciphertext.count) words does not match a \(k)×\(n) key")
        }
        let product = maskKeyProduct(ciphertext, key: key)
        return (0..<n).map { ciphertext[k * n + $0] &- product[$0] }
    }

    /// `Σ_j A_j·S_j mod (X^N + 1)` for the masks of `ciphertext` (sizes already checked).
    static func maskKeyProduct(_ ciphertext: [UInt64], key: GlweSecretKey) -> [UInt64] {
        let k = key.glweDimension, n = key.polynomialSize
        var sum = [UInt64](repeating: 0, count: n)
        var product = [UInt64](repeating: 0, count: n)
        ciphertext.withUnsafeBufferPointer { c in
            key.coefficients.withUnsafeBufferPointer { s in
                product.withUnsafeMutableBufferPointer { prod in
                    for j in 0..<k {
                        NegacyclicPolynomial.multiplyBinary(UnsafeBufferPointer(rebasing: c[j * n ..< (j + 1) * n]),
                                                            binary: UnsafeBufferPointer(rebasing: s[j * n ..< (j + 1) * n]),
                                                            into: prod)
                        for i in 0..<n { sum[i] &+= prod[i] }
                    }
                }
            }
        }
        return sum
    }
}
