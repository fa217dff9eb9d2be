/// Polynomial arithmetic in Z_{2^64}[X]/(X^N + 1) (negacyclic), over contiguous buffers.
///
/// These are the exact schoolbook products that compact public-key generation and encryption
/// need: every product here has one *binary* operand, so it is a sum of signed rotations. The
/// binary operand is secret (a key, or encryption randomness): every rotation is added under a
/// mask (0 or all ones) instead of being skipped, so the work and the memory accesses do not
/// depend on it (N² masked additions, vectorised). General products for bootstrapping go
/// through `FourierTransform`.
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

    /// `out += (a · X^shift) & mask`: a rotation added under a mask (0 or all ones), the same
    /// work whatever the mask.
    @inlinable
    package static func addRotatedMasked(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
                                         shift j: Int, mask m: UInt64, size n: Int) {
        let head = n &- j
        var k = 0
        while k < j {
            out[k] &-= a[head &+ k] & m
            k &+= 1
        }
        k = 0
        while k < head {
            out[j &+ k] &+= a[k] & m
            k &+= 1
        }
    }

    /// `a ⊛ v` for binary `v` (coefficients 0/1), written to `out` (size N, overwritten);
    /// constant-time in `v`.
    package static func multiplyBinary(_ a: UnsafeBufferPointer<UInt64>, binary v: UnsafeBufferPointer<UInt64>,
                                      into out: UnsafeMutableBufferPointer<UInt64>) {
        let n = a.count
        out.update(repeating: 0)
        guard let o = out.baseAddress, let ap = a.baseAddress else { return }
        for j in 0..<n {
            addRotatedMasked(o, ap, shift: j, mask: 0 &- (v[j] & 1), size: n)
        }
    }

    /// `a ⊛ rev(v)` for binary `v`, where `rev(v)_j = v_{N−1−j}` (tfhe-rs's compact-PK convention);
    /// constant-time in `v`.
    ///
    /// Coefficient k equals `⟨a·X^{N−1−k}, v⟩`; in particular coefficient N−1 is `⟨a, v⟩`.
    package static func multiplyReversedBinary(_ a: UnsafeBufferPointer<UInt64>, binary v: UnsafeBufferPointer<UInt64>,
                                              into out: UnsafeMutableBufferPointer<UInt64>) {
        let n = a.count
        out.update(repeating: 0)
        guard let o = out.baseAddress, let ap = a.baseAddress else { return }
        for j in 0..<n {
            addRotatedMasked(o, ap, shift: j, mask: 0 &- (v[n - 1 - j] & 1), size: n)
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
