/// Sample extraction (tfhe-rs `extract_lwe_sample_from_glwe_ciphertext`, coefficient 0): the
/// constant coefficient of a GLWE ciphertext as an LWE ciphertext under the flattened GLWE key
/// (dimension k·N).
package enum SampleExtraction {
    /// Extracts coefficient 0 of `glwe` ((k+1)·N words) into `out` (k·N + 1 words).
    package static func extractConstant(_ glwe: UnsafePointer<UInt64>, glweDimension k: Int, polynomialSize n: Int,
                                        into out: UnsafeMutablePointer<UInt64>) {
        for c in 0..<k {
            let a = glwe + c * n, o = out + c * n
            o[0] = a[0]
            for j in 1..<n { o[j] = 0 &- a[n - j] }
        }
        out[k * n] = glwe[k * n]
    }

    /// Extracts coefficient `c` of `glwe` into `out` (k·N + 1 words): mask j of polynomial p is
    /// `A_p[c − j]` for j ≤ c and `−A_p[N + c − j]` above.
    package static func extract(_ glwe: UnsafePointer<UInt64>, coefficient c: Int, glweDimension k: Int, polynomialSize n: Int,
                                into out: UnsafeMutablePointer<UInt64>) {
        for p in 0..<k {
            let a = glwe + p * n, o = out + p * n
            for j in 0...c { o[j] = a[c - j] }
            if c + 1 < n { for j in (c + 1)..<n { o[j] = 0 &- a[n + c - j] } }
        }
        out[k * n] = glwe[k * n + c]
    }
}
