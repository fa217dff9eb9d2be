/// Conversions between tfhe-rs key objects and this library's keys (parameters mapped to a
/// named set when equal, see `TfheRsParameterMatch`).
///
/// ```swift
/// let ck = try ClientKey(tfheRs: tfheRsClientKey)
/// let out = try TfheRsClientKey(ck, layout: .v1_0)
/// ```
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

extension ClientKey {
    /// The client key in a serialized tfhe-rs `ClientKey` (any supported encoding).
    public init(tfheRsBytes bytes: [UInt8], limits: TfheRsLimits = .key) throws(TfheRsError) {
        let file = try TfheRsFile.decode(bytes, expecting: .clientKey, limits: limits)
        guard case .clientKey(let k) = file.object else { throw .unexpectedObject(expected: "ClientKey", found: file.object.type.typeName) }
        try self.init(tfheRs: k)
    }
}
