import Foundation

/// The public noise-squashing key in the key store (role `noise_squashing_key`, 0644): a tfhe-rs
/// 1.4 `CompressedNoiseSquashingKey` file (`safe_serialize`, seeded: a seed and the body
/// polynomials, about a third of the standard key), written with the noise-squashing private
/// key it comes from. Threshold parties load it instead of needing the private key; loading
/// regenerates the masks and builds the spectra for squashing.
///
/// ```swift
/// try store.save(keys, serverKey: serverKey, noiseSquashingKey: squashingPrivateKey)
/// let key = try store.loadNoiseSquashingKey()
/// let squashed = try key.squash(ciphertext, serverKey: try store.loadServerKey())
/// ```
extension KeyStore {
    /// Role of the public noise-squashing key file.
    package static let noiseSquashingPublicKeyRole = "noise_squashing_key"

    /// The layout the public noise-squashing key is written in (the private key's, 1.4).
    package static let noiseSquashingKeyLayout = TfheRsLayout.v1_4

    /// The tfhe-rs `CompressedNoiseSquashingKey` file of the key `privateKey` makes for
    /// `clientKey`. The key is generated seeded (only the bodies are held) and encoded at once.
    package static func noiseSquashingKeyFile(clientKey: ClientKey, privateKey: NoiseSquashingPrivateKey, randomness: TFHERandomness,
                                              progress: ((Double) -> Void)?) throws(StorageError) -> [UInt8] {
        do throws(TfheRsError) {
            let layout = noiseSquashingKeyLayout
            let key = try TfheRsCompressedNoiseSquashingKey.generate(clientKey: clientKey, privateKey: privateKey, layout: layout,
                                                                     randomness: randomness, progress: progress)
            return try TfheRsFile(object: .compressedNoiseSquashingKey(key), layout: layout).encode()
        } catch {
            throw .corrupted(path: "noise-squashing key", reason: error.description)
        }
    }

    /// The stored public noise-squashing key in tfhe-rs's standard form: an
    /// `integer::NoiseSquashingKey` file (1.4 layout) holding the 128-bit Fourier bootstrapping
    /// key, as tfhe-rs's `CompressedNoiseSquashingKey::decompress()` makes it (785 MB for the
    /// `default` set, n = 887).
    /// - Throws: `StorageError.notFound` without the public key, `.corrupted` for a damaged one.
    public func standardNoiseSquashingKeyFile() throws(StorageError) -> [UInt8] {
        let compute = try loadPublicKey().publicKey.parameters
        return try decodeStored(role: Self.noiseSquashingPublicKeyRole, expecting: .compressedNoiseSquashingKey) { object, layout throws(TfheRsError) in
            guard case .compressedNoiseSquashingKey(let key) = object else { throw .invalidField("not a compressed noise-squashing key") }
            let standard = try TfheRsNoiseSquashingKey(decompressing: key, parameters: Self.noiseSquashingParameters(for: compute),
                                                       inputLweDimension: compute.compute.lweDimension)
            return try TfheRsFile(object: .noiseSquashingKey(standard), layout: layout).encode()
        }
    }

    /// Whether the key set has a public noise-squashing key.
    public var hasNoiseSquashingPublicKey: Bool {
        (try? manifest())?.files[Self.noiseSquashingPublicKeyRole] != nil
    }

    /// Loads the public noise-squashing key (digest-checked) for `parameters`, by default the
    /// squashing parameters of the stored key set (`noiseSquashingParameters(for:)`). Every
    /// shape is checked against them before the spectra are built (on all cores).
    /// - Throws: `StorageError.notFound` without the file, `.corrupted` for a file that is not a
    ///   matching compressed noise-squashing key.
    public func loadNoiseSquashingKey(parameters: NoiseSquashingParameters? = nil) throws(StorageError) -> NoiseSquashingKey {
        let compute = try loadPublicKey().publicKey.parameters
        let squashing = parameters ?? Self.noiseSquashingParameters(for: compute)
        return try decodeStored(role: Self.noiseSquashingPublicKeyRole, expecting: .compressedNoiseSquashingKey) { object, _ throws(TfheRsError) in
            guard case .compressedNoiseSquashingKey(let key) = object else { throw .invalidField("not a compressed noise-squashing key") }
            return try NoiseSquashingKey(tfheRsCompressed: key, parameters: squashing, compute: compute)
        }
    }

    /// The key to squash with: the stored public noise-squashing key when the key set has one,
    /// otherwise generated from the stored private key and client key (key sets saved before the
    /// public key was written). `progress` reports a generation only.
    /// - Returns: the key and whether it was loaded from the store.
    public func noiseSquashingKeyForSquashing(progress: ((Double) -> Void)? = nil) throws -> (key: NoiseSquashingKey, stored: Bool) {
        if hasNoiseSquashingPublicKey { return (try loadNoiseSquashingKey(), true) }
        let privateKey = try loadNoiseSquashingPrivateKey()
        let keySet = try load()
        return (try NoiseSquashingKey.generate(clientKey: keySet.clientKey, privateKey: privateKey, progress: progress), false)
    }
}
