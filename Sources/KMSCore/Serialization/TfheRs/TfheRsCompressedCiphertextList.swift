/// tfhe-rs's high-level `CompressedCiphertextList` (0.8 – 1.0 layouts), the form the fhEVM
/// coprocessor stores for every handle: a `CompressedCiphertextList` of packed GLWEs, the PBS
/// order of the blocks, the `DataKind` of each value and the user `Tag`.
///
/// Layout: `T[2]` hl · `T[0]` integer · `T[0]` shortint { Vec< `T[0]`
/// CompressedModulusSwitchedGlweCiphertext { `T[0]` PackedIntegers { Vec<u64>, CiphertextModulusLog,
/// usize initial_len }, GlweDimension, PolynomialSize, LweCiphertextCount bodies_count,
/// CiphertextModulus } >, CiphertextModulus, MessageModulus, CarryModulus, PBSOrder, LweCiphertextCount
/// lwe_per_glwe, CiphertextCount count } · Vec<DataKind> · Tag.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, expecting: .compressedCiphertextList, limits: .ciphertext)
/// guard case .compressedCiphertextList(let l) = file.object else { ... }
/// let values = try l.decrypt(compressionKey: key)   // one ClearValue per entry
/// ```
public struct TfheRsCompressedCiphertextList: Sendable, Equatable {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::CompressedCiphertextList"

    package var list: CompressedCiphertextList
    package var pbsOrder: TfheRsPBSOrder
    package var info: [TfheRsDataKind]
    package var tag: [UInt8]
    /// tfhe-rs 1.4+ re-randomization metadata, one per value (empty until re-randomized).
    package var reRandomizationMetadata: [[UInt8]] = []

    /// Pairs a compressed list with the kinds of its values, whose blocks must add up to its count.
    package init(list: CompressedCiphertextList, pbsOrder: TfheRsPBSOrder = .keyswitchBootstrap,
                info: [TfheRsDataKind], tag: [UInt8] = []) throws(TfheRsError) {
        let blocks = info.reduce(0) { $0 + $1.blockCount(messageModulus: list.messageModulus) }
        guard blocks == list.count else {
            throw .invalidField("compressed list holds \(list.count) blocks; its data kinds need \(blocks)")
        }
        self.list = list
        self.pbsOrder = pbsOrder
        self.info = info
        self.tag = tag
    }

    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        let hlVersion = try d.version(TfheRsVersions.hlCompressedCiphertextList)
        // Plain bincode writes the `InnerCompressedCiphertextList` enum (variant 0, Cpu);
        // versioned data goes straight to the integer list.
        if !d.versioned {
            let at = d.offset
            guard try d.variant("InnerCompressedCiphertextList", count: 1) == 0 else {
                throw .unknownVariant(type: "InnerCompressedCiphertextList", value: 1, offset: at)
            }
        }
        try d.version(TfheRsVersions.integerCompressedList)
        let shortintVersion = try d.version(TfheRsVersions.shortintCompressedList)
        let listAt = d.offset
        // A compressed GLWE takes at least 80 bytes versioned.
        let n = try d.vecLength("compressed GLWE count", max: min(d.limits.maxListLength, d.remaining / 40))
        var glwes: [ModulusSwitchedGlweCiphertext] = []
        glwes.reserveCapacity(n)
        for _ in 0..<n {
            try d.version(TfheRsVersions.modulusSwitchedGlwe)
            try d.version(TfheRsVersions.packedIntegers)
            let packedAt = d.offset
            let words = try d.words(max: d.limits.maxListLength * 64)
            let log = try d.newtype("CiphertextModulusLog", max: 64)
            let initialLen = try d.count("initial_len", max: d.limits.maxListLength * 64)
            let k: GlweDimension = try d.newtype("GlweDimension", max: 64)
            let size: PolynomialSize = try d.dimension("PolynomialSize")
            let bodies = try d.dimension("LweCiphertextCount")
            try d.nativeCiphertextModulus()
            let packed = try TfheRsError.invalid("packed integers at offset \(packedAt)") { () throws(TFHEError) in
                try PackedIntegers(logModulus: log, count: initialLen, words: words)
            }
            glwes.append(try TfheRsError.invalid("compressed GLWE at offset \(packedAt)") { () throws(TFHEError) in
                try ModulusSwitchedGlweCiphertext(glweDimension: k, polynomialSize: size, bodiesCount: bodies, packed: packed)
            })
        }
        let moduli: BlockEncoding, order: TfheRsPBSOrder, per: Int, count: Int
        if shortintVersion >= 2 {
            // tfhe-rs 1.3+: the metadata is optional (absent only for an empty list) and the
            // block count is the sum of the bodies stored.
            let metaAt = d.offset
            guard try d.option() else {
                throw .unsupported("compressed list without metadata at offset \(metaAt) (an empty list)")
            }
            try d.version(TfheRsVersions.compressedListMeta)
            try d.nativeCiphertextModulus()
            moduli = try d.blockModuli(at: d.offset)
            order = try d.atomicPatternKind()
            per = try d.dimension("LweCiphertextCount")
            count = glwes.reduce(0) { $0 + $1.bodiesCount }
        } else {
            try d.nativeCiphertextModulus()
            moduli = try d.blockModuli(at: d.offset)
            order = try d.blockPBSOrder(blockVersion: shortintVersion)
            per = try d.dimension("LweCiphertextCount")
            count = try d.newtype("CiphertextCount", max: d.limits.maxListLength)
        }
        let list = try TfheRsError.invalid("compressed list at offset \(listAt)") { () throws(TFHEError) in
            try CompressedCiphertextList(glweCiphertexts: glwes, messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus,
                                         lwePerGlwe: per, count: count)
        }
        let info = try d.dataKinds()
        try self.init(list: list, pbsOrder: order, info: info, tag: try d.tag())
        if hlVersion >= 3 {
            // tfhe-rs 1.4+: one re-randomization metadata per value.
            let countAt = d.offset
            let m = try d.vecLength("re-randomization metadata count", max: min(d.limits.maxListLength, d.remaining / 8))
            guard m == info.count else {
                throw .invalidField("\(m) re-randomization metadata at offset \(countAt) for \(info.count) values")
            }
            for _ in 0..<m { reRandomizationMetadata.append(try d.reRandomizationMetadata()) }
        }
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        let hlVersion = e.version(TfheRsVersions.hlCompressedCiphertextList)
        if !e.versioned { e.u32(0) }
        e.version(TfheRsVersions.integerCompressedList)
        let shortintVersion = e.version(TfheRsVersions.shortintCompressedList)
        e.count(list.glweCiphertexts.count)
        for g in list.glweCiphertexts {
            e.version(TfheRsVersions.modulusSwitchedGlwe)
            e.version(TfheRsVersions.packedIntegers)
            e.words(g.packed.words)
            e.newtype("CiphertextModulusLog", g.packed.logModulus)
            e.count(g.packed.count)
            e.newtype("GlweDimension", g.glweDimension)
            e.newtype("PolynomialSize", g.polynomialSize)
            e.newtype("LweCiphertextCount", g.bodiesCount)
            e.nativeCiphertextModulus()
        }
        if shortintVersion >= 2 {
            e.option(true)
            e.version(TfheRsVersions.compressedListMeta)
            e.nativeCiphertextModulus()
            e.newtype("MessageModulus", list.messageModulus)
            e.newtype("CarryModulus", list.carryModulus)
            e.atomicPatternKind(pbsOrder)
            e.newtype("LweCiphertextCount", list.lwePerGlwe)
        } else {
            e.nativeCiphertextModulus()
            e.newtype("MessageModulus", list.messageModulus)
            e.newtype("CarryModulus", list.carryModulus)
            e.blockPBSOrder(pbsOrder, blockVersion: shortintVersion)
            e.newtype("LweCiphertextCount", list.lwePerGlwe)
            e.newtype("CiphertextCount", list.count)
        }
        try e.dataKinds(info)
        e.tag(tag)
        if hlVersion >= 3 {
            let metadata = reRandomizationMetadata.count == info.count ? reRandomizationMetadata : Array(repeating: [], count: info.count)
            e.count(metadata.count)
            for m in metadata { e.reRandomizationMetadata(m) }
        }
    }
}
