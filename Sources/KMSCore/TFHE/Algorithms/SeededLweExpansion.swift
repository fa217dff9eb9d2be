extension SeededLweCiphertextList {
    /// The full ciphertexts (tfhe-rs `decompress`): each mask regenerated from its seed, the body
    /// appended. Callers bound `expandedSize` first (`CiphertextReader` does for untrusted input).
    /// - Throws: `TFHEError.ciphertextMismatch` for a seed that is not 16 bytes.
    package func expanded() throws(TFHEError) -> LweCiphertextList {
        let n = lweDimension.value, size = n + 1
        var data = [UInt64](repeating: 0, count: count * size)
        for i in 0..<count {
            guard let g = try? AesCtrGenerator(seed: seed(i), start: skipsFirstByte ? .skipFirstByte : .fromFirstByte) else {
                throw .ciphertextMismatch("seed \(i) is not 16 bytes")
            }
            data.withUnsafeMutableBufferPointer { d in
                let ct = d.baseAddress! + i * size
                g.fill(UnsafeMutableRawBufferPointer(start: ct, count: n * 8))
                #if _endian(big)
                for j in 0..<n { ct[j] = UInt64(littleEndian: ct[j]) }
                #endif
                ct[n] = bodies[i]
            }
        }
        return LweCiphertextList(trusted: n, data)
    }
}
