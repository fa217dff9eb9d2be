/// Compact public-key generation, encryption and decryption as tfhe-rs does them
/// (`generate_lwe_compact_public_key`, `encrypt_lwe_compact_ciphertext_list_with_compact_public_key`).
///
/// With secret key s, public key `b = a ⊛ rev(s) + e`. To encrypt plaintexts `P_j` (j < N per bin)
/// with a fresh binary r: `mask = a ⊛ rev(r) + e1` and `body_j = ⟨b·X^j, r⟩ + P_j + e2_j`
/// (= `rev(b ⊛ rev(r))[j]`). Entry j decrypts as `body_j − ⟨mask·X^j, s⟩`, because
/// `⟨(a ⊛ rev(r))·X^j, s⟩ = ⟨(a ⊛ rev(s))·X^j, r⟩` in the commutative ring.
package enum LweCompactPublicKeyEncryption {
    /// Generates the public key of `key` (dimension N, a power of two).
    package static func generatePublicKey(key: LweSecretKey, noise: NoiseDistribution,
                                         maskGenerator: RandomGenerator, noiseGenerator: RandomGenerator) -> LweCompactPublicKey {
        let n = key.dimension
        let a = maskGenerator.uniformWords(n)
        var b = [UInt64](repeating: 0, count: n)
        a.withUnsafeBufferPointer { ap in
            key.coefficients.withUnsafeBufferPointer { sp in
                b.withUnsafeMutableBufferPointer { NegacyclicPolynomial.multiplyReversedBinary(ap, binary: sp, into: $0) }
            }
        }
        b.withUnsafeMutableBufferPointer { noise.addSample(to: $0, from: noiseGenerator) }
        return LweCompactPublicKey(trusted: a, b)
    }

    /// Encrypts plaintexts (already scaled by Δ) under `publicKey`: one bin of N entries per mask.
    /// `randomGenerator` draws the binary r of each bin (tfhe-rs uses its secret generator);
    /// `noiseGenerator` draws e1 and e2.
    package static func encrypt(_ plaintexts: [UInt64], publicKey: LweCompactPublicKey, noise: NoiseDistribution,
                               randomGenerator: RandomGenerator, noiseGenerator: RandomGenerator) -> LweCompactCiphertextList {
        let n = publicKey.polynomialSize
        let bins = (plaintexts.count + n - 1) / n
        var masks = [UInt64](repeating: 0, count: bins * n)
        var bodies = [UInt64](repeating: 0, count: plaintexts.count)
        var product = [UInt64](repeating: 0, count: n)
        for bin in 0..<bins {
            let first = bin * n
            let inBin = min(n, plaintexts.count - first)
            let r = randomGenerator.binaryWords(n)
            let rMasks = TorusDotProduct.masks(ofBinary: r)
            // mask = a ⊛ rev(r) + e1
            publicKey.mask.withUnsafeBufferPointer { ap in
                r.withUnsafeBufferPointer { rp in
                    product.withUnsafeMutableBufferPointer { NegacyclicPolynomial.multiplyReversedBinary(ap, binary: rp, into: $0) }
                }
            }
            masks.withUnsafeMutableBufferPointer { mp in
                let dst = UnsafeMutableBufferPointer(rebasing: mp[first ..< first + n])
                for i in 0..<n { dst[i] = product[i] }
                noise.addSample(to: dst, from: noiseGenerator)
            }
            // body_j = ⟨b·X^j, r⟩ + P_j + e2_j
            let e2 = noise.sample(inBin, from: noiseGenerator)
            publicKey.body.withUnsafeBufferPointer { bp in
                rMasks.withUnsafeBufferPointer { rm in
                    for j in 0..<inBin {
                        let dot = NegacyclicPolynomial.rotatedMaskedDot(bp.baseAddress!, shift: j, rm.baseAddress!, size: n)
                        bodies[first + j] = dot &+ plaintexts[first + j] &+ e2[j]
                    }
                }
            }
        }
        return LweCompactCiphertextList(trusted: n, masks, bodies)
    }

    /// The phases of every entry of `list` under the compact-PKE secret `key`.
    package static func phases(_ list: LweCompactCiphertextList, key: LweSecretKey) throws(TFHEError) -> [UInt64] {
        try phases(list, entries: 0..<list.count, key: key)
    }

    /// The phases of entries `entries` of `list` under the compact-PKE secret `key`.
    package static func phases(_ list: LweCompactCiphertextList, entries: Range<Int>, key: LweSecretKey) throws(TFHEError) -> [UInt64] {
        let n = key.dimension
        guard list.lweDimension == n else {
            throw .keyMismatch("compact list dimension \(list.lweDimension) but key dimension \(n)")
        }
        guard entries.lowerBound >= 0, entries.upperBound <= list.count else {
            throw .ciphertextMismatch("entries \(entries) of a compact list of \(list.count)")
        }
        let count = entries.count
        return [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
            list.masks.withUnsafeBufferPointer { mp in
                key.masks.withUnsafeBufferPointer { sp in
                    for (k, idx) in entries.enumerated() {
                        let bin = idx / n, j = idx % n
                        let dot = NegacyclicPolynomial.rotatedMaskedDot(mp.baseAddress! + bin * n, shift: j, sp.baseAddress!, size: n)
                        out[k] = list.bodies[idx] &- dot
                    }
                }
            }
            initialized = count
        }
    }
}
