/// Blind rotation (tfhe-rs `blind_rotate_assign`): the accumulator, a trivial GLWE of the
/// lookup table, is rotated by X^(−b̃) and then by X^(ã_i·s_i) for every mask element through
/// a CMUX with GGSW(s_i), ending as an encryption of LUT·X^(−phase).
package enum BlindRotation {
    /// Rotates `lut` (N coefficients) by the switched ciphertext `switched` (n masks + body,
    /// each in 0 ..< 2N); the result is left in `workspace.accumulator` ((k+1)·N words).
    package static func blindRotate(lut: UnsafePointer<UInt64>, switched: UnsafePointer<Int>,
                                    bsk: FourierLweBootstrapKey, workspace w: BootstrapWorkspace) {
        let k = bsk.glweDimension.value, size = bsk.polynomialSize.value, n = bsk.inputLweDimension.value
        let acc = w.accumulator
        acc.update(repeating: 0, count: k * size)
        let body = switched[n]
        // LUT · X^(−b̃) = LUT · X^(2N − b̃).
        NegacyclicRotation.rotate(lut, by: (2 * size - body) % (2 * size), size: size, into: acc + k * size)
        for i in 0..<n {
            let a = switched[i]
            if a == 0 { continue } // public ciphertext data
            ExternalProduct.cmuxRotate(bsk: bsk, ggsw: i, rotation: a, accumulator: acc, workspace: w)
        }
    }
}
