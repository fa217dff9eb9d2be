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
        try d.version(TfheRsVersions.hlCompressedCiphertextList)
        try d.version(TfheRsVersions.integerCompressedList)
        try d.version(TfheRsVersions.shortintCompressedList)
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
        try d.nativeCiphertextModulus()
        let moduli = try d.blockModuli(at: d.offset)
        let order = try d.pbsOrder()
        let per = try d.dimension("LweCiphertextCount")
        let count = try d.newtype("CiphertextCount", max: d.limits.maxListLength)
        let list = try TfheRsError.invalid("compressed list at offset \(listAt)") { () throws(TFHEError) in
            try CompressedCiphertextList(glweCiphertexts: glwes, messageModulus: moduli.messageModulus, carryModulus: moduli.carryModulus,
                                         lwePerGlwe: per, count: count)
        }
        let info = try d.dataKinds()
        try self.init(list: list, pbsOrder: order, info: info, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.hlCompressedCiphertextList)
        e.version(TfheRsVersions.integerCompressedList)
        e.version(TfheRsVersions.shortintCompressedList)
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
        e.nativeCiphertextModulus()
        e.newtype("MessageModulus", list.messageModulus)
        e.newtype("CarryModulus", list.carryModulus)
        e.pbsOrder(pbsOrder)
        e.newtype("LweCiphertextCount", list.lwePerGlwe)
        e.newtype("CiphertextCount", list.count)
        try e.dataKinds(info)
        e.tag(tag)
    }
}
