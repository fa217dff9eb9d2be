/// Encryption straight into tfhe-rs objects: compact lists under a tfhe-rs `CompactPublicKey`
/// (fhevmjs inputs), compressed lists and seeded values with a client key.
extension TfheRsCompactCiphertextList {
    /// Encrypts `values` under a tfhe-rs compact public key as tfhe-rs's
    /// `CompactCiphertextList::builder(pk).push(…).build()` (or `build_packed()`) does.
    /// - Parameters:
    ///   - values: the values, one list entry each.
    ///   - publicKey: the tfhe-rs compact public key.
    ///   - packed: pair consecutive blocks into one entry (`low + message_modulus · high`).
    ///   - layout: decides whether the 0.8 – 0.10 `noise_level` field is present.
    ///   - randomness: the generators (system randomness by default).
    public static func encrypt(_ values: [ClearValue], publicKey: TfheRsCompactPublicKey, packed: Bool = false,
                               layout: TfheRsLayout = .v0_8, randomness: TFHERandomness = .system()) throws(TfheRsError) -> TfheRsCompactCiphertextList {
        let enc = publicKey.parameters.encoding
        var blocks: [UInt64] = []
        for v in values { blocks.append(contentsOf: RadixEncoding.blocks(of: v, encoding: enc)) }
        return try encrypt(blocks: blocks, info: values.map { TfheRsDataKind($0.type, messageModulus: enc.messageModulus) },
                           publicKey: publicKey, packed: packed, layout: layout, randomness: randomness)
    }

    /// Encrypts clear block values (each `< message_modulus`, in list order) described by `info`
    /// — the general form, for any `DataKind` (signed integers, strings).
    package static func encrypt(blocks: [UInt64], info: [TfheRsDataKind], publicKey: TfheRsCompactPublicKey, packed: Bool = false,
                               layout: TfheRsLayout = .v0_8, randomness: TFHERandomness = .system()) throws(TfheRsError) -> TfheRsCompactCiphertextList {
        let p = publicKey.parameters
        let enc = p.encoding
        let msg = UInt64(p.messageModulus)
        var plaintexts: [UInt64]
        var degree = p.messageModulus - 1
        if packed {
            guard p.carryModulus >= p.messageModulus else {
                throw .unsupported("packing needs carry modulus ≥ message modulus")
            }
            plaintexts = stride(from: 0, to: blocks.count, by: 2).map { i in
                let high = i + 1 < blocks.count ? blocks[i + 1] % msg : 0
                return (blocks[i] % msg + high * msg) &* enc.delta
            }
            degree = p.messageModulus * p.messageModulus - 1
        } else {
            plaintexts = blocks.map { ($0 % msg) &* enc.delta }
        }
        let list = LweCompactPublicKeyEncryption.encrypt(plaintexts, publicKey: publicKey.key, noise: p.encryptionNoiseDistribution,
                                                      randomGenerator: randomness.secret, noiseGenerator: randomness.noise)
        return try TfheRsCompactCiphertextList(
            list: list, degree: degree, messageModulus: p.messageModulus, carryModulus: p.carryModulus,
            expansionKind: p.expansionKind, noiseLevel: layout == .v0_8 ? 1 : nil, info: info)
    }
}

extension TfheRsCompressedCiphertextList {
    /// Builds a `CompressedCiphertextList` of `values` with the client key's compression key, as
    /// spec §5.4 describes the coprocessor's list (for tests and key holders; tfhe-rs servers build
    /// it from LWE ciphertexts with the packing key switch).
    public static func encrypt(_ values: [ClearValue], clientKey: ClientKey,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> TfheRsCompressedCiphertextList {
        let enc = clientKey.parameters.compute.encoding
        var blocks: [UInt64] = []
        for v in values { blocks.append(contentsOf: RadixEncoding.blocks(of: v, encoding: enc)) }
        return try encrypt(blocks: blocks, info: values.map { TfheRsDataKind($0.type, messageModulus: enc.messageModulus) },
                           clientKey: clientKey, randomness: randomness)
    }

    /// The general form: clear block values (each `< message_modulus`) described by `info`.
    package static func encrypt(blocks: [UInt64], info: [TfheRsDataKind], clientKey: ClientKey,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> TfheRsCompressedCiphertextList {
        guard let key = clientKey.compressionKey, let params = clientKey.parameters.compression else {
            throw .mismatch("the client key has no compression key")
        }
        let enc = clientKey.parameters.compute.encoding
        let list = try TfheRsError.mismatching("compression") { () throws(TFHEError) in
            try CompressedCiphertextList.encrypt(blocks: blocks, compressionKey: key, parameters: params, encoding: enc, randomness: randomness)
        }
        return try TfheRsCompressedCiphertextList(
            list: list, pbsOrder: TfheRsPBSOrder(key: clientKey.parameters.compute.encryptionKeyChoice), info: info)
    }
}

extension TfheRsSeededCiphertext {
    /// Encrypts `value` with the client key as tfhe-rs's seeded `CompressedFheUint`/`CompressedFheBool`:
    /// each block a fresh 128-bit seed whose AES-CTR stream (tfhe-rs ≤ 1.5 convention) is its mask.
    public static func encrypt(_ value: ClearValue, clientKey: ClientKey,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> TfheRsSeededCiphertext {
        let c = clientKey.parameters.compute
        let enc = c.encoding
        let key = clientKey.encryptionKey
        let meta = TfheRsBlockMetadata(degree: value.type == .ebool ? 1 : enc.messageModulus - 1, noiseLevel: 1,
                                       encoding: enc, pbsOrder: TfheRsPBSOrder(key: c.encryptionKeyChoice))
        var blocks: [TfheRsSeededBlock] = []
        for m in RadixEncoding.blocks(of: value, encoding: enc) {
            var seed = [UInt8](repeating: 0, count: 16)
            seed.withUnsafeMutableBytes { randomness.secret.fill($0) }
            guard let maskGenerator = try? AesCtrGenerator(seed: seed) else { throw .unsupported("AES-CTR unavailable") }
            let one = LweEncryption.encrypt([enc.encode(m)], key: key, noise: c.encryptionNoiseDistribution,
                                            maskGenerator: maskGenerator, noiseGenerator: randomness.noise)
            blocks.append(try TfheRsSeededBlock(body: one.body(0), lweDimension: key.dimension, seed: seed, metadata: meta))
        }
        return try TfheRsSeededCiphertext(kind: value.type == .ebool ? .boolean : .unsigned, blocks: blocks)
    }
}

/// Byte-level encryption helpers: read a serialized key, encrypt, write the object in the
/// key's (or the given) layout and encoding.
public enum TfheRsInterop {}

extension TfheRsInterop {
    /// Encrypts `value` under a serialized tfhe-rs `CompactPublicKey` as a `CompactCiphertextList`,
    /// written with the key's layout and encoding, or the given ones.
    public static func encrypt(_ value: ClearValue, publicKeyBytes: [UInt8], packed: Bool = false,
                               layout: TfheRsLayout? = nil, encoding: TfheRsKeyExport.Encoding? = nil,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let file = try TfheRsFile.decode(publicKeyBytes, expecting: .compactPublicKey, limits: .key)
        guard case .compactPublicKey(let pk) = file.object else { throw .unexpectedObject(expected: "CompactPublicKey", found: file.object.type.typeName) }
        let l = layout ?? file.layout
        let e = encoding ?? TfheRsKeyExport.Encoding(safeSerialized: file.header != nil, versioned: file.versioned)
        let list = try TfheRsCompactCiphertextList.encrypt([value], publicKey: pk, packed: packed, layout: l, randomness: randomness)
        return try TfheRsFile(object: .compactCiphertextList(list), layout: l, safeSerialized: e == .safeSerialize,
                              versioned: e != .plain).encode()
    }

    /// Encrypts `value` under our compact public key as a tfhe-rs `CompactCiphertextList`.
    public static func encrypt(_ value: ClearValue, publicKey: CompactPublicKey, packed: Bool = false,
                               layout: TfheRsLayout, encoding: TfheRsKeyExport.Encoding = .safeSerialize,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let pk = try TfheRsCompactPublicKey(publicKey, layout: layout)
        let list = try TfheRsCompactCiphertextList.encrypt([value], publicKey: pk, packed: packed, layout: layout, randomness: randomness)
        return try TfheRsFile(object: .compactCiphertextList(list), layout: layout, safeSerialized: encoding == .safeSerialize,
                              versioned: encoding != .plain).encode()
    }

    /// Encrypts `value` with the client key as a tfhe-rs `FheUint`/`FheBool`.
    public static func encrypt(_ value: ClearValue, clientKey: ClientKey, layout: TfheRsLayout,
                               encoding: TfheRsKeyExport.Encoding = .safeSerialize,
                               randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        let object = try TfheRsObject(clientKey.encrypt(value, randomness: randomness), parameters: clientKey.parameters, layout: layout)
        return try TfheRsFile(object: object, layout: layout, safeSerialized: encoding == .safeSerialize,
                              versioned: encoding != .plain).encode()
    }

    /// Encrypts several unsigned values with the client key as a bincode `Vec<FheUint>` (what a
    /// tfhe-rs program writes with `bincode::serialize(&vec)`): u64 count, then each ciphertext in
    /// `layout` (versioned unless `encoding` is `.plain`; a `Vec` has no `safe_serialize` header).
    /// - Throws: `unsupported` for `ebool` values (a `Vec<FheBool>` is another type).
    public static func encryptVec(_ values: [ClearValue], clientKey: ClientKey, layout: TfheRsLayout,
                                  encoding: TfheRsKeyExport.Encoding = .plain,
                                  randomness: TFHERandomness = .system()) throws(TfheRsError) -> [UInt8] {
        var items: [TfheRsFheCiphertext] = []
        for v in values {
            guard v.type != .ebool else { throw .unsupported("a Vec<FheUint> cannot hold an ebool") }
            guard case .ciphertext(let c) = try TfheRsObject(clientKey.encrypt(v, randomness: randomness),
                                                             parameters: clientKey.parameters, layout: layout) else {
                throw .unsupported("secret-key encryption did not give LWE blocks")
            }
            items.append(c)
        }
        return try TfheRsFile(object: .ciphertextVec(items), layout: layout, safeSerialized: false,
                              versioned: encoding != .plain).encode()
    }
}
