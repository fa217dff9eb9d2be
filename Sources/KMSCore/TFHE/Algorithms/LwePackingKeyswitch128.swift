/// The LWE-to-GLWE packing key switch over Z_{2^128} (tfhe-rs
/// `keyswitch_lwe_ciphertext_list_and_pack_in_glwe_ciphertext` for u128): squashed block i
/// becomes coefficient i of one GLWE under the compression key. Each mask coefficient `a_j` of
/// block i is decomposed into balanced digits `d_ℓ` and `−d_ℓ · X^i · KSK[j][ℓ]` is added, on
/// top of the trivial GLWE holding the bodies `b_i · X^i` — leaving phase `b_i − ⟨a_i, s⟩` plus
/// key-switch noise at coefficient i.
///
/// The sum is ordered key row first: every row is read from memory once per GLWE (not once per
/// block) and multiplied into the accumulator at each block's rotation. Workers split the input
/// coefficients and add their accumulators at the end. Ciphertexts are public, so skipping zero
/// digits leaks nothing.
///
/// ```swift
/// let glwe = LwePackingKeyswitch128.keyswitchAndPack(blocks[0..<n], key: compressionKey)
/// ```
enum LwePackingKeyswitch128 {
    /// One GLWE ((k+1)·N interleaved u128) packing `blocks` (each 2·(n+1) words for the key's
    /// input dimension n, at most N of them; the caller checks both).
    static func keyswitchAndPack(_ blocks: ArraySlice<[UInt64]>, key: NoiseSquashingCompressionKey) -> [UInt64] {
        let p = key.parameters
        let size = p.packingKsPolynomialSize.value, k1 = p.packingKsGlweDimension.value + 1
        let n = key.inputLweDimension, levels = p.packingKsLevel.value
        let rowWords = NoiseSquashingCompressionKey.rowWords(p)
        let decomposer = key.decomposer
        let count = blocks.count
        // digits[(j·count + i)·L + (ℓ − 1)]: the decomposition of every mask coefficient, once.
        var digits = [Int64](repeating: 0, count: n * count * levels)
        digits.withUnsafeMutableBufferPointer { out in
            for (i, block) in blocks.enumerated() {
                block.withUnsafeBufferPointer { b in
                    for j in 0..<n {
                        decomposer.decompose(U128(low: b[2 * j], high: b[2 * j + 1]),
                                             into: out.baseAddress! + (j * count + i) * levels, stride: 1)
                    }
                }
            }
        }
        let workers = min(ParallelWork.workerCount, max(1, n / 256))
        var partials = [[UInt64]](repeating: [UInt64](repeating: 0, count: rowWords), count: workers)
        key.data.withUnsafeBufferPointer { ksk in
            digits.withUnsafeBufferPointer { dig in
                partials.withUnsafeMutableBufferPointer { parts in
                    let shared = SharedMutablePointer(parts.baseAddress!)
                    ParallelWork.run(workers: workers) { w in
                        shared.pointer[w].withUnsafeMutableBufferPointer { acc in
                            let out = acc.baseAddress!
                            var j = w * n / workers
                            let end = (w + 1) * n / workers
                            while j < end {
                                for level in 1...levels {
                                    let row = ksk.baseAddress! + (j * levels + (levels - level)) * rowWords
                                    for i in 0..<count {
                                        let d = dig[(j * count + i) * levels + level - 1]
                                        if d == 0 { continue }
                                        for poly in 0..<k1 {
                                            subtractRotatedProduct(out + poly * 2 * size, row + poly * 2 * size, digit: d, shift: i, size: size)
                                        }
                                    }
                                }
                                j += 1
                            }
                        }
                    }
                }
            }
        }
        var glwe = partials[0]
        glwe.withUnsafeMutableBufferPointer { out in
            for w in 1..<workers {
                partials[w].withUnsafeBufferPointer { U128Polynomial.add($0.baseAddress!, into: out.baseAddress!, count: rowWords / 2) }
            }
        }
        // The bodies: + b_i · X^i in the body polynomial (i < N, no wrap).
        let body = 2 * (k1 - 1) * size
        for (i, block) in blocks.enumerated() {
            let s = U128(low: glwe[body + 2 * i], high: glwe[body + 2 * i + 1]) &+ U128(low: block[2 * n], high: block[2 * n + 1])
            glwe[body + 2 * i] = s.low
            glwe[body + 2 * i + 1] = s.high
        }
        return glwe
    }

    /// `out −= d · X^shift · row` for one u128 polynomial of `size` coefficients (negacyclic:
    /// coefficients rotated past N come back negated).
    @inline(__always)
    static func subtractRotatedProduct(_ out: UnsafeMutablePointer<UInt64>, _ row: UnsafePointer<UInt64>,
                                       digit d: Int64, shift: Int, size: Int) {
        let dl = UInt64(bitPattern: d)
        let dh: UInt64 = d < 0 ? .max : 0
        // out[w] −= d·row[w − shift] for w ≥ shift …
        var w = shift
        while w < size {
            let r = 2 &* (w &- shift)
            let (ph, pl) = row[r].multipliedFullWidth(by: dl)
            let hi = ph &+ row[r] &* dh &+ row[r &+ 1] &* dl
            let (nl, borrow) = out[2 &* w].subtractingReportingOverflow(pl)
            out[2 &* w] = nl
            out[2 &* w &+ 1] = out[2 &* w &+ 1] &- hi &- (borrow ? 1 : 0)
            w &+= 1
        }
        // … and out[w] += d·row[N + w − shift] for w < shift.
        w = 0
        while w < shift {
            let r = 2 &* (size &+ w &- shift)
            let (ph, pl) = row[r].multipliedFullWidth(by: dl)
            let hi = ph &+ row[r] &* dh &+ row[r &+ 1] &* dl
            let (nl, carry) = out[2 &* w].addingReportingOverflow(pl)
            out[2 &* w] = nl
            out[2 &* w &+ 1] = out[2 &* w &+ 1] &+ hi &+ (carry ? 1 : 0)
            w &+= 1
        }
    }
}
