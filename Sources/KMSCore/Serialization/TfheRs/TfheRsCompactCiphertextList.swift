/// tfhe-rs's high-level `CompactCiphertextList`: what fhevmjs / the relayer SDK send as encrypted
/// inputs — every block of every value an entry of one `LweCompactCiphertextList` under the
/// compact public key, plus the `DataKind` of each value.
///
/// Layout: `T[1]` hl · `T[1]` integer::CompactCiphertextList · shortint::CompactCiphertextList
/// (`T[1]` in 0.8 – 0.10 with `noise_level`; `T[2]` from 0.11 without it) { `T[0]`
/// LweCompactCiphertextList { Vec<u64> [masks (⌈count/N⌉·N), bodies (count)], LweSize (N+1),
/// LweCiphertextCount, CiphertextModulus }, Degree, MessageModulus, CarryModulus, ExpansionKind,
/// [NoiseLevel] } · Vec<DataKind> · Tag.
///
/// A *packed* list (`degree` above `message_modulus − 1`, tfhe-rs `build_packed`) holds two
/// consecutive blocks per entry, `low + message_modulus · high`.
///
/// ```swift
/// let list = try TfheRsCompactCiphertextList(values: [v], publicKey: pk)   // fhevmjs-style input
/// let file = TfheRsFile(object: .compactCiphertextList(list), layout: .v0_8)
/// let bytes = try file.encode()
/// ```
public struct TfheRsCompactCiphertextList: Sendable, Equatable {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::CompactCiphertextList"

    package var list: LweCompactCiphertextList
    /// `encryption_modulus − 1`: `message_modulus − 1` normally, `message_modulus² − 1` when packed.
    package var degree: Int
    /// The block encoding (checked moduli, Δ).
    package var encoding: BlockEncoding
    package var expansionKind: CompactPublicKeyParameters.ExpansionKind
    /// The shortint list's noise level (0.8 – 0.10 layout only; `nil` from 0.11).
    package var noiseLevel: Int?
    package var info: [TfheRsDataKind]
    package var tag: [UInt8]

    /// Assembles a list, checking the moduli and that the entry count matches `info` (halved when packed).
    package init(list: LweCompactCiphertextList, degree: Int, messageModulus: Int, carryModulus: Int,
                expansionKind: CompactPublicKeyParameters.ExpansionKind, noiseLevel: Int?,
                info: [TfheRsDataKind], tag: [UInt8] = []) throws(TfheRsError) {
        let encoding = try TfheRsError.invalid("compact list") { () throws(TFHEError) in
            try BlockEncoding(messageModulus: messageModulus, carryModulus: carryModulus)
        }
        try self.init(list: list, degree: degree, encoding: encoding, expansionKind: expansionKind,
                      noiseLevel: noiseLevel, info: info, tag: tag)
    }

    /// Assembles a list with an already checked encoding.
    package init(list: LweCompactCiphertextList, degree: Int, encoding: BlockEncoding,
                expansionKind: CompactPublicKeyParameters.ExpansionKind, noiseLevel: Int?,
                info: [TfheRsDataKind], tag: [UInt8] = []) throws(TfheRsError) {
        self.list = list
        self.degree = degree
        self.encoding = encoding
        self.expansionKind = expansionKind
        self.noiseLevel = noiseLevel
        self.info = info
        self.tag = tag
        guard list.count == expectedEntryCount else {
            throw .invalidField("compact list holds \(list.count) entries; its data kinds need \(expectedEntryCount)")
        }
        if isPacked, carryModulus < messageModulus {
            throw .invalidField("a packed compact list needs carry modulus ≥ message modulus")
        }
    }

    /// Whether entries hold two blocks each (tfhe-rs `is_packed`).
    package var isPacked: Bool { degree > messageModulus - 1 }

    /// Total number of blocks of all values.
    package var blockCount: Int { info.reduce(0) { $0 + $1.blockCount(messageModulus: messageModulus) } }

    /// Number of LWE entries: the blocks, or half of them (rounded up) when packed.
    package var expectedEntryCount: Int { isPacked ? (blockCount + 1) / 2 : blockCount }

    package var messageModulus: Int { encoding.messageModulus }
    package var carryModulus: Int { encoding.carryModulus }

    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.hlCompactCiphertextList)
        try d.version(TfheRsVersions.integerCompactList)
        let shortintVersion = try d.version(TfheRsVersions.shortintCompactList)
        try d.version(TfheRsVersions.lweCompactList)
        let dataAt = d.offset
        let data = try d.words(max: d.limits.maxListLength * 2 + d.limits.maxDimension)
        let lweSize = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
        let count = try d.newtype("LweCiphertextCount", max: d.limits.maxListLength)
        let n = lweSize - 1
        guard n > 0, n & (n - 1) == 0 else {
            throw .invalidField("compact list LWE size \(lweSize) at offset \(dataAt) is not a power of two plus one")
        }
        let maskWords = (count + n - 1) / n * n
        guard data.count == maskWords + count else {
            throw .invalidField("compact list at offset \(dataAt) holds \(data.count) words; \(count) entries of dimension \(n) need \(maskWords + count)")
        }
        try d.nativeCiphertextModulus()
        let degree = try d.newtype("Degree", max: 1 << 32)
        let moduli = try d.blockModuli(at: d.offset)
        let kind = try d.expansionKind()
        var noise: Int?
        if shortintVersion == 1 { noise = try d.newtype("NoiseLevel", max: 1 << 32) }
        let info = try d.dataKinds()
        let list = LweCompactCiphertextList(trusted: n, Array(data[0..<maskWords]), Array(data[maskWords...]))
        try self.init(list: list, degree: degree, encoding: moduli, expansionKind: kind,
                      noiseLevel: noise, info: info, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.hlCompactCiphertextList)
        e.version(TfheRsVersions.integerCompactList)
        let v = e.version(TfheRsVersions.shortintCompactList)
        e.version(TfheRsVersions.lweCompactList)
        e.count(list.masks.count + list.bodies.count)
        e.rawWords(list.masks)
        e.rawWords(list.bodies)
        e.newtype("LweSize", list.lweDimension + 1)
        e.newtype("LweCiphertextCount", list.count)
        e.nativeCiphertextModulus()
        e.newtype("Degree", degree)
        e.newtype("MessageModulus", messageModulus)
        e.newtype("CarryModulus", carryModulus)
        e.expansionKind(expansionKind)
        if v == 1 { e.newtype("NoiseLevel", noiseLevel ?? 1) }
        try e.dataKinds(info)
        e.tag(tag)
    }
}
