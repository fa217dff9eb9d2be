/// Secret-key LWE encryption and decryption (tfhe-rs `encrypt_lwe_ciphertext_list`,
/// `decrypt_lwe_ciphertext`).
package enum LweEncryption {
    /// Encrypts each plaintext (already scaled by Δ) under `key`: mask uniform from
    /// `maskGenerator`, body `⟨a, s⟩ + e + plaintext` with `e` from `noise`.
    package static func encrypt(_ plaintexts: [UInt64], key: LweSecretKey, noise: NoiseDistribution,
                               maskGenerator: RandomGenerator, noiseGenerator: RandomGenerator) -> LweCiphertextList {
        let n = key.dimension
        let size = n + 1
        let count = plaintexts.count
        let errors = noise.sample(count, from: noiseGenerator)
        let data = [UInt64](unsafeUninitializedCapacity: count * size) { buf, initialized in
            key.masks.withUnsafeBufferPointer { m in
                for i in 0..<count {
                    let ct = UnsafeMutableBufferPointer(rebasing: buf[i * size ..< (i + 1) * size])
                    maskGenerator.fill(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(ct)[0 ..< n * 8]))
                    #if _endian(big)
                    for j in 0..<n { ct[j] = UInt64(littleEndian: ct[j]) }
                    #endif
                    let dot = TorusDotProduct.masked(ct.baseAddress!, m.baseAddress!, count: n)
                    ct[n] = dot &+ errors[i] &+ plaintexts[i]
                }
            }
            initialized = count * size
        }
        return LweCiphertextList(trusted: n, data)
    }

    /// The phases `b − ⟨a, s⟩` of every ciphertext of `list`.
    /// - Throws: `TFHEError.keyMismatch` if the dimensions differ.
    package static func phases(_ list: LweCiphertextList, key: LweSecretKey) throws(TFHEError) -> [UInt64] {
        let n = key.dimension
        guard list.lweDimension == n else {
            throw .keyMismatch("ciphertext dimension \(list.lweDimension) but key dimension \(n)")
        }
        let size = n + 1
        let count = list.count
        return [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
            list.data.withUnsafeBufferPointer { d in
                key.masks.withUnsafeBufferPointer { m in
                    for i in 0..<count {
                        let ct = d.baseAddress! + i * size
                        out[i] = ct[n] &- TorusDotProduct.masked(ct, m.baseAddress!, count: n)
                    }
                }
            }
            initialized = count
        }
    }

    /// The phases of seeded ciphertexts, each mask regenerated from its seed into one reused
    /// buffer (memory of one ciphertext, whatever the count).
    /// - Throws: `TFHEError.keyMismatch` if the dimensions differ.
    package static func phases(_ list: SeededLweCiphertextList, key: LweSecretKey) throws(TFHEError) -> [UInt64] {
        let n = key.dimension
        guard list.lweDimension.value == n else {
            throw .keyMismatch("seeded ciphertext dimension \(list.lweDimension) but key dimension \(n)")
        }
        var mask = [UInt64](repeating: 0, count: n)
        var out: [UInt64] = []
        out.reserveCapacity(list.count)
        for i in 0..<list.count {
            // 16-byte seeds by construction.
            guard let g = try? AesCtrGenerator(seed: list.seed(i), start: list.skipsFirstByte ? .skipFirstByte : .fromFirstByte) else { throw .ciphertextMismatch("seed \(i) is not 16 bytes") }
            let dot = mask.withUnsafeMutableBufferPointer { m -> UInt64 in
                g.fill(UnsafeMutableRawBufferPointer(m))
                #if _endian(big)
                for j in 0..<n { m[j] = UInt64(littleEndian: m[j]) }
                #endif
                return key.masks.withUnsafeBufferPointer { s in TorusDotProduct.masked(m.baseAddress!, s.baseAddress!, count: n) }
            }
            out.append(list.bodies[i] &- dot)
        }
        return out
    }
}
