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

/// The modulus switch a server key's parameters ask for, with its key material.
package enum ModulusSwitchMode: Sendable {
    /// Plain rounding of every element.
    case standard
    /// tfhe-rs 1.3+: the body corrected by half the masks' rounding errors.
    case centeredMean
    /// tfhe-rs 1.0 – 1.2 drift technique: when the expected rounding noise of a ciphertext is
    /// above the bound, an encryption of zero from `zeros` (under the small key) is added first.
    case drift(ModulusSwitchNoiseReduction, zeros: LweCiphertextList)
}

extension ModulusSwitch {
    /// The drift technique's noise measure of `c` (n + 1 words): |E| + r·sqrt(V + σ²_in), with E
    /// the expected rounding error for a uniform binary key (body error − Σ mask errors / 2) and V
    /// its variance (Σ mask errors² / 4), in u64 units (tfhe-rs `measure_modulus_switch_noise`).
    static func driftMeasure(_ c: UnsafePointer<UInt64>, dimension n: Int, log2TwoN: Int, _ p: ModulusSwitchNoiseReduction) -> Double {
        let shift = UInt64(64 - log2TwoN)
        func error(_ x: UInt64) -> Double {
            Double(Int64(bitPattern: (UInt64(switchValue(x, log2TwoN: log2TwoN)) &<< shift) &- x))
        }
        var sum = 0.0, squares = 0.0
        for i in 0..<n {
            let e = error(c[i])
            sum += e
            squares += e * e
        }
        let expected = error(c[n]) - sum / 2
        return abs(expected) + p.msRSigmaFactor * (squares / 4 + p.msInputVariance * 0x1p128).squareRoot()
    }

    /// Switches `lwe` with `mode` into `out`; `scratch` holds 2·(n + 1) words (drift candidates).
    package static func switchCiphertext(_ lwe: UnsafePointer<UInt64>, dimension n: Int, log2TwoN: Int, mode: ModulusSwitchMode,
                                         scratch: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<Int>) {
        switch mode {
        case .standard:
            switchCiphertext(lwe, dimension: n, log2TwoN: log2TwoN, centeredMean: false, into: out)
        case .centeredMean:
            switchCiphertext(lwe, dimension: n, log2TwoN: log2TwoN, centeredMean: true, into: out)
        case .drift(let p, let zeros):
            guard zeros.lweDimension == n, driftMeasure(lwe, dimension: n, log2TwoN: log2TwoN, p) > p.msBound else {
                switchCiphertext(lwe, dimension: n, log2TwoN: log2TwoN, centeredMean: false, into: out)
                return
            }
            // Scan the encryptions of zero in order: the first candidate within the bound wins,
            // else the candidate (or the input) with the smallest measure.
            let candidate = scratch, best = scratch + (n + 1)
            best.update(from: lwe, count: n + 1)
            var bestMeasure = Double.infinity
            zeros.data.withUnsafeBufferPointer { z in
                for j in 0..<zeros.count {
                    let zero = z.baseAddress! + j * (n + 1)
                    for i in 0...n { candidate[i] = lwe[i] &+ zero[i] }
                    let m = driftMeasure(candidate, dimension: n, log2TwoN: log2TwoN, p)
                    if m < bestMeasure {
                        bestMeasure = m
                        best.update(from: candidate, count: n + 1)
                    }
                    if m <= p.msBound { break }
                }
            }
            if driftMeasure(lwe, dimension: n, log2TwoN: log2TwoN, p) <= bestMeasure { best.update(from: lwe, count: n + 1) }
            switchCiphertext(best, dimension: n, log2TwoN: log2TwoN, centeredMean: false, into: out)
        }
    }
}
