import Foundation

/// The squashed-noise compression keys in the key store: the private key rides in the
/// noise-squashing private key's tfhe-rs `ClientKey` file (role `noise_squashing_private_key`,
/// 0600), as tfhe-rs stores it; the public key is a tfhe-rs 1.4
/// `CompressedNoiseSquashingCompressionKey` file (role `noise_squashing_compression_key`, 0644,
/// seeded: a seed and the body polynomials). Compressed squashed lists decrypt with the private
/// key; the public key is what an fhEVM coprocessor compresses squashed values with.
///
/// ```swift
/// let nsk = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: keys.parameters))
/// let compression = try NoiseSquashingCompressionPrivateKey.generate(KeyStore.noiseSquashingCompressionParameters(for: keys.parameters))
/// try store.save(keys, serverKey: serverKey, noiseSquashingKey: nsk, noiseSquashingCompressionKey: compression)
/// let list = try store.loadNoiseSquashingCompressionKey().compress([squashed])
/// let values = try store.loadNoiseSquashingCompressionPrivateKey().decrypt(list)
/// ```
extension KeyStore {
    /// Role of the public noise-squashing compression key file.
    package static let noiseSquashingCompressionKeyRole = "noise_squashing_compression_key"

    /// The compression parameters a key set gets: tfhe-rs 1.4's for secure sets, the insecure
    /// test set otherwise (matching `noiseSquashingParameters(for:)`).
    public static func noiseSquashingCompressionParameters(for parameters: ParameterSet) -> NoiseSquashingCompressionParameters {
        parameters.isSecure ? .v1_4_message2Carry2KsPbsTUniform2M128 : .test
    }

    /// The tfhe-rs `CompressedNoiseSquashingCompressionKey` file of the key `compressionKey`
    /// makes for `squashingKey`, generated seeded and encoded at once.
    package static func noiseSquashingCompressionKeyFile(squashingKey: NoiseSquashingPrivateKey,
                                                         compressionKey: NoiseSquashingCompressionPrivateKey,
                                                         randomness: TFHERandomness, progress: ((Double) -> Void)?) throws(StorageError) -> [UInt8] {
        do throws(TfheRsError) {
            let layout = noiseSquashingKeyLayout
            let key = try TfheRsCompressedNoiseSquashingCompressionKey.generate(squashingKey: squashingKey, compressionKey: compressionKey,
                                                                               layout: layout, randomness: randomness, progress: progress)
            return try TfheRsFile(object: .compressedNoiseSquashingCompressionKey(key), layout: layout).encode()
        } catch {
            throw .corrupted(path: "noise-squashing compression key", reason: error.description)
        }
    }

    /// Whether the key set has a public noise-squashing compression key.
    public var hasNoiseSquashingCompressionKey: Bool {
        (try? manifest())?.files[Self.noiseSquashingCompressionKeyRole] != nil
    }

    /// Loads the noise-squashing compression private key (digest-checked) from the
    /// noise-squashing private key file.
    /// - Throws: `StorageError.notFound` without the file, `.corrupted` when the file holds no
    ///   compression key (key sets saved without one) or a damaged one.
    public func loadNoiseSquashingCompressionPrivateKey() throws(StorageError) -> NoiseSquashingCompressionPrivateKey {
        try fromNoiseSquashingClientKey("no noise-squashing compression key in the file (the key set was saved without one)") {
            ck throws(TfheRsError) in try NoiseSquashingCompressionPrivateKey(tfheRs: ck)
        }
    }

    /// Loads the public noise-squashing compression key (digest-checked) for `parameters`, by
    /// default those of the stored key set; shapes are checked against them and the squashing
    /// key's dimension before the masks are regenerated.
    /// - Throws: `StorageError.notFound` without the file, `.corrupted` for a file that is not a
    ///   matching compressed noise-squashing compression key.
    public func loadNoiseSquashingCompressionKey(parameters: NoiseSquashingCompressionParameters? = nil) throws(StorageError) -> NoiseSquashingCompressionKey {
        let compute = try loadPublicKey().publicKey.parameters
        let compression = parameters ?? Self.noiseSquashingCompressionParameters(for: compute)
        let input = Self.noiseSquashingParameters(for: compute).lweDimension.value
        return try decodeStored(role: Self.noiseSquashingCompressionKeyRole, expecting: .compressedNoiseSquashingCompressionKey) {
            object, _ throws(TfheRsError) in
            guard case .compressedNoiseSquashingCompressionKey(let key) = object else {
                throw .invalidField("not a compressed noise-squashing compression key")
            }
            return try NoiseSquashingCompressionKey(tfheRsCompressed: key, parameters: compression, inputLweDimension: input)
        }
    }
}
