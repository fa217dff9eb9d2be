/// LWE ciphertexts stored as their bodies and one 128-bit seed each (tfhe-rs
/// `SeededLweCiphertext`, as in a seeded `CompressedFheUint`): the mask of ciphertext i is the
/// first n little-endian words of the AES-CTR stream of `seed(i)` (tfhe-rs ≤ 1.5 convention: the
/// first keystream byte skipped). About 24 bytes per ciphertext instead of 8·(n+1); masks are
/// regenerated one ciphertext at a time, never all at once.
///
/// ```swift
/// let list = try SeededLweCiphertextList(lweDimension: 2048, bodies: [b0, b1], seeds: [s0, s1])
/// let phases = try LweEncryption.phases(list, key: bigKey)
/// ```
public struct SeededLweCiphertextList: Sendable, Equatable, Hashable {
    package let lweDimension: LweDimension
    /// One body per ciphertext.
    package let bodies: [UInt64]
    /// 16 bytes per ciphertext, ciphertext 0 first.
    package let seeds: [UInt8]
    /// Whether each mask starts at keystream byte 1 (tfhe-rs ≤ 1.5) rather than 0 (1.6+).
    package var skipsFirstByte = true

    /// Wraps bodies and their 16-byte seeds (concatenated).
    package init(lweDimension: LweDimension, bodies: [UInt64], seeds: [UInt8]) throws(TFHEError) {
        guard lweDimension.value > 0 else { throw .ciphertextMismatch("seeded LWE ciphertexts need a positive dimension") }
        guard seeds.count == 16 * bodies.count else {
            throw .ciphertextMismatch("\(bodies.count) seeded ciphertexts need \(16 * bodies.count) seed bytes, got \(seeds.count)")
        }
        self.lweDimension = lweDimension
        self.bodies = bodies
        self.seeds = seeds
    }

    /// Number of ciphertexts.
    package var count: Int { bodies.count }

    /// The seed of ciphertext `i`.
    package func seed(_ i: Int) -> [UInt8] { Array(seeds[16 * i ..< 16 * (i + 1)]) }

    /// Bytes the ciphertexts take once their masks are regenerated: `count · (n + 1) · 8`.
    package var expandedSize: Int { count * (lweDimension.value + 1) * 8 }
}
