/// The FHE secret key of a KMS (tfhe-rs high-level `ClientKey`): the small LWE key, the GLWE key
/// (whose coefficients are the big LWE key), the dedicated compact-PKE secret key and the
/// compression GLWE key.
///
/// Never prints key material.
///
/// ```swift
/// let (clientKey, publicKey) = try KeyGeneration.generate(.test)
/// let ct = clientKey.encrypt(try ClearValue(type: .euint8, 200))
/// let v = try clientKey.decrypt(ct)        // euint8(200)
/// ```
public struct ClientKey: Sendable, FheDecryptor, CustomStringConvertible, CustomReflectable {
    public let parameters: ParameterSet
    /// The small LWE key (dimension n).
    package let lweSecretKey: LweSecretKey
    /// The GLWE key (k × N); its flattening is the big LWE key.
    package let glweSecretKey: GlweSecretKey
    /// The dedicated compact-PKE secret key, when the parameter set has one.
    package let compactPrivateKey: LweSecretKey?
    /// The compression GLWE key, when the parameter set has compression.
    package let compressionKey: GlweSecretKey?

    /// Assembles a client key, checking every dimension against `parameters`.
    public init(parameters: ParameterSet, lweSecretKey: LweSecretKey, glweSecretKey: GlweSecretKey,
                compactPrivateKey: LweSecretKey?, compressionKey: GlweSecretKey?) throws(TFHEError) {
        try parameters.validate()
        let c = parameters.compute
        guard lweSecretKey.dimension == c.lweDimension.value else {
            throw .keyMismatch("small LWE key has dimension \(lweSecretKey.dimension), parameters say \(c.lweDimension)")
        }
        guard glweSecretKey.glweDimension == c.glweDimension, glweSecretKey.polynomialSize == c.polynomialSize else {
            throw .keyMismatch("GLWE key is \(glweSecretKey.glweDimension)×\(glweSecretKey.polynomialSize), parameters say \(c.glweDimension)×\(c.polynomialSize)")
        }
        if let p = parameters.compactPublicKey {
            guard let k = compactPrivateKey, k.dimension == p.encryptionLweDimension.value else {
                throw .keyMismatch("compact-PKE key must have dimension \(p.encryptionLweDimension)")
            }
        } else if compactPrivateKey != nil {
            throw .keyMismatch("a compact-PKE key is present but the parameters have none")
        }
        if let z = parameters.compression {
            guard let k = compressionKey, k.glweDimension == z.packingKsGlweDimension,
                  k.polynomialSize == z.packingKsPolynomialSize else {
                throw .keyMismatch("compression key must be \(z.packingKsGlweDimension)×\(z.packingKsPolynomialSize)")
            }
        } else if compressionKey != nil {
            throw .keyMismatch("a compression key is present but the parameters have none")
        }
        self.parameters = parameters
        self.lweSecretKey = lweSecretKey
        self.glweSecretKey = glweSecretKey
        self.compactPrivateKey = compactPrivateKey
        self.compressionKey = compressionKey
    }

    /// The big LWE key (dimension k·N): the GLWE key's coefficients.
    package var bigLweSecretKey: LweSecretKey { glweSecretKey.lwe }

    /// The key fresh secret-key encryptions use (big or small, per the parameters).
    package var encryptionKey: LweSecretKey {
        parameters.compute.encryptionKeyChoice == .big ? bigLweSecretKey : lweSecretKey
    }

    /// The secret key of the compact public key (the dedicated one, or the big key).
    package var compactPublicKeySecret: LweSecretKey { compactPrivateKey ?? bigLweSecretKey }

    /// Encrypts `value` with the secret key (tfhe-rs `ClientKey::encrypt`): one LWE per block
    /// under the encryption key, with that key's noise (GLWE noise for the big key).
    public func encrypt(_ value: ClearValue, randomness: TFHERandomness = .system()) -> FheCiphertext {
        let c = parameters.compute
        let enc = c.encoding
        let plaintexts = RadixEncoding.blocks(of: value, encoding: enc).map(enc.encode)
        let list = LweEncryption.encrypt(plaintexts, key: encryptionKey, noise: c.encryptionNoiseDistribution,
                                         maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
        return FheCiphertext(trusted: value.type, enc, .lwe(list, key: c.encryptionKeyChoice))
    }

    /// The phase of every LWE slot of `ciphertext` (`phaseCount` of them) under the secret key
    /// its body names.
    /// - Throws: `TFHEError.keyMismatch` when the ciphertext's shape is not this key's, and
    ///   `.missingKey` for a compressed list when the key has no compression key.
    package func phases(_ ciphertext: FheCiphertext) throws(TFHEError) -> [UInt64] {
        switch ciphertext.body {
        case .lwe(let list, let choice):
            return try LweEncryption.phases(list, key: choice == .big ? bigLweSecretKey : lweSecretKey)
        case .seeded(let list, let choice):
            return try LweEncryption.phases(list, key: choice == .big ? bigLweSecretKey : lweSecretKey)
        case .compact(let list, let blocks, let packed):
            let entries = packed ? FheCiphertext.entries(ofPacked: blocks) : blocks
            return try LweCompactPublicKeyEncryption.phases(list, entries: entries, key: compactPublicKeySecret)
        case .compressed(let list, let blocks):
            guard let key = compressionKey else { throw .missingKey("the client key has no compression key") }
            return try list.phases(compressionKey: key, blocks: blocks)
        }
    }

    /// Decrypts `ciphertext` with tfhe-rs rounding and radix recombination.
    /// - Throws: `TFHEError.keyMismatch` when the ciphertext's dimension is not this key's.
    public func decrypt(_ ciphertext: FheCiphertext) throws(TFHEError) -> ClearValue {
        try ciphertext.decode(phases: phases(ciphertext))
    }

    public var description: String { "ClientKey(\(parameters.name), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the parameter set's name only, never key material.
    public var customMirror: Mirror { Mirror(self, children: ["parameters": parameters.name]) }
}
