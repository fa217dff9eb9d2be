/// LWE key switching (tfhe-rs `keyswitch_lwe_ciphertext`): an LWE ciphertext under the key
/// switching key's input key becomes one under its output key, the phase changing only by the
/// decomposition rounding and the key's noise.
///
/// `out = (0, …, 0, b) − Σ_i Σ_ℓ d_{i,ℓ} · KSK[i][ℓ]`, with d the balanced digits of a_i.
package enum LweKeyswitch {
    /// Key-switches `input` (n_in + 1 words) into `out` (n_out + 1 words, overwritten).
    /// `digits` is scratch for L values. Shapes are the caller's responsibility.
    package static func keyswitch(_ input: UnsafePointer<UInt64>, key: LweKeyswitchKey,
                                  into out: UnsafeMutablePointer<UInt64>, digits: UnsafeMutablePointer<Int64>) {
        let nIn = key.inputLweDimension.value, nOut = key.outputLweDimension.value
        let levels = key.decomposer.levelCount.value
        let size = nOut + 1
        out.update(repeating: 0, count: nOut)
        out[nOut] = input[nIn]
        key.data.withUnsafeBufferPointer { k in
            guard let base = k.baseAddress else { return }
            for i in 0..<nIn {
                key.decomposer.decompose(input[i], into: digits, stride: 1)
                for t in 0..<levels {
                    // Block t holds level L − t, whose digit sits at index L − t − 1.
                    let d = UInt64(bitPattern: digits[levels &- 1 &- t])
                    if d == 0 { continue } // ciphertext data, not secret
                    let row = base + (i &* levels &+ t) &* size
                    for j in 0..<size { out[j] &-= d &* row[j] }
                }
            }
        }
    }

    /// Key-switches one ciphertext.
    /// - Throws: `TFHEError.ciphertextMismatch` if `input` is not n_in + 1 words.
    package static func keyswitch(_ input: [UInt64], key: LweKeyswitchKey) throws(TFHEError) -> [UInt64] {
        guard input.count == key.inputLweDimension.value + 1 else {
            throw .ciphertextMismatch("an LWE ciphertext of \(input.count) words for a key-switching key from dimension \(key.inputLweDimension)")
        }
        var out = [UInt64](repeating: 0, count: key.outputLweDimension.value + 1)
        var digits = [Int64](repeating: 0, count: key.decomposer.levelCount.value)
        input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                digits.withUnsafeMutableBufferPointer { d in
                    keyswitch(i.baseAddress!, key: key, into: o.baseAddress!, digits: d.baseAddress!)
                }
            }
        }
        return out
    }
}
