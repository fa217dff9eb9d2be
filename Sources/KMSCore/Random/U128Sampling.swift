/// tfhe-rs's TUniform(b) sampler over Z_{2^128} (`TUniform<u128>`): the same bytes and rule as
/// the u64 sampler — ⌈(b+2)/8⌉ stream bytes little-endian per sample, keep the low b+2 bits `x`,
/// return `(x >> 1) + (x & 1) − 2^b` — with the result sign-extended to 128 bits. Values are
/// written interleaved (low word, high word), as `U128Polynomial` lays polynomials out.
package struct TUniform128Sampler: Sendable {
    /// log2 of the bound, 0…126.
    package let boundLog2: Int

    /// A sampler for TUniform(`boundLog2`); nil unless `0 ≤ boundLog2 ≤ 126`.
    package init?(boundLog2: Int) {
        guard (0...126).contains(boundLog2) else { return nil }
        self.boundLog2 = boundLog2
    }

    /// Fills `count` samples into `out` (2·count words).
    package func sample(count: Int, into out: UnsafeMutablePointer<UInt64>, from generator: RandomGenerator) {
        let bits = boundLog2 + 2
        let bytesPerSample = (bits + 7) / 8
        let total = bytesPerSample * count
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: total + 16, alignment: 8)
        defer { raw.deallocate() }
        raw.initializeMemory(as: UInt8.self, repeating: 0)
        generator.fill(UnsafeMutableRawBufferPointer(rebasing: raw[0..<total]))
        let mask = bits >= 128 ? U128.max : (U128(1) << bits) &- U128(1)
        let offset = U128(1) << boundLog2
        for i in 0..<count {
            // Unaligned little-endian loads; bytes past this sample are masked off.
            let at = i * bytesPerSample
            let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            let x = U128(low: low & mask.low, high: high & mask.high)
            let v = (x >> 1) &+ U128(x.low & 1) &- offset
            out[2 * i] = v.low
            out[2 * i + 1] = v.high
        }
    }

    /// `count` samples as interleaved words.
    package func sample(_ count: Int, from generator: RandomGenerator) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 2 * count)
        out.withUnsafeMutableBufferPointer { if let p = $0.baseAddress { sample(count: count, into: p, from: generator) } }
        return out
    }
}

extension RandomGenerator {
    /// `count` uniform u128 values as interleaved words: 16 stream bytes per value, read as a
    /// little-endian u128 (tfhe-rs's uniform masks over Z_{2^128}), i.e. 2·count consecutive
    /// little-endian u64 words.
    package func uniformU128Words(_ count: Int) -> [UInt64] { uniformWords(2 * count) }
}
