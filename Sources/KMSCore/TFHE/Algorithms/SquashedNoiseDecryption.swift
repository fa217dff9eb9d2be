/// Decryption of squashed-noise blocks (u128 LWEs) under a binary u128 GLWE key read as an LWE
/// key — the noise-squashing key for squashed values, the compression key for blocks unpacked
/// from a compressed list (tfhe-rs decrypts both through `NoiseSquashingPrivateKeyView`).
///
/// ```swift
/// let value = try SquashedNoiseDecryption.decrypt(squashed, key: nsk.glweSecretKey, messageModulus: 4,
///                                                 carryModulus: 4, keyName: "noise-squashing key")
/// ```
enum SquashedNoiseDecryption {
    /// The phase `b − Σ a_i·s_i mod 2^128` of an LWE of `key`'s flattened dimension n
    /// (interleaved, 2·(n + 1) words). Constant time in the key: every term is masked, never
    /// branched on.
    static func phase(_ lwe: UnsafePointer<UInt64>, key: GlweSecretKey) -> U128 {
        let n = key.lwe.dimension
        var low: UInt64 = 0, high: UInt64 = 0
        key.lwe.masks.withUnsafeBufferPointer { masks in
            for i in 0..<n {
                let m = masks[i]
                let (s, c) = low.addingReportingOverflow(lwe[2 &* i] & m)
                low = s
                high = high &+ (lwe[2 &* i &+ 1] & m) &+ (c ? 1 : 0)
            }
        }
        return U128(low: lwe[2 &* n], high: lwe[2 &* n &+ 1]) &- U128(low: low, high: high)
    }

    /// log2 of Δ128 = 2^128 / (2·message·carry) (the padding bit kept).
    static func log2Delta(messageModulus: Int, carryModulus: Int) -> Int {
        127 - (messageModulus * carryModulus).trailingZeroBitCount
    }

    /// The rounded value of a phase: `divide_round(p, Δ128) mod 2·message·carry` (tfhe-rs
    /// `ShortintEncoding<u128>::decode`; the padding bit is kept).
    static func decode(phase p: U128, messageModulus: Int, carryModulus: Int) -> UInt64 {
        let shift = log2Delta(messageModulus: messageModulus, carryModulus: carryModulus)
        let rounded = (p >> shift).low &+ ((p >> (shift - 1)).low & 1)
        return rounded % UInt64(2 * messageModulus * carryModulus)
    }

    /// Decrypts a squashed value: each packed block decoded, the blocks recombined with
    /// 2·log2(message) bits each (no masking, as tfhe-rs's `recompose_unsigned_with_size`) and
    /// truncated to the type's width; a boolean is `value ≠ 0`.
    /// - Throws: `TFHEError.ciphertextMismatch` when the blocks are not LWEs of the key's
    ///   dimension or carry other moduli than `messageModulus`/`carryModulus`.
    static func decrypt(_ ciphertext: SquashedNoiseCiphertext, key: GlweSecretKey, messageModulus: Int, carryModulus: Int,
                        keyName: String) throws(TFHEError) -> ClearValue {
        guard ciphertext.lweDimension == key.lwe.dimension else {
            throw .ciphertextMismatch("squashed blocks of dimension \(ciphertext.lweDimension) for a \(keyName) of dimension \(key.lwe.dimension)")
        }
        guard ciphertext.messageModulus == messageModulus, ciphertext.carryModulus == carryModulus else {
            throw .ciphertextMismatch("squashed moduli \(ciphertext.messageModulus)/\(ciphertext.carryModulus) are not the \(keyName)'s \(messageModulus)/\(carryModulus)")
        }
        let values = ciphertext.blocks.map { block in
            block.withUnsafeBufferPointer {
                decode(phase: phase($0.baseAddress!, key: key), messageModulus: messageModulus, carryModulus: carryModulus)
            }
        }
        if ciphertext.type == .ebool { return ClearValue(bool: (values.first ?? 0) != 0) }
        // Packed blocks carry message² values: log2(message²) bits each.
        let packed = BlockEncoding(unchecked: messageModulus * messageModulus, 1)
        return RadixEncoding.value(blockValues: values, type: ciphertext.type, encoding: packed)
    }
}
