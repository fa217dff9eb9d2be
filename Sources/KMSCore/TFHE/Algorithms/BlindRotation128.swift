/// Blind rotation over Z_{2^128} (tfhe-rs `blind_rotate_f128_lwe_ciphertext_mem_optimized`,
/// exact): the accumulator, a trivial u128 GLWE of the lookup table, is rotated by X^(−b̃) and
/// then by X^(ã_i·s_i) for every mask element through a CMUX with GGSW(s_i), ending as an
/// encryption of LUT·X^(−phase) under the noise-squashing GLWE key.
package enum BlindRotation128 {
    /// Rotates `lut` (N u128, interleaved) by the switched ciphertext `switched` (n masks + body,
    /// each in 0 ..< 2N); the result is left in `workspace.accumulator` ((k+1)·N u128).
    package static func blindRotate(lut: UnsafePointer<UInt64>, switched: UnsafePointer<Int>,
                                    key: NoiseSquashingKey, workspace w: Bootstrap128Workspace) {
        let k = key.parameters.glweDimension.value, size = key.parameters.polynomialSize.value
        let n = key.inputLweDimension.value
        let acc = w.accumulator
        acc.update(repeating: 0, count: k * 2 * size)
        let body = switched[n]
        // LUT · X^(−b̃) = LUT · X^(2N − b̃).
        NegacyclicRotation128.rotate(lut, by: (2 * size - body) % (2 * size), size: size, into: acc + k * 2 * size)
        for i in 0..<n {
            let a = switched[i]
            if a == 0 { continue } // public ciphertext data
            ExternalProduct128.cmuxRotate(key: key, ggsw: i, rotation: a, accumulator: acc, workspace: w)
        }
    }
}

/// Sample extraction over Z_{2^128} (tfhe-rs `extract_lwe_sample_from_glwe_ciphertext`,
/// coefficient 0): the constant coefficient of a u128 GLWE as an LWE under the flattened key.
package enum SampleExtraction128 {
    /// Extracts coefficient 0 of `glwe` ((k+1)·N u128) into `out` (k·N + 1 u128), interleaved.
    package static func extractConstant(_ glwe: UnsafePointer<UInt64>, glweDimension k: Int, polynomialSize n: Int,
                                        into out: UnsafeMutablePointer<UInt64>) {
        for c in 0..<k {
            let a = glwe + c * 2 * n, o = out + c * 2 * n
            o[0] = a[0]
            o[1] = a[1]
            for j in 1..<n {
                let v = U128.zero &- U128Polynomial.coefficient(a, n - j)
                o[2 * j] = v.low
                o[2 * j + 1] = v.high
            }
        }
        out[2 * k * n] = glwe[2 * k * n]
        out[2 * k * n + 1] = glwe[2 * k * n + 1]
    }
}
