/// Polynomial arithmetic in Z_{2^64}[X]/(X^N + 1) (negacyclic), over contiguous buffers.
///
/// These are the exact schoolbook products that compact public-key generation and encryption
/// need: every product here has one *binary* operand, so it is a sum of signed rotations
/// (O(N·w) additions for a key of weight w, vectorised). General products for bootstrapping
/// belong to an FFT/NTT engine, not here.
package enum NegacyclicPolynomial {
    /// `out += a · X^shift` (negacyclic rotation: coefficients that wrap past X^N change sign).
    @inlinable
    package static func addRotated(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
                                  shift j: Int, size n: Int) {
        // (a·X^j)_k = a_{k−j} for k ≥ j, −a_{k−j+N} for k < j.
        let head = n &- j
        var k = 0
        while k < j {
            out[k] &-= a[head &+ k]
            k &+= 1
        }
        k = 0
        while k < head {
            out[j &+ k] &+= a[k]
            k &+= 1
        }
    }

    /// `a ⊛ v` for binary `v` (coefficients 0/1), written to `out` (size N, overwritten).
    package static func multiplyBinary(_ a: UnsafeBufferPointer<UInt64>, binary v: UnsafeBufferPointer<UInt64>,
                                      into out: UnsafeMutableBufferPointer<UInt64>) {
        let n = a.count
        out.update(repeating: 0)
        guard let o = out.baseAddress, let ap = a.baseAddress else { return }
        for j in 0..<n where v[j] & 1 == 1 {
            addRotated(o, ap, shift: j, size: n)
        }
    }

    /// `a ⊛ rev(v)` for binary `v`, where `rev(v)_j = v_{N−1−j}` (tfhe-rs's compact-PK convention).
    ///
    /// Coefficient k equals `⟨a·X^{N−1−k}, v⟩`; in particular coefficient N−1 is `⟨a, v⟩`.
    package static func multiplyReversedBinary(_ a: UnsafeBufferPointer<UInt64>, binary v: UnsafeBufferPointer<UInt64>,
                                              into out: UnsafeMutableBufferPointer<UInt64>) {
        let n = a.count
        out.update(repeating: 0)
        guard let o = out.baseAddress, let ap = a.baseAddress else { return }
        for j in 0..<n where v[n - 1 - j] & 1 == 1 {
            addRotated(o, ap, shift: j, size: n)
        }
    }

    /// `⟨a·X^j, mask⟩` for a binary key given as masks: the dot product of the key with the
    /// negacyclic rotation of `a` by `j`, without materialising the rotation.
    @inlinable
    package static func rotatedMaskedDot(_ a: UnsafePointer<UInt64>, shift j: Int,
                                        _ mask: UnsafePointer<UInt64>, size n: Int) -> UInt64 {
        // Σ_{k≥j} a_{k−j}·s_k − Σ_{k<j} a_{k−j+N}·s_k
        let plus = TorusDotProduct.masked(a, mask + j, count: n &- j)
        let minus = TorusDotProduct.masked(a + (n &- j), mask, count: j)
        return plus &- minus
    }
}
