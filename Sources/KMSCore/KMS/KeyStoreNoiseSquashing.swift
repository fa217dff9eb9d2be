import Foundation

/// The noise-squashing private key in the key store (role `noise_squashing_private_key`, 0600):
/// a tfhe-rs 1.4 `ClientKey` file carrying the key set's client key and the u128 squashing key,
/// as tfhe-rs stores it. Saving it also writes the public squashing key made from it (role
/// `noise_squashing_key`, see `KeyStoreNoiseSquashingKey.swift`); squashed values decrypt with it.
///
/// ```swift
/// let squashing = try NoiseSquashingPrivateKey.generate(.v1_4_message2Carry2KsPbsTUniform2M128)
/// try store.save(keys, serverKey: serverKey, noiseSquashingKey: squashing)
/// let again = try store.loadNoiseSquashingPrivateKey()
/// let key = try store.loadNoiseSquashingKey()
/// ```
extension KeyStore {
    /// Role of the noise-squashing private key file.
    package static let noiseSquashingKeyRole = "noise_squashing_private_key"

    /// The noise-squashing parameters a key set gets: tfhe-rs 1.4+'s for secure sets, the
    /// insecure test set otherwise.
    public static func noiseSquashingParameters(for parameters: ParameterSet) -> NoiseSquashingParameters {
        parameters.isSecure ? .v1_4_message2Carry2KsPbsTUniform2M128 : .test
    }

    /// Stores `keySet` with its server key and, optionally, its noise-squashing private key and
    /// the public noise-squashing key generated from it (seeded, drawn from `randomness`).
    @discardableResult
    public func save(_ keySet: KeySet, serverKey: ServerKey, noiseSquashingKey: NoiseSquashingPrivateKey?, overwrite: Bool = false,
                     metadata: [String: String] = [:], randomness: TFHERandomness = .system()) throws(StorageError) -> KeyManifest {
        guard serverKey.parameters == keySet.parameters else {
            throw .corrupted(path: directory.path, reason: "the server key's parameters are not the key set's")
        }
        if exists && !overwrite { throw .alreadyExists(path: directory.appendingPathComponent(Self.manifestName).path) }
        return try save(keySet, serverKeyFile: try Self.serverKeyFile(serverKey), noiseSquashingKey: noiseSquashingKey,
                        randomness: randomness, noiseSquashingProgress: nil, overwrite: overwrite, metadata: metadata)
    }

    /// Generates the server key of `keySet` (with compression keys when the parameters have
    /// compression) and stores it with the key set; with a noise-squashing private key, also the
    /// public noise-squashing key. Each key is serialized as soon as it is made and dropped
    /// before the files are written, so the peak memory stays near twice the largest file.
    /// `progress` reports the server key, `noiseSquashingProgress` the noise-squashing key.
    /// - Throws: `TFHEError` from key generation, `StorageError` from the store.
    @discardableResult
    public func save(_ keySet: KeySet, generatingServerKeyWith randomness: TFHERandomness = .system(), compressionKeys: Bool = true,
                     noiseSquashingKey: NoiseSquashingPrivateKey? = nil, overwrite: Bool = false,
                     progress: ((Double) -> Void)? = nil, noiseSquashingProgress: ((Double) -> Void)? = nil) throws -> KeyManifest {
        if exists && !overwrite { throw StorageError.alreadyExists(path: directory.appendingPathComponent(Self.manifestName).path) }
        let file = try Self.serverKeyFile(ServerKey.generate(for: keySet.clientKey, randomness: randomness,
                                                             compressionKeys: compressionKeys, progress: progress))
        return try save(keySet, serverKeyFile: file, noiseSquashingKey: noiseSquashingKey, randomness: randomness,
                        noiseSquashingProgress: noiseSquashingProgress, overwrite: overwrite, metadata: [:])
    }

    private func save(_ keySet: KeySet, serverKeyFile: [UInt8], noiseSquashingKey: NoiseSquashingPrivateKey?, randomness: TFHERandomness,
                      noiseSquashingProgress: ((Double) -> Void)?, overwrite: Bool,
                      metadata: [String: String]) throws(StorageError) -> KeyManifest {
        var files = [ExtraFile(role: Self.serverKeyRole, bytes: serverKeyFile, isPrivate: false)]
        if let noiseSquashingKey {
            do {
                try noiseSquashingKey.parameters.validate(for: keySet.parameters)
                let layout = TfheRsLayout.v1_4
                let ck = try TfheRsClientKey(keySet.clientKey, layout: layout).adding(noiseSquashingKey: noiseSquashingKey)
                files.append(ExtraFile(role: Self.noiseSquashingKeyRole, bytes: try TfheRsFile(object: .clientKey(ck), layout: layout).encode(),
                                       isPrivate: true))
            } catch {
                throw .corrupted(path: directory.path, reason: "noise-squashing key: \(error)")
            }
            files.append(ExtraFile(role: Self.noiseSquashingPublicKeyRole,
                                   bytes: try Self.noiseSquashingKeyFile(clientKey: keySet.clientKey, privateKey: noiseSquashingKey,
                                                                         randomness: randomness, progress: noiseSquashingProgress),
                                   isPrivate: false))
        }
        return try save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: files)
    }

    /// Whether the key set has a noise-squashing private key.
    public var hasNoiseSquashingKey: Bool {
        (try? manifest())?.files[Self.noiseSquashingKeyRole] != nil
    }

    /// Loads the noise-squashing private key (digest-checked).
    public func loadNoiseSquashingPrivateKey() throws(StorageError) -> NoiseSquashingPrivateKey {
        let m = try manifest()
        guard let entry = m.files[Self.noiseSquashingKeyRole] else {
            throw .notFound(path: directory.appendingPathComponent("\(Self.noiseSquashingKeyRole)-\(m.keyID.hex).bin").path)
        }
        let bytes = try readFile(role: Self.noiseSquashingKeyRole, manifest: m)
        do throws(TfheRsError) {
            let file = try TfheRsFile.decode(bytes, expecting: .clientKey, limits: .key)
            guard case .clientKey(let ck) = file.object, let key = try NoiseSquashingPrivateKey(tfheRs: ck) else {
                throw TfheRsError.invalidField("no noise-squashing key in the file")
            }
            return key
        } catch {
            throw .corrupted(path: directory.appendingPathComponent(entry.path).path, reason: error.description)
        }
    }
}

extension SquashedNoiseCiphertext {
    /// The squashed value in `bytes` if they are a tfhe-rs `SquashedNoiseFheUint`/`FheBool`
    /// (bounded by `limits`), `nil` for any other object.
    public static func read(_ bytes: [UInt8], as type: FheType? = nil, limits: TfheRsLimits = .ciphertext) throws(TfheRsError) -> SquashedNoiseCiphertext? {
        guard bytes.count <= limits.sizeLimit else { throw .sizeLimitExceeded(size: bytes.count, limit: limits.sizeLimit) }
        guard let file = try? TfheRsFile.decode(bytes, limits: limits) else { return nil }
        guard case .squashedNoiseCiphertext(let c) = file.object else { return nil }
        return try SquashedNoiseCiphertext(tfheRs: c, type: type)
    }

    /// The value as a tfhe-rs file of `layout` (1.1 on), `safe_serialize`.
    public func tfheRsFile(layout: TfheRsLayout = .v1_4) throws(TfheRsError) -> [UInt8] {
        try TfheRsFile(object: .squashedNoiseCiphertext(try tfheRs()), layout: layout).encode()
    }
}
