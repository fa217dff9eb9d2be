/// Dot products over the 2^64 torus (wrapping u64 arithmetic), the inner loop of LWE
/// encryption and decryption.
///
/// Binary secret keys are kept as *masks* (0 or all-ones per coefficient) so that
/// `Σ a_i·s_i = Σ (a_i & m_i)`: an AND and an add per element, which the compiler vectorises
/// (no 64-bit vector multiply is needed).
package enum TorusDotProduct {
    /// `Σ a[i] & mask[i]` (wrapping): the dot product of `a` with a binary key given as masks.
    @inlinable
    package static func masked(_ a: UnsafePointer<UInt64>, _ mask: UnsafePointer<UInt64>, count n: Int) -> UInt64 {
        var s0: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0
        var s4: UInt64 = 0, s5: UInt64 = 0, s6: UInt64 = 0, s7: UInt64 = 0
        var i = 0
        while i &+ 8 <= n {
            s0 &+= a[i] & mask[i]
            s1 &+= a[i &+ 1] & mask[i &+ 1]
            s2 &+= a[i &+ 2] & mask[i &+ 2]
            s3 &+= a[i &+ 3] & mask[i &+ 3]
            s4 &+= a[i &+ 4] & mask[i &+ 4]
            s5 &+= a[i &+ 5] & mask[i &+ 5]
            s6 &+= a[i &+ 6] & mask[i &+ 6]
            s7 &+= a[i &+ 7] & mask[i &+ 7]
            i &+= 8
        }
        while i < n {
            s0 &+= a[i] & mask[i]
            i &+= 1
        }
        return ((s0 &+ s1) &+ (s2 &+ s3)) &+ ((s4 &+ s5) &+ (s6 &+ s7))
    }

    /// `Σ a[i]·b[i]` (wrapping): the general dot product, for non-binary keys (e.g. key shares).
    @inlinable
    package static func wrapping(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count n: Int) -> UInt64 {
        var s0: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0
        var i = 0
        while i &+ 4 <= n {
            s0 &+= a[i] &* b[i]
            s1 &+= a[i &+ 1] &* b[i &+ 1]
            s2 &+= a[i &+ 2] &* b[i &+ 2]
            s3 &+= a[i &+ 3] &* b[i &+ 3]
            i &+= 4
        }
        while i < n {
            s0 &+= a[i] &* b[i]
            i &+= 1
        }
        return (s0 &+ s1) &+ (s2 &+ s3)
    }

    /// Converts binary coefficients (0/1) into masks (0 / all-ones).
    package static func masks(ofBinary bits: [UInt64]) -> [UInt64] {
        bits.map { 0 &- ($0 & 1) }
    }
}
