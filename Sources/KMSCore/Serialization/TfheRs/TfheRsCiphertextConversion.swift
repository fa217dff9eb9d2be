/// Conversions between tfhe-rs ciphertext objects and `FheCiphertext` values, in both directions.
///
/// Reading checks every modulus, dimension, shape and count of the object against the
/// parameters of the key that will decrypt it *before* anything is decrypted or expanded, and
/// names what differs; one value per `FheUint`/`FheBool` (and their seeded forms), one per list
/// entry otherwise.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, limits: .ciphertext)
/// let cts = try file.object.ciphertexts(parameters: keys.parameters)   // [FheCiphertext]
/// let values = try cts.map(keys.clientKey.decrypt)
/// ```
extension TfheRsObject {
    /// The fhEVM values this object holds, checked against `parameters`.
    /// - Parameters:
    ///   - parameters: the parameter set of the key that will decrypt the values.
    ///   - type: the fhEVM type of a single `FheUint` (its width is not in the bytes); by default
    ///     the type with that many blocks.
    /// - Throws: `unexpectedObject` for keys, `mismatch` naming the first field that differs from
    ///   the parameters, `unsupported` for values that are not fhEVM types (signed integers, strings)
    ///   and for squashed-noise ciphertexts (convert those with `SquashedNoiseCiphertext(tfheRs:type:)`
    ///   and decrypt them with a `NoiseSquashingPrivateKey`).
    public func ciphertexts(parameters: ParameterSet, as type: FheType? = nil) throws(TfheRsError) -> [FheCiphertext] {
        switch self {
        case .clientKey, .compactPublicKey, .serverKey, .compressedServerKey, .noiseSquashingKey, .compressedNoiseSquashingKey,
             .compressedNoiseSquashingCompressionKey:
            throw .unexpectedObject(expected: "ciphertext", found: self.type.typeName)
        case .squashedNoiseCiphertext, .compressedSquashedNoiseCiphertextList:
            throw .unsupported("decryption of squashed-noise ciphertexts (\(self.type.typeName)) is not supported yet")
        case .ciphertext(let c):
            let (t, key) = try Self.checkRadix(c.radix.blocks, lweDimension: c.radix.lwe.lweDimension, kind: c.kind,
                                               parameters: parameters, as: type)
            return [FheCiphertext(trusted: t, parameters.compute.encoding, .lwe(c.radix.lwe, key: key))]
        case .ciphertextVec(let items):
            var out: [FheCiphertext] = []
            out.reserveCapacity(items.count)
            for c in items {
                let (t, key) = try Self.checkRadix(c.radix.blocks, lweDimension: c.radix.lwe.lweDimension, kind: c.kind,
                                                   parameters: parameters, as: type)
                out.append(FheCiphertext(trusted: t, parameters.compute.encoding, .lwe(c.radix.lwe, key: key)))
            }
            return out
        case .seededCiphertext(let c):
            let dimension = c.blocks.first?.lweDimension ?? 0
            guard c.blocks.allSatisfy({ $0.lweDimension == dimension }) else {
                throw .invalidField("the blocks of a compressed ciphertext have different dimensions")
            }
            let (t, key) = try Self.checkRadix(c.blocks.map(\.metadata), lweDimension: dimension, kind: c.kind,
                                               parameters: parameters, as: type)
            guard c.blocks.allSatisfy({ $0.skipsFirstByte == c.blocks[0].skipsFirstByte }) else {
                throw .unsupported("seeds of one ciphertext starting at different keystream positions")
            }
            var list = try TfheRsError.invalid("seeded ciphertext") { () throws(TFHEError) in
                try SeededLweCiphertextList(lweDimension: LweDimension(dimension), bodies: c.blocks.map(\.body),
                                            seeds: c.blocks.flatMap(\.seed))
            }
            list.skipsFirstByte = c.blocks[0].skipsFirstByte
            return [FheCiphertext(trusted: t, parameters.compute.encoding, .seeded(list, key: key))]
        case .compactCiphertextList(let l):
            let p = parameters.effectiveCompactPublicKey
            guard l.encoding == p.encoding else {
                throw .mismatch("compact list moduli \(l.messageModulus)/\(l.carryModulus) are not the key's \(p.messageModulus)/\(p.carryModulus)")
            }
            guard l.list.lweDimension == p.encryptionLweDimension.value else {
                throw .mismatch("compact list dimension \(l.list.lweDimension) is not the compact-PKE key's \(p.encryptionLweDimension)")
            }
            return try Self.values(l.info, encoding: l.encoding) { blocks in .compact(l.list, blocks: blocks, packed: l.isPacked) }
        case .compressedCiphertextList(let l):
            guard let z = parameters.compression else {
                throw .mismatch("parameter set \(parameters.name) has no compression key, which a CompressedCiphertextList needs")
            }
            let expected = parameters.compute.encoding
            guard l.list.encoding == expected else {
                throw .mismatch("compressed list moduli \(l.list.messageModulus)/\(l.list.carryModulus) are not the key's \(expected.messageModulus)/\(expected.carryModulus)")
            }
            guard l.list.lwePerGlwe == z.lwePerGlwe else {
                throw .mismatch("compressed list packs \(l.list.lwePerGlwe) blocks per GLWE, the key's parameters \(z.lwePerGlwe)")
            }
            if let g = l.list.glweCiphertexts.first {
                guard g.glweDimension == z.packingKsGlweDimension, g.polynomialSize == z.packingKsPolynomialSize else {
                    throw .mismatch("compressed GLWE is \(g.glweDimension)×\(g.polynomialSize), the compression key \(z.packingKsGlweDimension)×\(z.packingKsPolynomialSize)")
                }
                guard g.packed.logModulus == z.storageLogModulus.value else {
                    throw .mismatch("compressed list stores \(g.packed.logModulus)-bit coefficients, the key's parameters \(z.storageLogModulus)")
                }
            }
            return try Self.values(l.info, encoding: expected) { blocks in .compressed(l.list, blocks: blocks) }
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

    /// Checks the blocks of a radix ciphertext against the parameters: one encoding and PBS
    /// order for all blocks, equal to the compute parameters'; the LWE dimension of the key the
    /// PBS order names; a block count that is the given type's, or an fhEVM type's.
    static func checkRadix(_ blocks: [TfheRsBlockMetadata], lweDimension: Int, kind: TfheRsFheCiphertext.Kind,
                           parameters: ParameterSet, as given: FheType?) throws(TfheRsError) -> (FheType, EncryptionKeyChoice) {
        guard let first = blocks.first else { throw .invalidField("ciphertext without blocks") }
        if kind == .signed { throw .unsupported("signed integers (FheInt) are not fhEVM types") }
        let c = parameters.compute
        let expected = c.encoding
        guard first.encoding == expected else {
            throw .mismatch("block moduli \(first.messageModulus)/\(first.carryModulus) are not the key's \(expected.messageModulus)/\(expected.carryModulus)")
        }
        guard blocks.allSatisfy({ $0.encoding == expected && $0.pbsOrder == first.pbsOrder }) else {
            throw .unsupported("blocks with different moduli or PBS orders")
        }
        // tfhe-rs decrypts KeyswitchBootstrap blocks with the big key, BootstrapKeyswitch with the small one.
        let key = first.pbsOrder.key
        let dimension = key == .big ? c.bigLweDimension : c.lweDimension
        guard lweDimension == dimension.value else {
            throw .mismatch("LWE dimension \(lweDimension) of the blocks is not the key's \(dimension) (\(first.pbsOrder))")
        }
        if let given {
            let needed = given.blockCount(messageBits: expected.messageBits)
            guard needed == blocks.count else {
                throw .mismatch("\(given) needs \(needed) blocks, the ciphertext has \(blocks.count)")
            }
            if kind == .boolean, given != .ebool { throw .mismatch("an FheBool is not a \(given)") }
            return (given, key)
        }
        return (try fheType(kind: kind, blocks: blocks.count, messageModulus: expected.messageModulus), key)
    }

    /// One ciphertext per data kind of a list, over consecutive block ranges.
    static func values(_ info: [TfheRsDataKind], encoding: BlockEncoding,
                       body: (Range<Int>) -> FheCiphertext.Body) throws(TfheRsError) -> [FheCiphertext] {
        var out: [FheCiphertext] = []
        out.reserveCapacity(info.count)
        var start = 0
        for kind in info {
            guard let type = kind.fheType(messageModulus: encoding.messageModulus) else {
                throw .unsupported("list entry \(kind) is not an fhEVM type")
            }
            let n = kind.blockCount(messageModulus: encoding.messageModulus)
            out.append(try TfheRsError.mismatching("list entry \(kind)") { () throws(TFHEError) in
                try FheCiphertext(type: type, encoding: encoding, body: body(start ..< start + n))
            })
            start += n
        }
        return out
    }

    /// The tfhe-rs form of one of our ciphertexts: `FheUint`/`FheBool` for LWE blocks, a seeded
    /// `CompressedFheUint`/`CompressedFheBool`, or a one-value `CompactCiphertextList` /
    /// `CompressedCiphertextList` when the ciphertext is a whole list.
    /// - Throws: `unsupported` for part of a list (lists are written whole).
    public init(_ ct: FheCiphertext, parameters: ParameterSet, layout: TfheRsLayout) throws(TfheRsError) {
        let enc = ct.encoding
        let degree = ct.type == .ebool ? 1 : enc.messageModulus - 1
        let kind: TfheRsFheCiphertext.Kind = ct.type == .ebool ? .boolean : .unsigned
        let info = [TfheRsDataKind(ct.type, messageModulus: enc.messageModulus)]
        switch ct.body {
        case .lwe(let list, let key):
            let fresh = TfheRsBlockMetadata(degree: degree, noiseLevel: 1, encoding: enc, pbsOrder: TfheRsPBSOrder(key: key))
            let radix = try TfheRsRadixCiphertext(lwe: list, blocks: Array(repeating: fresh, count: list.count))
            self = .ciphertext(try TfheRsFheCiphertext(kind: kind, radix: radix))
        case .seeded(let list, let key):
            let meta = TfheRsBlockMetadata(degree: degree, noiseLevel: 1, encoding: enc, pbsOrder: TfheRsPBSOrder(key: key))
            var blocks: [TfheRsSeededBlock] = []
            for i in 0..<list.count {
                var block = try TfheRsSeededBlock(body: list.bodies[i], lweDimension: list.lweDimension.value,
                                                  seed: list.seed(i), metadata: meta)
                block.skipsFirstByte = list.skipsFirstByte
                blocks.append(block)
            }
            self = .seededCiphertext(try TfheRsSeededCiphertext(kind: kind, blocks: blocks))
        case .compact(let list, let blocks, let packed):
            let whole = blocks.lowerBound == 0 && (packed ? (blocks.upperBound + 1) / 2 : blocks.upperBound) == list.count
            guard whole else { throw .unsupported("part of a compact list cannot be written alone") }
            let p = parameters.effectiveCompactPublicKey
            self = .compactCiphertextList(try TfheRsCompactCiphertextList(
                list: list, degree: packed ? enc.messageModulus * enc.messageModulus - 1 : enc.messageModulus - 1, encoding: enc,
                expansionKind: p.expansionKind, noiseLevel: layout == .v0_8 ? 1 : nil, info: info))
        case .compressed(let list, let blocks):
            guard blocks == 0..<list.count else { throw .unsupported("part of a compressed list cannot be written alone") }
            self = .compressedCiphertextList(try TfheRsCompressedCiphertextList(
                list: list, pbsOrder: TfheRsPBSOrder(key: parameters.compute.encryptionKeyChoice), info: info))
        }
    }
}

extension ClientKey {
    /// Decrypts a tfhe-rs ciphertext object: its values read with `ciphertexts(parameters:as:)`
    /// (every check against this key's parameters first), then decrypted one by one.
    func decrypt(tfheRs object: TfheRsObject, as type: FheType? = nil) throws(TfheRsError) -> [ClearValue] {
        var out: [ClearValue] = []
        for ct in try object.ciphertexts(parameters: parameters, as: type) {
            out.append(try TfheRsError.mismatching("tfhe-rs ciphertext") { () throws(TFHEError) in try decrypt(ct) })
        }
        return out
    }

    /// `decrypt(tfheRs:)` of serialized bytes, under fhEVM's 16 MiB ciphertext limit by default.
    func decrypt(tfheRsBytes bytes: [UInt8], limits: TfheRsLimits = .ciphertext) throws(TfheRsError) -> [ClearValue] {
        try decrypt(tfheRs: TfheRsFile.decode(bytes, limits: limits).object)
    }
}
