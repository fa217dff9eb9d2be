/// Noise squashing of one shortint block (tfhe-rs `StandardAtomicPatternNoiseSquashingKey::
/// squash_ciphertext_noise`, KS-PBS order): key switch the 64-bit block from the big key to the
/// small key with the compute server key, modulus switch it to 2N of the squashing key (with its
/// modulus-switch rule, 1.4+: centered mean), blind-rotate the identity table over
/// message·carry slots with Δ128, extract coefficient 0. The output is a u128 LWE of
/// dimension k·N under the noise-squashing key holding the same message, with fresh small noise.
package enum NoiseSquashing {
    /// Squashes `big` (a u64 LWE under the big key, k·N + 1 words of the compute parameters) into
    /// `out` (k·N + 1 u128 of the squashing parameters, interleaved). Shapes are the caller's
    /// responsibility (`NoiseSquashingKey.squash` checks them).
    package static func squashBlock(_ big: UnsafePointer<UInt64>, keyswitchKey: LweKeyswitchKey, key: NoiseSquashingKey,
                                    lut: LookupTable128, into out: UnsafeMutablePointer<UInt64>,
                                    workspace w: NoiseSquashingWorkspace) {
        let n = key.inputLweDimension.value, size = key.parameters.polynomialSize.value
        LweKeyswitch.keyswitch(big, key: keyswitchKey, into: w.small, digits: w.keyswitchDigits)
        ModulusSwitch.switchCiphertext(w.small, dimension: n, log2TwoN: size.trailingZeroBitCount + 1,
                                       centeredMean: key.parameters.modulusSwitchType == .centeredMeanNoiseReduction,
                                       into: w.switched)
        lut.body.withUnsafeBufferPointer { l in
            BlindRotation128.blindRotate(lut: l.baseAddress!, switched: w.switched, key: key, workspace: w.rotation)
        }
        SampleExtraction128.extractConstant(w.rotation.accumulator, glweDimension: key.parameters.glweDimension.value,
                                            polynomialSize: size, into: out)
    }
}

/// Scratch memory for one thread's squashing: the small LWE after key switching, its
/// modulus-switched form, the key-switch digits and the u128 blind-rotation workspace.
package final class NoiseSquashingWorkspace {
    package let rotation: Bootstrap128Workspace
    let small: UnsafeMutablePointer<UInt64>
    let switched: UnsafeMutablePointer<Int>
    let keyswitchDigits: UnsafeMutablePointer<Int64>
    let lweDimension: Int

    /// A workspace for `key`; with `twoThreads`, the blind rotation's external products run on
    /// two threads.
    package init(key: NoiseSquashingKey, keyswitchLevels: Int = 64, twoThreads: Bool = false) {
        rotation = Bootstrap128Workspace(for: key, twoThreads: twoThreads)
        lweDimension = key.inputLweDimension.value
        small = .allocate(capacity: lweDimension + 1)
        small.initialize(repeating: 0, count: lweDimension + 1)
        switched = .allocate(capacity: lweDimension + 1)
        switched.initialize(repeating: 0, count: lweDimension + 1)
        keyswitchDigits = .allocate(capacity: max(keyswitchLevels, 64))
        keyswitchDigits.initialize(repeating: 0, count: max(keyswitchLevels, 64))
    }

    deinit {
        small.deallocate()
        switched.deallocate()
        keyswitchDigits.deallocate()
    }
}
