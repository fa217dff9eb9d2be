/// The seeded casting key (`integer::CompressedKeySwitchingKeyMaterial` `T[2]` · shortint
/// `CompressedKeySwitchingKeyMaterial` `T[2]` { SeededLweKeyswitchKey<u64>, i8 cast_rshift, U
/// destination_key, (1.4+) U destination_atomic_pattern }).
///
/// tfhe-rs 1.4 appended `destination_atomic_pattern` without a version bump (both releases write
/// tag 2), so the field's presence follows the layout the surrounding tags narrowed to (the
/// `IntegerCompressedServerKey` tag tells 1.4+ from ≤ 1.3). A KeySwitch32 destination is refused.
package struct TfheRsCompressedCastingKey: Sendable, Equatable {
    package var keySwitchingKey: TfheRsSeededKeyswitchKey
    package var castRightShift: Int8
    package var destinationKey: EncryptionKeyChoice
}

extension TfheRsCompressedCastingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressedKeySwitchingKeyMaterial)
        try d.version(TfheRsVersions.shortintCompressedKeySwitchingKeyMaterial)
        keySwitchingKey = try TfheRsSeededKeyswitchKey(from: &d)
        castRightShift = Int8(bitPattern: try d.u8())
        destinationKey = try d.encryptionKeyChoice()
        if d.layoutIs({ $0 >= .v1_4 }) {
            let at = d.offset
            guard try d.unitEnum(TfheRsVersions.keySwitchingKeyDestinationAtomicPattern, count: 2) == 0 else {
                throw .unsupported("seeded casting key to a KeySwitch32 atomic pattern at offset \(at)")
            }
        } else if !d.layoutIs({ $0 < .v1_4 }) {
            // Cannot happen inside a server key, whose tag fixes the side of 1.4; refuse rather than guess.
            throw .unsupported("a seeded casting key whose tfhe-rs release (before or from 1.4) is unknown at offset \(d.offset)")
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerCompressedKeySwitchingKeyMaterial)
        e.version(TfheRsVersions.shortintCompressedKeySwitchingKeyMaterial)
        try keySwitchingKey.encode(to: &e)
        e.u8(UInt8(bitPattern: castRightShift))
        e.encryptionKeyChoice(destinationKey)
        if e.layout >= .v1_4 { e.unitEnum(TfheRsVersions.keySwitchingKeyDestinationAtomicPattern, 0) }
    }
}

/// The seeded compression key: `T[2]` integer · `T[2]` shortint { SeededLwePackingKeyswitchKey<u64>,
/// NT lwe_per_glwe, NT storage_log_modulus }.
package struct TfheRsCompressedCompressionKey: Sendable, Equatable {
    package var packingKey: TfheRsSeededPackingKeyswitchKey
    package var lwePerGlwe: Int
    package var storageLogModulus: Int
}

extension TfheRsCompressedCompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressedCompressionKey)
        try d.version(TfheRsVersions.shortintCompressedCompressionKey)
        packingKey = try TfheRsSeededPackingKeyswitchKey(from: &d)
        lwePerGlwe = try d.dimension("LweCiphertextCount")
        storageLogModulus = try d.newtype("CiphertextModulusLog", max: 64)
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerCompressedCompressionKey)
        e.version(TfheRsVersions.shortintCompressedCompressionKey)
        try packingKey.encode(to: &e)
        e.newtype("LweCiphertextCount", lwePerGlwe)
        e.newtype("CiphertextModulusLog", storageLogModulus)
    }
}

/// The seeded decompression key: `T[1]` integer · shortint V1 (≤ 1.4) { SeededLweBootstrapKey<u64>,
/// NT lwe_per_glwe }, V2 (1.5+) { ShortintCompressedBootstrappingKey<u64>, NT lwe_per_glwe }.
package struct TfheRsCompressedDecompressionKey: Sendable, Equatable {
    /// In the V1 form, a plain seeded key with the standard modulus switch.
    package var bootstrappingKey: TfheRsCompressedBootstrappingKey
    package var lwePerGlwe: Int
}

extension TfheRsCompressedDecompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressedDecompressionKey)
        if try d.version(TfheRsVersions.shortintCompressedDecompressionKey) >= 2 {
            bootstrappingKey = try TfheRsCompressedBootstrappingKey(from: &d)
        } else {
            bootstrappingKey = TfheRsCompressedBootstrappingKey(bsk: try TfheRsSeededBootstrapKey(from: &d), modulusSwitch: .standard)
        }
        lwePerGlwe = try d.dimension("LweCiphertextCount")
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerCompressedDecompressionKey)
        if e.version(TfheRsVersions.shortintCompressedDecompressionKey) >= 2 {
            try bootstrappingKey.encode(to: &e)
        } else {
            guard bootstrappingKey.modulusSwitch == .standard else {
                throw .unsupported("a seeded decompression key with a modulus-switch configuration cannot be written in the \(e.layout) layout (tfhe-rs 1.5 or later is needed)")
            }
            try bootstrappingKey.bsk.encode(to: &e)
        }
        e.newtype("LweCiphertextCount", lwePerGlwe)
    }
}

/// tfhe-rs's seeded noise-squashing key (`integer::CompressedNoiseSquashingKey`, 1.1+; also a
/// `safe_serialize` object of its own under that name): the 128-bit bootstrapping key, seeded,
/// that turns a 64-bit ciphertext into a squashed-noise one for threshold decryption.
///
/// Layout: `T[0]` integer · shortint V0 (1.1 – main 2025-06) { SeededLweBootstrapKey<u128>,
/// `Opt<CompressedModulusSwitchNoiseReductionKey<u64>>`, NT message, NT carry, CM<u128> }; V1
/// (1.3) the same with `CompressedModulusSwitchConfiguration`; V3 (1.4+) { `T[0]`
/// CompressedAtomicPatternNoiseSquashingKey + u32 0 (Standard) · `T[0]`
/// CompressedStandardAtomicPatternNoiseSquashingKey · `T[1]` CompressedShortint128BootstrappingKey
/// + u32 0 `Classic { SeededLweBootstrapKey<u128>, CompressedModulusSwitchConfiguration<u64> }`,
/// NT message, NT carry, CM<u128> }. KeySwitch32 and multi-bit keys are refused.
public struct TfheRsCompressedNoiseSquashingKey: Sendable, Equatable {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "integer::CompressedNoiseSquashingKey"

    package var bsk: TfheRsSeededBootstrapKey
    package var modulusSwitch: TfheRsCompressedModulusSwitchConfiguration
    package var messageModulus: Int
    package var carryModulus: Int
}

extension TfheRsCompressedNoiseSquashingKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressedNoiseSquashingKey)
        let v = try d.version(TfheRsVersions.shortintCompressedNoiseSquashingKey)
        if v >= 3 {
            try d.version(TfheRsVersions.compressedAtomicPatternNoiseSquashingKey)
            let at = d.offset
            guard try d.variant("CompressedAtomicPatternNoiseSquashingKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 seeded noise-squashing key at offset \(at)")
            }
            try d.version(TfheRsVersions.compressedStandardAtomicPatternNoiseSquashingKey)
            try d.version(TfheRsVersions.compressedShortint128BootstrappingKey)
            let kindAt = d.offset
            guard try d.variant("CompressedShortint128BootstrappingKey", count: 2) == 0 else {
                throw .unsupported("multi-bit seeded noise-squashing key at offset \(kindAt)")
            }
        }
        bsk = try TfheRsSeededBootstrapKey(from: &d, scalarBytes: 16)
        modulusSwitch = try TfheRsCompressedModulusSwitchConfiguration(from: &d, enumForm: v >= 1)
        let moduli = try d.blockModuli(at: d.offset)
        (messageModulus, carryModulus) = (moduli.messageModulus, moduli.carryModulus)
        try d.nativeCiphertextModulus128()
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerCompressedNoiseSquashingKey)
        let v = e.version(TfheRsVersions.shortintCompressedNoiseSquashingKey)
        if v >= 3 {
            e.version(TfheRsVersions.compressedAtomicPatternNoiseSquashingKey)
            e.u32(0)
            e.version(TfheRsVersions.compressedStandardAtomicPatternNoiseSquashingKey)
            e.version(TfheRsVersions.compressedShortint128BootstrappingKey)
            e.u32(0)
        }
        try bsk.encode(to: &e)
        try modulusSwitch.encode(to: &e, enumForm: v >= 1)
        e.newtype("MessageModulus", messageModulus)
        e.newtype("CarryModulus", carryModulus)
        e.nativeCiphertextModulus128()
    }

    /// Bytes of bulk material.
    package var bulkSize: Int { bsk.data.bytes.count + modulusSwitch.bulkSize }
}

/// The seeded noise-squashing compression key (1.3+): `T[0]` integer · `T[0]` shortint {
/// SeededLwePackingKeyswitchKey<u128>, NT lwe_per_glwe }.
public struct TfheRsCompressedNoiseSquashingCompressionKey: Sendable, Equatable {
    package var packingKey: TfheRsSeededPackingKeyswitchKey
    package var lwePerGlwe: Int
}

extension TfheRsCompressedNoiseSquashingCompressionKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.integerCompressedNoiseSquashingCompressionKey)
        try d.version(TfheRsVersions.shortintCompressedNoiseSquashingCompressionKey)
        packingKey = try TfheRsSeededPackingKeyswitchKey(from: &d, scalarBytes: 16)
        lwePerGlwe = try d.dimension("LweCiphertextCount")
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.integerCompressedNoiseSquashingCompressionKey)
        e.version(TfheRsVersions.shortintCompressedNoiseSquashingCompressionKey)
        try packingKey.encode(to: &e)
        e.newtype("LweCiphertextCount", lwePerGlwe)
    }
}
