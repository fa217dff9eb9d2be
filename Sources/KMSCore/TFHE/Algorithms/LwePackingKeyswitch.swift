/// The LWE-to-GLWE packing key switch (tfhe-rs `keyswitch_lwe_ciphertext_list_and_pack_in_glwe_ciphertext`):
/// LWE ciphertext i under the key's input key becomes coefficient i of one GLWE ciphertext under
/// its output key. Each mask coefficient `a_j`, rounded and decomposed into balanced digits `d_l`,
/// contributes `−Σ_l d_l · KSK[j][l]` to the trivial GLWE holding the body — leaving phase
/// `b − ⟨a, s⟩` plus key-switch noise.
///
/// ```swift
/// let glwe = try LwePackingKeyswitch.keyswitchAndPack(blocks, key: pksk)   // coefficient i = phase of block i
/// ```
package enum LwePackingKeyswitch {
    /// Switches each LWE ciphertext of `list` (at most N of them) into coefficient i of one GLWE.
    package static func keyswitchAndPack(_ list: LweCiphertextList, key: LwePackingKeyswitchKey) throws(TFHEError) -> GlweCiphertext {
        let inputDimension = key.inputDimension.value
        guard list.lweDimension == inputDimension else {
            throw .keyMismatch("LWE dimension \(list.lweDimension) but the packing key switches from dimension \(inputDimension)")
        }
        let k = key.glweDimension.value, n = key.polynomialSize.value, size = key.glweSize
        guard list.count <= n else {
            throw .ciphertextMismatch("cannot pack \(list.count) ciphertexts into polynomials of size \(n)")
        }
        let levels = key.decomposer.levelCount.value
        var out = [UInt64](repeating: 0, count: size)
        var one = [UInt64](repeating: 0, count: size)
        var digits = [Int64](repeating: 0, count: levels)
        key.data.withUnsafeBufferPointer { ksk in
            list.data.withUnsafeBufferPointer { lwe in
                for i in 0..<list.count {
                    let ct = lwe.baseAddress! + i * (inputDimension + 1)
                    for w in 0..<size { one[w] = 0 }
                    one[k * n] = ct[inputDimension]
                    for j in 0..<inputDimension {
                        key.decomposer.decompose(ct[j], into: &digits)
                        for l in 0..<levels where digits[l] != 0 {
                            let d = UInt64(bitPattern: digits[l])
                            let row = ksk.baseAddress! + (j * levels + l) * size
                            for w in 0..<size { one[w] &-= d &* row[w] }
                        }
                    }
                    // out += one · X^i, polynomial by polynomial (negacyclic).
                    for p in 0...k {
                        one.withUnsafeBufferPointer { src in
                            out.withUnsafeMutableBufferPointer { dst in
                                NegacyclicPolynomial.addRotated(dst.baseAddress! + p * n, src.baseAddress! + p * n, shift: i, size: n)
                            }
                        }
                    }
                }
            }
        }
        return GlweCiphertext(trusted: key.glweDimension, key.polynomialSize, out)
    }
}
