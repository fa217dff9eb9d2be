/// tfhe-rs's high-level `CompactPublicKey` (0.8 – 1.0 layouts): an `LweCompactPublicKey` (a GLWE
/// ciphertext with k = 1: mask a, then body b, N coefficients each), its encryption parameters and
/// the user `Tag`.
///
/// Layout: `T[1]` hl · `T[0]` IntegerCompactPublicKey · `T[0]` integer::CompactPublicKey · `T[1]`
/// shortint::CompactPublicKey · `T[0]` LweCompactPublicKey · `T[0]` GlweCiphertext { Vec<u64> [a, b],
/// PolynomialSize, CiphertextModulus } · CompactPublicKeyEncryptionParameters · Tag.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, expecting: .compactPublicKey)
/// guard case .compactPublicKey(let pk) = file.object else { ... }
/// pk.key.polynomialSize        // 1024
/// ```
public struct TfheRsCompactPublicKey: Sendable, Equatable {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::CompactPublicKey"

    package var key: LweCompactPublicKey
    package var parameters: TfheRsCompactPkeParameters
    package var tag: [UInt8]

    package init(key: LweCompactPublicKey, parameters: TfheRsCompactPkeParameters, tag: [UInt8] = []) {
        self.key = key
        self.parameters = parameters
        self.tag = tag
    }

    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.hlCompactPublicKey)
        try d.version(TfheRsVersions.integerConfigCompactPublicKey)
        try d.version(TfheRsVersions.integerCompactPublicKey)
        try d.version(TfheRsVersions.shortintCompactPublicKey)
        try d.version(TfheRsVersions.lweCompactPublicKey)
        try d.version(TfheRsVersions.glweCiphertext)
        let dataAt = d.offset
        let data = try d.words(max: 2 * d.limits.maxDimension)
        let n = try d.dimension("PolynomialSize")
        guard n > 0, n & (n - 1) == 0, data.count == 2 * n else {
            throw .invalidField("compact public key at offset \(dataAt) holds \(data.count) words; a GLWE of dimension 1 and polynomial size \(n) (a power of two) needs \(2 * n)")
        }
        try d.nativeCiphertextModulus()
        let p = try d.compactPkeParameters()
        guard p.encryptionLweDimension.value == n else {
            throw .invalidField("compact public key has size \(n); its parameters say \(p.encryptionLweDimension)")
        }
        let key = try TfheRsError.invalid("compact public key at offset \(dataAt)") { () throws(TFHEError) in
            try LweCompactPublicKey(mask: Array(data[0..<n]), body: Array(data[n..<2 * n]))
        }
        self.init(key: key, parameters: p, tag: try d.tag())
    }

    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.hlCompactPublicKey)
        e.version(TfheRsVersions.integerConfigCompactPublicKey)
        e.version(TfheRsVersions.integerCompactPublicKey)
        e.version(TfheRsVersions.shortintCompactPublicKey)
        e.version(TfheRsVersions.lweCompactPublicKey)
        e.version(TfheRsVersions.glweCiphertext)
        e.count(2 * key.polynomialSize)
        e.rawWords(key.mask)
        e.rawWords(key.body)
        e.newtype("PolynomialSize", key.polynomialSize)
        e.nativeCiphertextModulus()
        try e.compactPkeParameters(parameters)
        e.tag(tag)
    }
}
