/// The tfhe-rs object types this library reads and writes, by their `safe_serialize` names.
public enum TfheRsObjectType: String, Sendable, CaseIterable, CustomStringConvertible {
    case clientKey = "high_level_api::ClientKey"
    case compactPublicKey = "high_level_api::CompactPublicKey"
    case fheUint = "high_level_api::FheUint"
    case fheInt = "high_level_api::FheInt"
    case fheBool = "high_level_api::FheBool"
    case compactCiphertextList = "high_level_api::CompactCiphertextList"
    case compressedCiphertextList = "high_level_api::CompressedCiphertextList"
    case compressedFheUint = "high_level_api::CompressedFheUint"
    case compressedFheInt = "high_level_api::CompressedFheInt"
    case compressedFheBool = "high_level_api::CompressedFheBool"
    /// A bincode `Vec` of `FheUint`/`FheInt` ciphertexts, as tfhe-rs programs (and
    /// `serialize(&vec)`) write several values: u64 count, then each ciphertext. Plain bincode
    /// does not tell `FheUint` from `FheInt`; they are read as `FheUint`.
    case fheUintVec = "Vec<high_level_api::FheUint>"
    /// The evaluation key (tfhe-rs 1.0 or later): key-switching and bootstrapping keys and the
    /// optional casting, compression, decompression and noise-squashing keys.
    case serverKey = "high_level_api::ServerKey"
    /// The seeded evaluation key (tfhe-rs 1.0 or later): the server key's parts with their masks
    /// given by seeds.
    case compressedServerKey = "high_level_api::CompressedServerKey"
    /// A squashed-noise unsigned integer (tfhe-rs 1.1 or later; 128-bit blocks).
    case squashedNoiseFheUint = "high_level_api::SquashedNoiseFheUint"
    /// A squashed-noise signed integer (tfhe-rs 1.1 or later).
    case squashedNoiseFheInt = "high_level_api::SquashedNoiseFheInt"
    /// A squashed-noise boolean (tfhe-rs 1.1 or later).
    case squashedNoiseFheBool = "high_level_api::SquashedNoiseFheBool"
    /// Squashed-noise values packed by the noise-squashing compression key (tfhe-rs 1.3 or later).
    case compressedSquashedNoiseCiphertextList = "high_level_api::CompressedSquashedNoiseCiphertextList"
    /// The noise-squashing key on its own (tfhe-rs 1.1 or later; Fourier 128-bit bootstrapping key).
    case noiseSquashingKey = "integer::NoiseSquashingKey"
    /// The seeded noise-squashing key on its own (tfhe-rs 1.1 or later).
    case compressedNoiseSquashingKey = "integer::CompressedNoiseSquashingKey"
    /// The seeded noise-squashing compression key on its own (tfhe-rs 1.3 or later).
    case compressedNoiseSquashingCompressionKey = "integer::CompressedNoiseSquashingCompressionKey"

    /// The tfhe-rs type name (`high_level_api::ClientKey`, …).
    public var typeName: String { rawValue }
    public var description: String { rawValue }

    /// Whether the object holds secret key material.
    package var isSecret: Bool { self == .clientKey }

    /// Whether the type is one of the seeded-key and noise-squashing objects (declared last, so
    /// headerless input is tried as them last). When no candidate reads headerless input, their
    /// errors are reported only if no other type was tried: taking a damaged ciphertext's 64-bit
    /// blocks for 128-bit ones, their readers get further into it than the reader it was meant for.
    package var isLateHeaderlessGuess: Bool {
        switch self {
        case .compressedServerKey, .squashedNoiseFheUint, .squashedNoiseFheInt, .squashedNoiseFheBool,
             .compressedSquashedNoiseCiphertextList, .noiseSquashingKey, .compressedNoiseSquashingKey,
             .compressedNoiseSquashingCompressionKey: true
        default: false
        }
    }
}

/// A tfhe-rs object of any supported type.
public enum TfheRsObject: Sendable {
    case clientKey(TfheRsClientKey)
    case compactPublicKey(TfheRsCompactPublicKey)
    /// `FheUint`, `FheInt` or `FheBool`.
    case ciphertext(TfheRsFheCiphertext)
    case compactCiphertextList(TfheRsCompactCiphertextList)
    case compressedCiphertextList(TfheRsCompressedCiphertextList)
    /// `CompressedFheUint`, `CompressedFheInt` or `CompressedFheBool` (seeded).
    case seededCiphertext(TfheRsSeededCiphertext)
    /// A `Vec<FheUint>` (plain bincode of a Rust vector of ciphertexts).
    case ciphertextVec([TfheRsFheCiphertext])
    case serverKey(TfheRsServerKey)
    case compressedServerKey(TfheRsCompressedServerKey)
    /// `SquashedNoiseFheUint`, `SquashedNoiseFheInt` or `SquashedNoiseFheBool`.
    case squashedNoiseCiphertext(TfheRsSquashedNoiseCiphertext)
    case compressedSquashedNoiseCiphertextList(TfheRsCompressedSquashedNoiseCiphertextList)
    case noiseSquashingKey(TfheRsNoiseSquashingKey)
    case compressedNoiseSquashingKey(TfheRsCompressedNoiseSquashingKey)
    case compressedNoiseSquashingCompressionKey(TfheRsCompressedNoiseSquashingCompressionKey)

    /// The object's type.
    public var type: TfheRsObjectType {
        switch self {
        case .clientKey: .clientKey
        case .compactPublicKey: .compactPublicKey
        case .ciphertext(let c):
            switch c.kind {
            case .unsigned: .fheUint
            case .signed: .fheInt
            case .boolean: .fheBool
            }
        case .compactCiphertextList: .compactCiphertextList
        case .compressedCiphertextList: .compressedCiphertextList
        case .seededCiphertext(let c):
            switch c.kind {
            case .unsigned: .compressedFheUint
            case .signed: .compressedFheInt
            case .boolean: .compressedFheBool
            }
        case .ciphertextVec: .fheUintVec
        case .serverKey: .serverKey
        case .compressedServerKey: .compressedServerKey
        case .squashedNoiseCiphertext(let c):
            switch c.kind {
            case .unsigned: .squashedNoiseFheUint
            case .signed: .squashedNoiseFheInt
            case .boolean: .squashedNoiseFheBool
            }
        case .compressedSquashedNoiseCiphertextList: .compressedSquashedNoiseCiphertextList
        case .noiseSquashingKey: .noiseSquashingKey
        case .compressedNoiseSquashingKey: .compressedNoiseSquashingKey
        case .compressedNoiseSquashingCompressionKey: .compressedNoiseSquashingCompressionKey
        }
    }

    /// Reads an object of `type` (after any header).
    static func decode(_ type: TfheRsObjectType, from d: inout TfheRsDecoder) throws(TfheRsError) -> TfheRsObject {
        switch type {
        case .clientKey: .clientKey(try TfheRsClientKey(from: &d))
        case .compactPublicKey: .compactPublicKey(try TfheRsCompactPublicKey(from: &d))
        case .fheUint: .ciphertext(try TfheRsFheCiphertext(kind: .unsigned, from: &d))
        case .fheInt: .ciphertext(try TfheRsFheCiphertext(kind: .signed, from: &d))
        case .fheBool: .ciphertext(try TfheRsFheCiphertext(kind: .boolean, from: &d))
        case .compactCiphertextList: .compactCiphertextList(try TfheRsCompactCiphertextList(from: &d))
        case .compressedCiphertextList: .compressedCiphertextList(try TfheRsCompressedCiphertextList(from: &d))
        case .compressedFheUint: .seededCiphertext(try TfheRsSeededCiphertext(kind: .unsigned, from: &d))
        case .compressedFheInt: .seededCiphertext(try TfheRsSeededCiphertext(kind: .signed, from: &d))
        case .compressedFheBool: .seededCiphertext(try TfheRsSeededCiphertext(kind: .boolean, from: &d))
        case .fheUintVec: .ciphertextVec(try decodeVec(from: &d))
        case .serverKey: .serverKey(try TfheRsServerKey(from: &d))
        case .compressedServerKey: .compressedServerKey(try TfheRsCompressedServerKey(from: &d))
        case .squashedNoiseFheUint: .squashedNoiseCiphertext(try TfheRsSquashedNoiseCiphertext(kind: .unsigned, from: &d))
        case .squashedNoiseFheInt: .squashedNoiseCiphertext(try TfheRsSquashedNoiseCiphertext(kind: .signed, from: &d))
        case .squashedNoiseFheBool: .squashedNoiseCiphertext(try TfheRsSquashedNoiseCiphertext(kind: .boolean, from: &d))
        case .compressedSquashedNoiseCiphertextList:
            .compressedSquashedNoiseCiphertextList(try TfheRsCompressedSquashedNoiseCiphertextList(from: &d))
        case .noiseSquashingKey: .noiseSquashingKey(try TfheRsNoiseSquashingKey(standaloneFrom: &d))
        case .compressedNoiseSquashingKey: .compressedNoiseSquashingKey(try TfheRsCompressedNoiseSquashingKey(standaloneFrom: &d))
        case .compressedNoiseSquashingCompressionKey:
            .compressedNoiseSquashingCompressionKey(try TfheRsCompressedNoiseSquashingCompressionKey(standaloneFrom: &d))
        }
    }

    /// A `Vec<FheUint>`: u64 count, then each ciphertext (each at least one 100-byte block).
    private static func decodeVec(from d: inout TfheRsDecoder) throws(TfheRsError) -> [TfheRsFheCiphertext] {
        let n = try d.vecLength("ciphertext count", max: min(d.limits.maxListLength, d.remaining / 100))
        var items: [TfheRsFheCiphertext] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try TfheRsFheCiphertext(kind: .unsigned, from: &d)) }
        return items
    }

    /// Writes the object (after any header).
    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        switch self {
        case .clientKey(let k): try k.encode(to: &e)
        case .compactPublicKey(let k): try k.encode(to: &e)
        case .ciphertext(let c): c.encode(to: &e)
        case .compactCiphertextList(let l): try l.encode(to: &e)
        case .compressedCiphertextList(let l): try l.encode(to: &e)
        case .seededCiphertext(let c): try c.encode(to: &e)
        case .ciphertextVec(let items):
            e.count(items.count)
            for c in items { c.encode(to: &e) }
        case .serverKey(let k): try k.encode(to: &e)
        case .compressedServerKey(let k): try k.encode(to: &e)
        case .squashedNoiseCiphertext(let c): try c.encode(to: &e)
        case .compressedSquashedNoiseCiphertextList(let l): try l.encode(to: &e)
        case .noiseSquashingKey(let k): try k.encodeStandalone(to: &e)
        case .compressedNoiseSquashingKey(let k): try k.encodeStandalone(to: &e)
        case .compressedNoiseSquashingCompressionKey(let k): try k.encodeStandalone(to: &e)
        }
    }

    /// A size estimate for the writer's buffer.
    var estimatedSize: Int {
        switch self {
        case .clientKey(let k):
            8 * (k.glweSecretKey.coefficients.count + k.lweSecretKey.dimension
                 + (k.compactPrivateKey?.key.dimension ?? 0) + (k.compressionKey?.key.coefficients.count ?? 0)) + 1024
        case .compactPublicKey(let k): 16 * k.key.polynomialSize + 512
        case .ciphertext(let c): 8 * c.radix.lwe.data.count + 100 * c.radix.count + 256
        case .compactCiphertextList(let l): 8 * (l.list.masks.count + l.list.bodies.count) + 16 * l.info.count + 512
        case .compressedCiphertextList(let l): l.list.glweCiphertexts.reduce(0) { $0 + 8 * $1.packed.words.count + 128 } + 16 * l.info.count + 512
        case .seededCiphertext(let c): 192 * c.blocks.count + 256
        case .ciphertextVec(let items): items.reduce(8) { $0 + 8 * $1.radix.lwe.data.count + 108 * $1.radix.count + 64 }
        case .serverKey(let k): k.bulkSize + 4096
        case .compressedServerKey(let k): k.bulkSize + 4096
        case .squashedNoiseCiphertext(let c): c.estimatedSize
        case .compressedSquashedNoiseCiphertextList(let l): l.estimatedSize
        case .noiseSquashingKey(let k): k.bsk.bulkSize + k.modulusSwitch.bulkSize + 1024
        case .compressedNoiseSquashingKey(let k): k.bulkSize + 1024
        case .compressedNoiseSquashingCompressionKey(let k): k.packingKey.data.bytes.count + 1024
        }
    }
}
