/// The modulus switch from 2^64 to 2N before blind rotation (tfhe-rs
/// `modulus_switch` / `lwe_ciphertext_centered_binary_modulus_switch`).
package enum ModulusSwitch {
    /// `round(x · 2N / 2^64) mod 2N` (half up, wrapping), for `log2TwoN` = log2(2N).
    @inline(__always)
    package static func switchValue(_ x: UInt64, log2TwoN: Int) -> Int {
        let shift = UInt64(64 - log2TwoN)
        return Int(((x &+ (1 &<< (shift &- 1))) &>> shift) & ((1 &<< UInt64(log2TwoN)) &- 1))
    }

    /// Switches every mask element and the body of `lwe` (n + 1 words) into `out` (n + 1 values).
    ///
    /// `.centeredMean` (tfhe-rs 1.3+) corrects the body by half the sum of the masks' rounding
    /// errors — the expected error for a binary key — and rounds it down, aligned with the
    /// lookup table's half-slot rotation. The drift technique's encryptions of zero only lower
    /// the noise; without them (`.standard`) the message is the same.
    package static func switchCiphertext(_ lwe: UnsafePointer<UInt64>, dimension n: Int, log2TwoN: Int, centeredMean: Bool,
                                         into out: UnsafeMutablePointer<Int>) {
        let shift = UInt64(64 - log2TwoN)
        var halves: UInt64 = 0
        var remainders: Int64 = 0
        for i in 0..<n {
            let switched = switchValue(lwe[i], log2TwoN: log2TwoN)
            out[i] = switched
            if centeredMean {
                // The rounding error of this element, as a signed value.
                let error = Int64(bitPattern: (UInt64(switched) &<< shift) &- lwe[i])
                halves &+= UInt64(bitPattern: error / 2)
                remainders &+= error % 2
            }
        }
        if centeredMean {
            let correction = halves &+ UInt64(bitPattern: remainders / 2) &- (1 &<< (shift &- 1))
            out[n] = switchValue(lwe[n] &+ correction, log2TwoN: log2TwoN)
        } else {
            out[n] = switchValue(lwe[n], log2TwoN: log2TwoN)
        }
    }
}
