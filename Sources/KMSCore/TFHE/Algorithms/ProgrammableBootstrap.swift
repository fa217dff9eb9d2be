/// Programmable bootstrapping in tfhe-rs's KS-PBS order (`apply_lookup_table` for the
/// Standard atomic pattern): key switch big → small, modulus switch to 2N, blind rotation of
/// the lookup table, sample extraction. The output is a fresh-noise LWE under the big key
/// holding f(message).
package enum ProgrammableBootstrap {
    /// Bootstraps `small` (an LWE under the small key, n + 1 words) through `lut` into `out`
    /// (k·N + 1 words under the big key).
    package static func bootstrap(_ small: UnsafePointer<UInt64>, lut: UnsafePointer<UInt64>, bsk: FourierLweBootstrapKey,
                                  modulusSwitch: ModulusSwitchMode, into out: UnsafeMutablePointer<UInt64>, workspace w: PBSWorkspace) {
        let n = bsk.inputLweDimension.value, size = bsk.polynomialSize.value
        let log2TwoN = size.trailingZeroBitCount + 1
        ModulusSwitch.switchCiphertext(small, dimension: n, log2TwoN: log2TwoN, mode: modulusSwitch, scratch: w.candidates, into: w.switched)
        BlindRotation.blindRotate(lut: lut, switched: w.switched, bsk: bsk, workspace: w.rotation)
        SampleExtraction.extractConstant(w.rotation.accumulator, glweDimension: bsk.glweDimension.value, polynomialSize: size, into: out)
    }

    /// Key switch then bootstrap: `big` (k·N + 1 words) → `out` (k·N + 1 words). `out` may be `big`.
    package static func keyswitchBootstrap(_ big: UnsafePointer<UInt64>, lut: UnsafePointer<UInt64>, ksk: LweKeyswitchKey,
                                           bsk: FourierLweBootstrapKey, modulusSwitch: ModulusSwitchMode,
                                           into out: UnsafeMutablePointer<UInt64>, workspace w: PBSWorkspace) {
        LweKeyswitch.keyswitch(big, key: ksk, into: w.small, digits: w.keyswitchDigits)
        bootstrap(w.small, lut: lut, bsk: bsk, modulusSwitch: modulusSwitch, into: out, workspace: w)
    }
}

/// Scratch memory for one thread's key-switch + bootstrap: the small LWE, its modulus-switched
/// form, the key-switch digits and the blind-rotation workspace.
package final class PBSWorkspace {
    package let rotation: BootstrapWorkspace
    let small: UnsafeMutablePointer<UInt64>
    let switched: UnsafeMutablePointer<Int>
    let keyswitchDigits: UnsafeMutablePointer<Int64>
    /// Two candidate ciphertexts of the drift technique.
    let candidates: UnsafeMutablePointer<UInt64>
    let lweDimension: Int

    package init(bsk: FourierLweBootstrapKey, keyswitchLevels: Int = 64) {
        rotation = BootstrapWorkspace(for: bsk)
        lweDimension = bsk.inputLweDimension.value
        small = .allocate(capacity: lweDimension + 1)
        small.initialize(repeating: 0, count: lweDimension + 1)
        switched = .allocate(capacity: lweDimension + 1)
        switched.initialize(repeating: 0, count: lweDimension + 1)
        keyswitchDigits = .allocate(capacity: max(keyswitchLevels, 64))
        keyswitchDigits.initialize(repeating: 0, count: max(keyswitchLevels, 64))
        candidates = .allocate(capacity: 2 * (lweDimension + 1))
        candidates.initialize(repeating: 0, count: 2 * (lweDimension + 1))
    }

    deinit {
        small.deallocate()
        switched.deallocate()
        keyswitchDigits.deallocate()
        candidates.deallocate()
    }
}
