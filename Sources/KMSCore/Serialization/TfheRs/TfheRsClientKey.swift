/// tfhe-rs's high-level `ClientKey` (0.8 – 1.0 layouts), field for field: the shortint keys and
/// parameters, the dedicated compact-PKE private key with its casting parameters, the compression
/// private key, and the user `Tag`.
///
/// Layout (versioned; plain bincode drops every `T`): `T[1]` hl::ClientKey · `T[3]` IntegerClientKey ·
/// `T[0]` integer::ClientKey · `T[0]` shortint::ClientKey { GlweSecretKey, LweSecretKey,
/// ShortintParameterSet } · `Option<(CompactPrivateKey, ShortintKeySwitchingParameters)>` ·
/// `Option<CompressionPrivateKeys>` · Tag.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, expecting: .clientKey)
/// guard case .clientKey(let ck) = file.object else { ... }
/// ck.parameters.lweDimension     // 887
/// ```
///
/// Never prints key material.
public struct TfheRsClientKey: Sendable, CustomStringConvertible {
    /// The dedicated compact-PKE private key (`integer::CompactPrivateKey`) and the parameters of
    /// the key switch that casts its ciphertexts to the compute key.
    public struct CompactPrivateKey: Sendable {
        package var key: LweSecretKey
        package var parameters: TfheRsCompactPkeParameters
        package var castingParameters: KeySwitchingParameters

        package init(key: LweSecretKey, parameters: TfheRsCompactPkeParameters, castingParameters: KeySwitchingParameters) {
            self.key = key
            self.parameters = parameters
            self.castingParameters = castingParameters
        }
    }

    /// The compression private key (`CompressionPrivateKeys.post_packing_ks_key`) and its parameters.
    public struct CompressionKey: Sendable {
        package var key: GlweSecretKey
        package var parameters: CompressionParameters

        package init(key: GlweSecretKey, parameters: CompressionParameters) {
            self.key = key
            self.parameters = parameters
        }
    }

    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "high_level_api::ClientKey"

    package var glweSecretKey: GlweSecretKey
    package var lweSecretKey: LweSecretKey
    package var parameters: ClassicPBSParameters
    package var compactPrivateKey: CompactPrivateKey?
    package var compressionKey: CompressionKey?
    /// The high-level API tag (usually empty).
    package var tag: [UInt8]
    /// tfhe-rs 1.1+ optional keys (noise squashing, re-randomization, OPRF).
    package var extensions = TfheRsClientKeyExtensions()

    package init(glweSecretKey: GlweSecretKey, lweSecretKey: LweSecretKey, parameters: ClassicPBSParameters,
                compactPrivateKey: CompactPrivateKey?, compressionKey: CompressionKey?, tag: [UInt8] = []) {
        self.glweSecretKey = glweSecretKey
        self.lweSecretKey = lweSecretKey
        self.parameters = parameters
        self.compactPrivateKey = compactPrivateKey
        self.compressionKey = compressionKey
        self.tag = tag
    }

    public var description: String {
        "TfheRsClientKey(n=\(parameters.lweDimension), \(parameters.glweDimension)×\(parameters.polynomialSize), <redacted>)"
    }

    /// Reads the object (after any header).
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.hlClientKey)
        let integerVersion = try d.version(TfheRsVersions.integerConfigClientKey)
        try d.version(TfheRsVersions.integerClientKey)
        let shortintVersion = try d.version(TfheRsVersions.shortintClientKey)
        if shortintVersion >= 1 {
            // tfhe-rs main 2025-06 and 1.3+: AtomicPatternClientKey::Standard(StandardAtomicPatternClientKey).
            try d.version(TfheRsVersions.atomicPatternClientKey)
            let at = d.offset
            guard try d.variant("AtomicPatternClientKey", count: 2) == 0 else {
                throw .unsupported("KeySwitch32 atomic-pattern client key at offset \(at) (only the standard pattern is supported)")
            }
            try d.version(TfheRsVersions.standardAtomicPatternClientKey)
        }
        let glweAt = d.offset
        let (glweCoefficients, polynomialSize) = try d.glweSecretKeyData()
        let lweAt = d.offset
        let lwe = try d.lweSecretKey("LWE secret key")
        let paramsAt = d.offset
        let params = shortintVersion >= 1 ? try d.pbsParameters() : try d.shortintParameterSet()
        if shortintVersion >= 1, try d.option() {
            throw .unsupported("WoPBS parameters in the client key at offset \(d.offset) (only PBS keys are supported)")
        }
        guard params.polynomialSize.value == polynomialSize,
              glweCoefficients.count == params.glweDimension.value * params.polynomialSize.value else {
            throw .invalidField("GLWE secret key at offset \(glweAt) has \(glweCoefficients.count) coefficients of polynomial size \(polynomialSize); the parameters at offset \(paramsAt) say \(params.glweDimension)×\(params.polynomialSize)")
        }
        guard lwe.dimension == params.lweDimension.value else {
            throw .invalidField("LWE secret key at offset \(lweAt) has dimension \(lwe.dimension); the parameters say \(params.lweDimension)")
        }
        let glwe = try TfheRsDecoder.glweKey(glweCoefficients, polynomialSize: polynomialSize, at: glweAt)

        var cpk: CompactPrivateKey?
        if try d.option() {
            try d.version(TfheRsVersions.integerCompactPrivateKey)
            try d.version(TfheRsVersions.shortintCompactPrivateKey)
            let keyAt = d.offset
            let key = try d.lweSecretKey("compact-PKE secret key")
            let p = try d.compactPkeParameters()
            guard key.dimension == p.encryptionLweDimension.value else {
                throw .invalidField("compact-PKE secret key at offset \(keyAt) has dimension \(key.dimension); its parameters say \(p.encryptionLweDimension)")
            }
            cpk = CompactPrivateKey(key: key, parameters: p, castingParameters: try d.keySwitchingParameters())
        }

        var compression: CompressionKey?
        if try d.option() {
            try d.version(TfheRsVersions.integerCompressionPrivateKeys)
            try d.version(TfheRsVersions.shortintCompressionPrivateKeys)
            let keyAt = d.offset
            let (coefficients, n) = try d.glweSecretKeyData()
            let p = try d.compressionParameters()
            guard n == p.packingKsPolynomialSize.value, coefficients.count == p.packingKsGlweDimension.value * n else {
                throw .invalidField("compression key at offset \(keyAt) has \(coefficients.count) coefficients of polynomial size \(n); its parameters say \(p.packingKsGlweDimension)×\(p.packingKsPolynomialSize)")
            }
            compression = CompressionKey(key: try TfheRsDecoder.glweKey(coefficients, polynomialSize: n, at: keyAt), parameters: p)
        }
        let extensions = try d.clientKeyExtensions(integerClientKeyVersion: integerVersion)
        self.init(glweSecretKey: glwe, lweSecretKey: lwe, parameters: params,
                  compactPrivateKey: cpk, compressionKey: compression, tag: try d.tag())
        self.extensions = extensions
    }

    /// Writes the object (after any header).
    func encode(to e: inout TfheRsEncoder) throws(TfheRsError) {
        e.version(TfheRsVersions.hlClientKey)
        let integerVersion = e.version(TfheRsVersions.integerConfigClientKey)
        e.version(TfheRsVersions.integerClientKey)
        let shortintVersion = e.version(TfheRsVersions.shortintClientKey)
        if shortintVersion >= 1 {
            e.version(TfheRsVersions.atomicPatternClientKey)
            e.u32(0)
            e.version(TfheRsVersions.standardAtomicPatternClientKey)
        }
        e.glweSecretKey(glweSecretKey)
        e.lweSecretKey(lweSecretKey)
        if shortintVersion >= 1 {
            try e.pbsParameters(parameters)
            e.option(false)     // no WoPBS parameters
        } else {
            try e.shortintParameterSet(parameters)
        }
        e.option(compactPrivateKey != nil)
        if let c = compactPrivateKey {
            e.version(TfheRsVersions.integerCompactPrivateKey)
            e.version(TfheRsVersions.shortintCompactPrivateKey)
            e.lweSecretKey(c.key)
            try e.compactPkeParameters(c.parameters)
            e.keySwitchingParameters(c.castingParameters)
        }
        e.option(compressionKey != nil)
        if let c = compressionKey {
            e.version(TfheRsVersions.integerCompressionPrivateKeys)
            e.version(TfheRsVersions.shortintCompressionPrivateKeys)
            e.glweSecretKey(c.key)
            e.compressionParameters(c.parameters)
        }
        try e.clientKeyExtensions(extensions, integerClientKeyVersion: integerVersion)
        e.tag(tag)
    }
}

extension TfheRsDecoder {
    /// `GlweSecretKey { data: Vec<u64>, polynomial_size }`: the raw coefficients and N.
    mutating func glweSecretKeyData() throws(TfheRsError) -> ([UInt64], Int) {
        try version(TfheRsVersions.glweSecretKey)
        let data = try words(max: limits.maxDimension)
        let n = try dimension("PolynomialSize")
        return (data, n)
    }

    /// A binary GLWE key from raw coefficients.
    static func glweKey(_ coefficients: [UInt64], polynomialSize n: Int, at: Int) throws(TfheRsError) -> GlweSecretKey {
        guard n > 0, !coefficients.isEmpty, coefficients.count % n == 0 else {
            throw .invalidField("GLWE secret key at offset \(at): \(coefficients.count) coefficients is not a whole number of polynomials of size \(n)")
        }
        do {
            return try GlweSecretKey(glweDimension: GlweDimension(coefficients.count / n), polynomialSize: PolynomialSize(n), coefficients: coefficients)
        } catch {
            throw .invalidField("GLWE secret key at offset \(at) is not binary")
        }
    }

    /// `LweSecretKey { data: Vec<u64> }`, binary.
    mutating func lweSecretKey(_ what: String) throws(TfheRsError) -> LweSecretKey {
        let at = offset
        try version(TfheRsVersions.lweSecretKey)
        let data = try words(max: limits.maxDimension)
        do {
            return try LweSecretKey(coefficients: data)
        } catch {
            throw .invalidField("\(what) at offset \(at) is empty or not binary")
        }
    }
}

extension TfheRsEncoder {
    mutating func glweSecretKey(_ k: GlweSecretKey) {
        version(TfheRsVersions.glweSecretKey)
        words(k.coefficients)
        newtype("PolynomialSize", k.polynomialSize)
    }

    mutating func lweSecretKey(_ k: LweSecretKey) {
        version(TfheRsVersions.lweSecretKey)
        words(k.coefficients)
    }
}
