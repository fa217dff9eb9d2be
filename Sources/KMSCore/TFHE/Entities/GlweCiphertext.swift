/// A GLWE ciphertext over the 2^64 torus (tfhe-rs `GlweCiphertext`): k mask polynomials and a
/// body, N coefficients each — `(k+1)·N` contiguous words `[A_0 … A_{k−1}, B]`, coefficient 0
/// first. Its phase under a key S is `B − Σ_j A_j·S_j mod (X^N + 1)`.
///
/// ```swift
/// let ct = try GlweEncryption.encrypt(plaintext, key: key, noise: .tUniform(boundLog2: 17),
///                                     maskGenerator: r.mask, noiseGenerator: r.noise)
/// ct.glweDimension, ct.polynomialSize     // 1, 2048
/// let p = try GlweEncryption.phase(ct, key: key)
/// ```
public struct GlweCiphertext: Sendable, Equatable, Hashable {
    package let glweDimension: GlweDimension
    package let polynomialSize: PolynomialSize
    /// `(k+1)·N` words: the masks, then the body.
    package internal(set) var data: [UInt64]

    /// Wraps `(k+1)·N` words.
    package init(glweDimension: GlweDimension, polynomialSize: PolynomialSize, data: [UInt64]) throws(TFHEError) {
        guard glweDimension.value > 0, polynomialSize.value > 0,
              data.count == (glweDimension.value + 1) * polynomialSize.value else {
            throw .ciphertextMismatch("a \(glweDimension)×\(polynomialSize) GLWE ciphertext has \((glweDimension.value + 1) * polynomialSize.value) words, got \(data.count)")
        }
        self.init(trusted: glweDimension, polynomialSize, data)
    }

    /// A trivial (noiseless, zero-mask) encryption of `plaintext`.
    package static func trivial(_ plaintext: [UInt64], glweDimension: GlweDimension) -> GlweCiphertext {
        let n = plaintext.count
        var data = [UInt64](repeating: 0, count: (glweDimension.value + 1) * n)
        data.replaceSubrange(glweDimension.value * n ..< (glweDimension.value + 1) * n, with: plaintext)
        return GlweCiphertext(trusted: glweDimension, PolynomialSize(n), data)
    }

    init(trusted k: GlweDimension, _ n: PolynomialSize, _ data: [UInt64]) {
        glweDimension = k
        polynomialSize = n
        self.data = data
    }

    /// The body polynomial B.
    package var body: ArraySlice<UInt64> { data[glweDimension.value * polynomialSize.value ..< data.count] }

    /// Mask polynomial j.
    package func mask(_ j: Int) -> ArraySlice<UInt64> {
        data[j * polynomialSize.value ..< (j + 1) * polynomialSize.value]
    }
}
