/// Radix decomposition of clear values into shortint blocks, and the inverse (tfhe-rs
/// `RadixCiphertext` encrypt / `decrypt_radix`).
package enum RadixEncoding {
    /// The block values of `value`: block i = bits [i·b, (i+1)·b) for b message bits, least
    /// significant first. `ebool` is one block holding 0 or 1.
    package static func blocks(of value: ClearValue, encoding: BlockEncoding) -> [UInt64] {
        let b = encoding.messageBits
        let count = value.type.blockCount(messageBits: b)
        return (0..<count).map { value.bits(at: $0 * b, count: b) }
    }

    /// Decodes block phases into a value: each block is rounded with `decrypt_message_and_carry`
    /// (no reduction modulo the message modulus) and accumulated as `acc += v_i << (i·b)`,
    /// wrapping at the type's width — exactly tfhe-rs's `decrypt_radix`. `ebool` is
    /// `(v mod message_modulus) ≠ 0`, as tfhe-rs's `FheBool` decrypt.
    package static func decode(phases: [UInt64], type: FheType, encoding: BlockEncoding) -> ClearValue {
        value(blockValues: phases.map(encoding.decodeMessageAndCarry), type: type, encoding: encoding)
    }

    /// Recombines rounded block values (message and carry of each block, least significant
    /// first) into a value, as `decode(phases:)` does after rounding.
    package static func value(blockValues: [UInt64], type: FheType, encoding: BlockEncoding) -> ClearValue {
        if type == .ebool {
            return ClearValue(bool: (blockValues.first ?? 0) % UInt64(encoding.messageModulus) != 0)
        }
        let b = encoding.messageBits
        let words = ClearValue.wordCount(type)
        var acc = [UInt64](repeating: 0, count: words + 1)
        for (i, v) in blockValues.enumerated() {
            if v == 0 { continue }
            let offset = i * b
            let w = offset / 64, s = offset % 64
            if w >= words { continue }  // entirely above the width: wrapped away
            // Add v·2^s at word w, carrying upward.
            var lo = v << UInt64(s)
            var hi = s == 0 ? 0 : v >> UInt64(64 - s)
            var k = w
            while k <= words && (lo != 0 || hi != 0) {
                let (sum, o) = acc[k].addingReportingOverflow(lo)
                acc[k] = sum
                lo = hi &+ (o ? 1 : 0)
                hi = 0
                k += 1
            }
        }
        acc.removeLast()
        let top = type.bitWidth % 64
        if top != 0 { acc[words - 1] &= (1 << UInt64(top)) - 1 }
        return ClearValue(unchecked: type, words: acc)
    }
}
