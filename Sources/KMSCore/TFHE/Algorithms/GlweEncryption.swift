/// Secret-key GLWE encryption and phase computation over the 2^64 torus (tfhe-rs
/// `encrypt_glwe_ciphertext`, `decrypt_glwe_ciphertext`), for binary GLWE keys.
///
/// ```swift
/// let ct = try GlweEncryption.encrypt(plaintext, key: k, noise: .tUniform(boundLog2: 42),
///                                     maskGenerator: r.mask, noiseGenerator: r.noise)
/// let p = try GlweEncryption.phase(ct, key: k)     // plaintext + small noise
/// ```
package enum GlweEncryption {
    /// Encrypts one plaintext polynomial (N coefficients, already scaled) under `key`: uniform
    /// masks from `maskGenerator` (in data order), noise from `noiseGenerator`.
    package static func encrypt(_ plaintext: [UInt64], key: GlweSecretKey, noise: NoiseDistribution,
                               maskGenerator: RandomGenerator, noiseGenerator: RandomGenerator) throws(TFHEError) -> GlweCiphertext {
        let k = key.glweDimension.value, n = key.polynomialSize.value
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
        return GlweCiphertext(trusted: key.glweDimension, key.polynomialSize, ct)
    }

    /// The phase polynomial `B − Σ_j A_j·S_j` of `ciphertext` under `key`.
    /// - Throws: `TFHEError.keyMismatch` when the shapes differ.
    package static func phase(_ ciphertext: GlweCiphertext, key: GlweSecretKey) throws(TFHEError) -> [UInt64] {
        guard ciphertext.glweDimension == key.glweDimension, ciphertext.polynomialSize == key.polynomialSize else {
            throw .keyMismatch("a \(ciphertext.glweDimension)×\(ciphertext.polynomialSize) GLWE ciphertext under a \(key.glweDimension)×\(key.polynomialSize) key")
        }
        let k = key.glweDimension.value, n = key.polynomialSize.value
        let product = maskKeyProduct(ciphertext.data, key: key)
        return (0..<n).map { ciphertext.data[k * n + $0] &- product[$0] }
    }

    /// `Σ_j A_j·S_j mod (X^N + 1)` for the masks of `ciphertext` (sizes already checked).
    static func maskKeyProduct(_ ciphertext: [UInt64], key: GlweSecretKey) -> [UInt64] {
        let k = key.glweDimension.value, n = key.polynomialSize.value
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
