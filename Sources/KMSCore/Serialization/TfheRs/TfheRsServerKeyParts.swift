/// The casting key (`integer::KeySwitchingKeyMaterial` · shortint `KeySwitchingKeyMaterial`:
/// V0 ≤ 1.3 { KSK, i8 cast_rshift, U destination_key }, V1 1.4+ adds U destination_atomic_pattern).
package struct TfheRsCastingKey: Sendable, Equatable {
    package var keySwitchingKey: TfheRsKeyswitchKey
    package var castRightShift: Int8
    package var destinationKey: EncryptionKeyChoice
}

extension TfheRsCastingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerKeySwitchingKeyMaterial)
        let v = try d.version(TfheRsVersions.shortintKeySwitchingKeyMaterial)
        keySwitchingKey = try TfheRsKeyswitchKey(from: &d)
        castRightShift = Int8(bitPattern: try d.u8())
        destinationKey = try d.encryptionKeyChoice()
        if v >= 1 {
            try d.version(TfheRsVersionRule("KeySwitchingKeyDestinationAtomicPattern"))
            let at = d.offset
            guard try d.variant("KeySwitchingKeyDestinationAtomicPattern", count: 2) == 0 else {
                throw .unsupported("casting key to a KeySwitch32 atomic pattern at offset \(at)")
            }
        }
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.integerKeySwitchingKeyMaterial)
        let v = e.version(TfheRsVersions.shortintKeySwitchingKeyMaterial)
        keySwitchingKey.encode(to: &e)
        e.u8(UInt8(bitPattern: castRightShift))
        e.encryptionKeyChoice(destinationKey)
        if v >= 1 {
            e.version(TfheRsVersionRule("KeySwitchingKeyDestinationAtomicPattern"))
            e.u32(0)
        }
    }
}

/// The compression key: `T[0]` integer · `T[0]` shortint { packing KSK, NT lwe_per_glwe, NT storage_log_modulus }.
package struct TfheRsCompressionKey: Sendable, Equatable {
    package var packingKey: TfheRsPackingKeyswitchKey
    package var lwePerGlwe: Int
    package var storageLogModulus: Int
}

extension TfheRsCompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressionKey)
        try d.version(TfheRsVersions.shortintCompressionKey)
        packingKey = try TfheRsPackingKeyswitchKey(from: &d)
        lwePerGlwe = try d.dimension("LweCiphertextCount")
        storageLogModulus = try d.newtype("CiphertextModulusLog", max: 64)
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.integerCompressionKey)
        e.version(TfheRsVersions.shortintCompressionKey)
        packingKey.encode(to: &e)
        e.newtype("LweCiphertextCount", lwePerGlwe)
        e.newtype("CiphertextModulusLog", storageLogModulus)
    }
}

/// The decompression key: `T[0]` integer · shortint V0 (≤ 1.3) { ShortintBootstrappingKey, NT
/// lwe_per_glwe }, V1 (1.4) { FourierLweBootstrapKey, NT lwe_per_glwe }, V2 (1.5+) {
/// ShortintBootstrappingKey, NT lwe_per_glwe }.
package struct TfheRsDecompressionKey: Sendable, Equatable {
    package var bootstrappingKey: TfheRsBootstrappingKey
    package var lwePerGlwe: Int
}

extension TfheRsDecompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerDecompressionKey)
        let v = try d.version(TfheRsVersions.shortintDecompressionKey)
        if v == 1 {
            bootstrappingKey = TfheRsBootstrappingKey(bsk: try TfheRsFourierBootstrapKey(from: &d),
                                                      modulusSwitch: TfheRsModulusSwitchConfiguration.standard)
        } else {
            bootstrappingKey = try TfheRsBootstrappingKey(from: &d)
        }
        lwePerGlwe = try d.dimension("LweCiphertextCount")
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerDecompressionKey)
        let v = e.version(TfheRsVersions.shortintDecompressionKey)
        if v == 1 {
            guard bootstrappingKey.modulusSwitch == .standard else {
                throw .unsupported("a decompression key with a modulus-switch key cannot be written in the \(e.layout) layout")
            }
            bootstrappingKey.bsk.encode(to: &e)
        } else {
            try bootstrappingKey.encode(to: &e)
        }
        e.newtype("LweCiphertextCount", lwePerGlwe)
    }
}

/// The noise-squashing key: `T[0]` integer · shortint V0 (1.1–1.2) { Fourier128 BSK, `Opt<MS
/// noise-reduction key>`, NT message, NT carry, CM<u128> }, V1 (1.3) the same with
/// `ModulusSwitchConfiguration`, V3 (1.4+) `AtomicPatternNoiseSquashingKey::Standard { T[1]
/// Shortint128BootstrappingKey::Classic { Fourier128 BSK, ModulusSwitchConfiguration } }`, NT
/// message, NT carry, CM<u128>. Also a `safe_serialize` object of its own,
/// `integer::NoiseSquashingKey` (see `TfheRsNoiseSquashingKeyObjects.swift`).
public struct TfheRsNoiseSquashingKey: Sendable, Equatable {
    package var bsk: TfheRsFourier128BootstrapKey
    package var modulusSwitch: TfheRsModulusSwitchConfiguration
    package var messageModulus: Int
    package var carryModulus: Int
}

extension TfheRsNoiseSquashingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerNoiseSquashingKey)
        let v = try d.version(TfheRsVersions.shortintNoiseSquashingKey)
        if v >= 3 {
            try d.version(TfheRsVersionRule("AtomicPatternNoiseSquashingKey"))
            let at = d.offset
            guard try d.variant("AtomicPatternNoiseSquashingKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 noise-squashing key at offset \(at)")
            }
            try d.version(TfheRsVersionRule("StandardAtomicPatternNoiseSquashingKey"))
            try d.version(TfheRsVersionRule("Shortint128BootstrappingKey", steps: [(.v0_8, 1)]))
            let kindAt = d.offset
            guard try d.variant("Shortint128BootstrappingKey", count: 2) == 0 else {
                throw .unsupported("multi-bit noise-squashing key at offset \(kindAt)")
            }
            bsk = try TfheRsFourier128BootstrapKey(from: &d)
            modulusSwitch = try TfheRsModulusSwitchConfiguration(from: &d, bootstrappingKeyVersion: 2)
        } else {
            bsk = try TfheRsFourier128BootstrapKey(from: &d)
            modulusSwitch = try TfheRsModulusSwitchConfiguration(from: &d, bootstrappingKeyVersion: v >= 1 ? 2 : 1)
        }
        let moduli = try d.blockModuli(at: d.offset)
        (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
        try d.nativeCiphertextModulus128()
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerNoiseSquashingKey)
        let v = e.version(TfheRsVersions.shortintNoiseSquashingKey)
        if v >= 3 {
            e.version(TfheRsVersionRule("AtomicPatternNoiseSquashingKey"))
            e.u32(0)
            e.version(TfheRsVersionRule("StandardAtomicPatternNoiseSquashingKey"))
            e.version(TfheRsVersionRule("Shortint128BootstrappingKey", steps: [(.v0_8, 1)]))
            e.u32(0)
            bsk.encode(to: &e)
            try modulusSwitch.encode(to: &e, bootstrappingKeyVersion: 2)
        } else {
            bsk.encode(to: &e)
            try modulusSwitch.encode(to: &e, bootstrappingKeyVersion: v >= 1 ? 2 : 1)
        }
        e.newtype("MessageModulus", messageModulus)
        e.newtype("CarryModulus", carryModulus)
        e.nativeCiphertextModulus128()
    }
}

/// The noise-squashing compression key (1.3+): `T[0]` integer · `T[0]` shortint { u128 packing
/// KSK, NT lwe_per_glwe }.
public struct TfheRsNoiseSquashingCompressionKey: Sendable, Equatable {
    package var packingKey: TfheRsPackingKeyswitchKey
    package var lwePerGlwe: Int
}

extension TfheRsNoiseSquashingCompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersionRule("integer::NoiseSquashingCompressionKey"))
        try d.version(TfheRsVersionRule("shortint::NoiseSquashingCompressionKey"))
        packingKey = try TfheRsPackingKeyswitchKey(from: &d, scalarBytes: 16)
        lwePerGlwe = try d.dimension("LweCiphertextCount")
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersionRule("integer::NoiseSquashingCompressionKey"))
        e.version(TfheRsVersionRule("shortint::NoiseSquashingCompressionKey"))
        packingKey.encode(to: &e)
        e.newtype("LweCiphertextCount", lwePerGlwe)
    }
}
