/// tfhe-rs `LweCompactCiphertextList`: `count` LWE ciphertexts of dimension N sharing one mask
/// polynomial per bin of N entries. Entry j of a bin is the LWE ciphertext with mask
/// `mask·X^j` (negacyclic rotation) and body `bodies[j]`.
public struct LweCompactCiphertextList: Sendable, Equatable {
    /// N, the LWE dimension (= polynomial size).
    package let lweDimension: Int
    /// ⌈count / N⌉ mask polynomials, each N words.
    package let masks: [UInt64]
    /// One body per entry.
    package let bodies: [UInt64]

    package init(lweDimension: Int, masks: [UInt64], bodies: [UInt64]) throws(TFHEError) {
        let n = lweDimension
        guard n > 0, n & (n - 1) == 0 else {
            throw .ciphertextMismatch("compact list dimension \(n) is not a power of two")
        }
        let bins = (bodies.count + n - 1) / n
        guard masks.count == bins * n else {
            throw .ciphertextMismatch("compact list with \(bodies.count) entries needs \(bins * n) mask words, got \(masks.count)")
        }
        self.lweDimension = n
        self.masks = masks
        self.bodies = bodies
    }

    init(trusted n: Int, _ masks: [UInt64], _ bodies: [UInt64]) {
        lweDimension = n
        self.masks = masks
        self.bodies = bodies
    }

    /// Number of entries.
    package var count: Int { bodies.count }
}
