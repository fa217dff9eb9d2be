/// Decoding of opened 128-bit values into message blocks and recombination of the blocks into
/// the plaintext (kms.md §4.4).
package enum BlockRecomposition {
    /// kms-core `from_expanded_msg(raw, totalBits)`: the message of a value encoded with
    /// Δ = 2^(127 − totalBits) (one padding bit), rounded to nearest. With pad = 128 − (totalBits + 1),
    /// values above 2^128 − 1 − 2^pad (small negative noise around 0) give 0; otherwise
    /// ((raw + 2^(pad−1)) >> pad) mod 2^totalBits.
    package static func message(fromExpanded raw: U128, totalBits: Int) -> UInt64 {
        let pad = 128 - (totalBits + 1)
        guard totalBits >= 1, totalBits <= 63 else { return 0 }
        let limit = U128.max &- (U128.one << pad)
        if limit < raw { return 0 }
        let rounded = (raw &+ (U128.one << (pad - 1))) >> pad
        return rounded.low & ((1 << UInt64(totalBits)) - 1)
    }

    /// Σ_j blocks[j] · 2^(bitsPerBlock·j) (carries propagate upward), truncated to
    /// bitsPerBlock·blocks.count bits, as little-endian 64-bit limbs (⌈bits/64⌉ of them). tfhe-rs
    /// `BlockRecomposer::add_unmasked` then `value()`.
    package static func recompose(_ blocks: [UInt64], bitsPerBlock: Int) -> [UInt64] {
        let totalBits = bitsPerBlock * blocks.count
        guard bitsPerBlock > 0, totalBits > 0 else { return [] }
        let limbCount = (totalBits + 63) / 64
        var limbs = [UInt64](repeating: 0, count: limbCount + 2)
        for (j, block) in blocks.enumerated() {
            let shift = bitsPerBlock * j
            let word = shift / 64
            let offset = UInt64(shift % 64)
            // block · 2^offset spans words `word` and `word + 1`.
            let parts = [block << offset, offset == 0 ? 0 : block >> (64 - offset)]
            var carry: UInt64 = 0
            var w = word
            for part in parts where w < limbs.count {
                let (s1, c1) = limbs[w].addingReportingOverflow(part)
                let (s2, c2) = s1.addingReportingOverflow(carry)
                limbs[w] = s2
                carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
                w += 1
            }
            while carry != 0, w < limbs.count {
                let (s, c) = limbs[w].addingReportingOverflow(carry)
                limbs[w] = s
                carry = c ? 1 : 0
                w += 1
            }
        }
        limbs.removeLast(limbs.count - limbCount)
        let topBits = totalBits % 64
        if topBits != 0 { limbs[limbCount - 1] &= (1 << UInt64(topBits)) - 1 }
        return limbs
    }
}
