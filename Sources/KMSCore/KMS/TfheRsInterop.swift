import Foundation

/// Conversions between tfhe-rs objects and this library's keys and ciphertexts, and the
/// operations that work on tfhe-rs objects directly: decrypting every supported ciphertext form
/// with a `ClientKey`, encrypting `CompactCiphertextList`s under a tfhe-rs `CompactPublicKey`, and
/// checking that a public key belongs to a client key.
///
/// ```swift
/// let ck = try ClientKey(tfheRs: tfheRsClientKey)                  // parameters mapped to a named set
/// let values = try ck.decrypt(tfheRs: file.object)                   // FheUint, lists, …
/// let list = try TfheRsCompactCiphertextList.encrypt([v], publicKey: tfheRsPublicKey)
/// ```
public enum TfheRsInterop {
    /// The largest |e| of the compact public key relation `b − a ⊛ rev(s) = e`, as log2 (−∞ for 0),
    /// or `nil` when the sizes differ.
    public static func publicKeyNoiseLog2(_ publicKey: LweCompactPublicKey, secret: LweSecretKey) -> Double? {
        let n = publicKey.polynomialSize
        guard secret.dimension == n else { return nil }
        var product = [UInt64](repeating: 0, count: n)
        publicKey.mask.withUnsafeBufferPointer { a in
            secret.coefficients.withUnsafeBufferPointer { s in
                product.withUnsafeMutableBufferPointer { NegacyclicPolynomial.multiplyReversedBinary(a, binary: s, into: $0) }
            }
        }
        var maxAbs: UInt64 = 0
        for i in 0..<n {
            let e = Int64(bitPattern: publicKey.body[i] &- product[i])
            maxAbs = max(maxAbs, e.magnitude)
        }
        return maxAbs == 0 ? -.infinity : log2(Double(maxAbs))
    }

    /// Whether `publicKey` was made from `secret` with noise `noise`: every |e| of
    /// `b − a ⊛ rev(s)` is within the distribution's support (TUniform: 2^b; Gaussian: 20σ).
    public static func publicKeyMatches(_ publicKey: LweCompactPublicKey, secret: LweSecretKey, noise: NoiseDistribution) -> Bool {
        guard let e = publicKeyNoiseLog2(publicKey, secret: secret) else { return false }
        switch noise {
        case .tUniform(let b): return e <= Double(b)
        case .gaussian(let std, _): return e <= log2(max(std, 0x1p-64) * 20) + 64
        }
    }

    /// The fhEVM type of a radix of `blocks` blocks of `messageModulus` (or `ebool`).
    static func fheType(kind: TfheRsFheCiphertext.Kind, blocks: Int, messageModulus: Int) throws(TfheRsError) -> FheType {
        switch kind {
        case .boolean: return .ebool
        case .signed: throw .unsupported("signed integers (FheInt) are not fhEVM types")
        case .unsigned:
            guard let t = TfheRsDataKind.unsigned(blocks: blocks).fheType(messageModulus: messageModulus) else {
                throw .unsupported("no fhEVM type has \(blocks) blocks of \(messageModulus.trailingZeroBitCount) bits")
            }
            return t
        }
    }

    /// Checks that every data kind of a list is an fhEVM type at `messageModulus` (so no block
    /// count or width is computed for an entry this library cannot return).
    static func checkKinds(_ info: [TfheRsDataKind], messageModulus: Int) throws(TfheRsError) {
        for kind in info where kind.fheType(messageModulus: messageModulus) == nil {
            throw .unsupported("list entry \(kind) is not an fhEVM type")
        }
    }

    /// Turns rounded block values into one clear value per data kind.
    static func values(blockValues: [UInt64], info: [TfheRsDataKind], encoding: BlockEncoding) throws(TfheRsError) -> [ClearValue] {
        var out: [ClearValue] = []
        var start = 0
        for kind in info {
            let n = kind.blockCount(messageModulus: encoding.messageModulus)
            guard start + n <= blockValues.count else {
                throw .mismatch("the data kinds need more blocks than the list holds")
            }
            guard let type = kind.fheType(messageModulus: encoding.messageModulus) else {
                throw .unsupported("list entry \(kind) is not an fhEVM type")
            }
            let phases = blockValues[start ..< start + n].map { $0 &* encoding.delta }
            out.append(RadixEncoding.decode(phases: phases, type: type, encoding: encoding))
            start += n
        }
        return out
    }
}

// MARK: - keys

extension ClientKey {
    /// The client key of a tfhe-rs `ClientKey`, with its parameters mapped to a named set when
    /// equal (see `TfheRsParameterMatch`).
    public init(tfheRs k: TfheRsClientKey) throws(TfheRsError) {
        let params = TfheRsParameterMatch(clientKey: k).parameters
        self = try TfheRsError.mismatching("tfhe-rs client key") { () throws(TFHEError) in
            try ClientKey(parameters: params, lweSecretKey: k.lweSecretKey, glweSecretKey: k.glweSecretKey,
                          compactPrivateKey: k.compactPrivateKey?.key, compressionKey: k.compressionKey?.key)
        }
    }

    /// Decrypts any supported tfhe-rs ciphertext object: one value for `FheUint`/`FheBool` (and
    /// their seeded compressed forms), one per entry for `CompactCiphertextList` (with the
    /// compact-PKE key, packed or not) and `CompressedCiphertextList` (with the compression key,
    /// directly, spec §5.4).
    ///
    /// Every modulus, dimension and count of the object is compared with this key's parameters
    /// before any decryption work or allocation beyond the parsed object, and seeded masks are
    /// regenerated one block at a time (no expanded copy).
    /// - Parameter type: the fhEVM type of a single `FheUint` (its width is not in the bytes);
    ///   by default the type with that many blocks.
    public func decrypt(tfheRs object: TfheRsObject, as type: FheType? = nil) throws(TfheRsError) -> [ClearValue] {
        switch object {
        case .clientKey, .compactPublicKey:
            throw .unexpectedObject(expected: "ciphertext", found: object.type.typeName)
        case .ciphertext(let c):
            let (type, key) = try checkRadix(c.radix.blocks, lweDimension: c.radix.lwe.lweDimension, kind: c.kind, as: type)
            let phases = try TfheRsError.mismatching("tfhe-rs ciphertext") { () throws(TFHEError) in
                try LweEncryption.phases(c.radix.lwe, key: key)
            }
            return [RadixEncoding.decode(phases: phases, type: type, encoding: parameters.compute.encoding)]
        case .seededCiphertext(let c):
            let dimension = c.blocks.first?.lweDimension ?? 0
            let (type, key) = try checkRadix(c.blocks.map(\.metadata), lweDimension: dimension, kind: c.kind, as: type)
            let phases = try c.phases(key: key)
            return [RadixEncoding.decode(phases: phases, type: type, encoding: parameters.compute.encoding)]
        case .compactCiphertextList(let l):
            return try decrypt(compactList: l)
        case .compressedCiphertextList(let l):
            return try decrypt(compressedList: l)
        }
    }

    /// Checks the blocks of a radix ciphertext against this key: one encoding and PBS order for
    /// all blocks, equal to the compute parameters'; the LWE dimension of the key the PBS order
    /// names; a block count that is the given type's, or an fhEVM type's. Returns the type and
    /// the key to decrypt with.
    private func checkRadix(_ blocks: [TfheRsBlockMetadata], lweDimension: Int, kind: TfheRsFheCiphertext.Kind,
                            as given: FheType?) throws(TfheRsError) -> (FheType, LweSecretKey) {
        guard let first = blocks.first else { throw .invalidField("ciphertext without blocks") }
        if kind == .signed { throw .unsupported("signed integers (FheInt) are not fhEVM types") }
        let expected = parameters.compute.encoding
        guard first.encoding == expected else {
            throw .mismatch("block moduli \(first.messageModulus)/\(first.carryModulus) are not the key's \(expected.messageModulus)/\(expected.carryModulus)")
        }
        guard blocks.allSatisfy({ $0.encoding == expected && $0.pbsOrder == first.pbsOrder }) else {
            throw .unsupported("blocks with different moduli or PBS orders")
        }
        // tfhe-rs decrypts KeyswitchBootstrap blocks with the big key, BootstrapKeyswitch with the small one.
        let key = first.pbsOrder == .keyswitchBootstrap ? bigLweSecretKey : lweSecretKey
        guard lweDimension == key.dimension else {
            throw .mismatch("LWE dimension \(lweDimension) of the blocks is not the key's \(key.dimension) (\(first.pbsOrder))")
        }
        let type: FheType
        if let given {
            guard given.blockCount(messageBits: expected.messageBits) == blocks.count else {
                throw .mismatch("\(given) needs \(given.blockCount(messageBits: expected.messageBits)) blocks, the ciphertext has \(blocks.count)")
            }
            type = given
        } else {
            type = try TfheRsInterop.fheType(kind: kind, blocks: blocks.count, messageModulus: expected.messageModulus)
        }
        return (type, key)
    }

    private func decrypt(compactList l: TfheRsCompactCiphertextList) throws(TfheRsError) -> [ClearValue] {
        let expected = parameters.effectiveCompactPublicKey.encoding
        guard l.encoding == expected else {
            throw .mismatch("compact list moduli \(l.messageModulus)/\(l.carryModulus) are not the key's \(expected.messageModulus)/\(expected.carryModulus)")
        }
        guard l.list.lweDimension == compactPublicKeySecret.dimension else {
            throw .mismatch("compact list dimension \(l.list.lweDimension) is not the compact-PKE key's \(compactPublicKeySecret.dimension)")
        }
        try TfheRsInterop.checkKinds(l.info, messageModulus: expected.messageModulus)
        let phases = try TfheRsError.mismatching("tfhe-rs compact list") { () throws(TFHEError) in
            try CompactPublicKeyEncryption.phases(l.list, key: compactPublicKeySecret)
        }
        let enc = l.encoding
        var blocks: [UInt64] = []
        blocks.reserveCapacity(l.blockCount)
        if l.isPacked {
            // tfhe-rs unpacking: low = x mod message, high = (x / carry) mod message.
            let msg = UInt64(l.messageModulus), carry = UInt64(l.carryModulus)
            for p in phases {
                let x = enc.decodeMessageAndCarry(p)
                blocks.append(x % msg)
                blocks.append((x / carry) % msg)
            }
            blocks.removeLast(blocks.count - l.blockCount)
        } else {
            blocks = phases.map(enc.decodeMessageAndCarry)
        }
        return try TfheRsInterop.values(blockValues: blocks, info: l.info, encoding: enc)
    }

    private func decrypt(compressedList l: TfheRsCompressedCiphertextList) throws(TfheRsError) -> [ClearValue] {
        guard let key = compressionKey, let params = parameters.compression else {
            throw .mismatch("the client key has no compression key, which a CompressedCiphertextList needs")
        }
        let expected = parameters.compute.encoding
        guard l.list.encoding == expected else {
            throw .mismatch("compressed list moduli \(l.list.messageModulus)/\(l.list.carryModulus) are not the key's \(expected.messageModulus)/\(expected.carryModulus)")
        }
        guard l.list.lwePerGlwe == params.lwePerGlwe else {
            throw .mismatch("compressed list packs \(l.list.lwePerGlwe) blocks per GLWE, the key's parameters \(params.lwePerGlwe)")
        }
        if let g = l.list.glweCiphertexts.first {
            guard g.glweDimension == key.glweDimension, g.polynomialSize == key.polynomialSize else {
                throw .mismatch("compressed GLWE is \(g.glweDimension)×\(g.polynomialSize), the compression key \(key.glweDimension)×\(key.polynomialSize)")
            }
            guard g.packed.logModulus == params.storageLogModulus.value else {
                throw .mismatch("compressed list stores \(g.packed.logModulus)-bit coefficients, the key's parameters \(params.storageLogModulus)")
            }
        }
        try TfheRsInterop.checkKinds(l.info, messageModulus: expected.messageModulus)
        let blocks = try TfheRsError.mismatching("tfhe-rs compressed list") { () throws(TFHEError) in
            try l.list.blockValues(compressionKey: key)
        }
        return try TfheRsInterop.values(blockValues: blocks, info: l.info, encoding: l.list.encoding)
    }
}

extension TfheRsSeededCiphertext {
    /// The phase of every block under `key`, each mask regenerated from its seed into one
    /// reused buffer (memory of one block, whatever the count).
    /// - Throws: `mismatch` when the blocks' dimension is not the key's.
    func phases(key: LweSecretKey) throws(TfheRsError) -> [UInt64] {
        let n = key.dimension
        guard blocks.allSatisfy({ $0.lweDimension == n }) else {
            throw .mismatch("seeded LWE dimension \(blocks.first?.lweDimension ?? 0) is not the key's \(n)")
        }
        var mask = [UInt64](repeating: 0, count: n)
        var out: [UInt64] = []
        out.reserveCapacity(blocks.count)
        for b in blocks {
            guard let g = try? AesCtrGenerator(seed: b.seed) else { throw .invalidField("compression seed is not 16 bytes") }
            let dot = mask.withUnsafeMutableBufferPointer { m -> UInt64 in
                g.fill(UnsafeMutableRawBufferPointer(m))
                #if _endian(big)
                for j in 0..<n { m[j] = UInt64(littleEndian: m[j]) }
                #endif
                return key.masks.withUnsafeBufferPointer { s in TorusDotProduct.masked(m.baseAddress!, s.baseAddress!, count: n) }
            }
            out.append(b.body &- dot)
        }
        return out
    }
}

extension CompactPublicKey {
    /// The public key of a tfhe-rs `CompactPublicKey` under `parameters` (those of its client key).
    public init(tfheRs k: TfheRsCompactPublicKey, parameters: ParameterSet) throws(TfheRsError) {
        guard k.parameters.parameters == parameters.effectiveCompactPublicKey else {
            throw .mismatch("the public key's encryption parameters are not those of parameter set \(parameters.name)")
        }
        self = try TfheRsError.mismatching("tfhe-rs compact public key") { () throws(TFHEError) in
            try CompactPublicKey(parameters: parameters, key: k.key)
        }
    }
}

extension TfheRsClientKey {
    /// The tfhe-rs form of `ck` for `layout`.
    /// - Throws: `unsupported` when the parameters cannot be written in `layout`, or when the
    ///   set has compact-PKE parameters but no casting key switch.
    public init(_ ck: ClientKey, layout: TfheRsLayout) throws(TfheRsError) {
        let p = ck.parameters
        var cpk: CompactPrivateKey?
        if let key = ck.compactPrivateKey, let params = p.compactPublicKey {
            guard let casting = p.castingKeySwitch else {
                throw .unsupported("parameter set \(p.name) has compact-PKE parameters but no casting key switch, which tfhe-rs requires")
            }
            cpk = CompactPrivateKey(key: key, parameters: TfheRsCompactPkeParameters(params, layout: layout), castingParameters: casting)
        }
        var compression: CompressionKey?
        if let key = ck.compressionKey, let params = p.compression {
            compression = CompressionKey(key: key, parameters: params)
        }
        self.init(glweSecretKey: ck.glweSecretKey, lweSecretKey: ck.lweSecretKey, parameters: p.compute,
                  compactPrivateKey: cpk, compressionKey: compression)
    }
}

extension TfheRsCompactPublicKey {
    /// The tfhe-rs form of `pk` for `layout`.
    public init(_ pk: CompactPublicKey, layout: TfheRsLayout) throws(TfheRsError) {
        self.init(key: pk.key, parameters: TfheRsCompactPkeParameters(pk.parameters.effectiveCompactPublicKey, layout: layout))
    }
}

// MARK: - ciphertexts

extension TfheRsCompactCiphertextList {
    /// Encrypts `values` under a tfhe-rs compact public key as tfhe-rs's
    /// `CompactCiphertextList::builder(pk).push(…).build()` (or `build_packed()`) does.
    /// - Parameters:
    ///   - packed: pair consecutive blocks into one entry (`low + message_modulus · high`).
    ///   - layout: decides whether the 0.8 – 0.10 `noise_level` field is present.
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
    public static func encrypt(blocks: [UInt64], info: [TfheRsDataKind], publicKey: TfheRsCompactPublicKey, packed: Bool = false,
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
        let list = CompactPublicKeyEncryption.encrypt(plaintexts, publicKey: publicKey.key, noise: p.encryptionNoiseDistribution,
                                                      randomGenerator: randomness.secret, noiseGenerator: randomness.noise)
        return try TfheRsCompactCiphertextList(
            list: list, degree: degree, messageModulus: p.messageModulus, carryModulus: p.carryModulus,
            expansionKind: p.expansionKind, noiseLevel: layout == .v0_8 ? 1 : nil, info: info)
    }
}

extension TfheRsObject {
    /// The tfhe-rs form of one of our ciphertexts: `FheUint`/`FheBool` for LWE blocks (secret-key
    /// encryption), a one-value `CompactCiphertextList` for a compact list (public-key encryption).
    public init(_ ct: FheCiphertext, parameters: ParameterSet, layout: TfheRsLayout) throws(TfheRsError) {
        let enc = ct.encoding
        switch ct.body {
        case .lwe(let list, let key):
            let fresh = TfheRsBlockMetadata(degree: ct.type == .ebool ? 1 : enc.messageModulus - 1, noiseLevel: 1,
                                            encoding: enc, pbsOrder: TfheRsPBSOrder(key: key))
            let radix = try TfheRsRadixCiphertext(lwe: list, blocks: Array(repeating: fresh, count: list.count))
            self = .ciphertext(try TfheRsFheCiphertext(kind: ct.type == .ebool ? .boolean : .unsigned, radix: radix))
        case .compact(let list):
            let p = parameters.effectiveCompactPublicKey
            self = .compactCiphertextList(try TfheRsCompactCiphertextList(
                list: list, degree: enc.messageModulus - 1, messageModulus: enc.messageModulus, carryModulus: enc.carryModulus,
                expansionKind: p.expansionKind, noiseLevel: layout == .v0_8 ? 1 : nil,
                info: [TfheRsDataKind(ct.type, messageModulus: enc.messageModulus)]))
        }
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
    public static func encrypt(blocks: [UInt64], info: [TfheRsDataKind], clientKey: ClientKey,
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
