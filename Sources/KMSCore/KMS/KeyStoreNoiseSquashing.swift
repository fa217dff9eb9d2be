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
    /// the public noise-squashing key generated from it (seeded, drawn from `randomness`); with
    /// a compression private key as well, that key (in the same private file) and the public
    /// compression key made from it (`KeyStoreNoiseSquashingCompression.swift`).
    @discardableResult
    public func save(_ keySet: KeySet, serverKey: ServerKey, noiseSquashingKey: NoiseSquashingPrivateKey?,
                     noiseSquashingCompressionKey: NoiseSquashingCompressionPrivateKey? = nil, overwrite: Bool = false,
                     metadata: [String: String] = [:], randomness: TFHERandomness = .system()) throws(StorageError) -> KeyManifest {
        guard serverKey.parameters == keySet.parameters else {
            throw .corrupted(path: directory.path, reason: "the server key's parameters are not the key set's")
        }
        if exists && !overwrite { throw .alreadyExists(path: directory.appendingPathComponent(Self.manifestName).path) }
        return try save(keySet, serverKeyFile: try Self.serverKeyFile(serverKey), noiseSquashingKey: noiseSquashingKey,
                        noiseSquashingCompressionKey: noiseSquashingCompressionKey, randomness: randomness,
                        noiseSquashingProgress: nil, overwrite: overwrite, metadata: metadata)
    }

    /// Generates the server key of `keySet` (with compression keys when the parameters have
    /// compression) and stores it with the key set; with a noise-squashing private key, also the
    /// public noise-squashing key. Each key is serialized as soon as it is made and dropped
    /// before the files are written, so the peak memory stays near twice the largest file.
    /// `progress` reports the server key, `noiseSquashingProgress` the noise-squashing key (and
    /// then its compression key, when `noiseSquashingCompressionKey` is given).
    /// - Throws: `TFHEError` from key generation, `StorageError` from the store.
    @discardableResult
    public func save(_ keySet: KeySet, generatingServerKeyWith randomness: TFHERandomness = .system(), compressionKeys: Bool = true,
                     noiseSquashingKey: NoiseSquashingPrivateKey? = nil,
                     noiseSquashingCompressionKey: NoiseSquashingCompressionPrivateKey? = nil, overwrite: Bool = false,
                     progress: ((Double) -> Void)? = nil, noiseSquashingProgress: ((Double) -> Void)? = nil) throws -> KeyManifest {
        if exists && !overwrite { throw StorageError.alreadyExists(path: directory.appendingPathComponent(Self.manifestName).path) }
        let file = try Self.serverKeyFile(ServerKey.generate(for: keySet.clientKey, randomness: randomness,
                                                             compressionKeys: compressionKeys, progress: progress))
        return try save(keySet, serverKeyFile: file, noiseSquashingKey: noiseSquashingKey,
                        noiseSquashingCompressionKey: noiseSquashingCompressionKey, randomness: randomness,
                        noiseSquashingProgress: noiseSquashingProgress, overwrite: overwrite, metadata: [:])
    }

    private func save(_ keySet: KeySet, serverKeyFile: [UInt8], noiseSquashingKey: NoiseSquashingPrivateKey?,
                      noiseSquashingCompressionKey: NoiseSquashingCompressionPrivateKey?, randomness: TFHERandomness,
                      noiseSquashingProgress: ((Double) -> Void)?, overwrite: Bool,
                      metadata: [String: String]) throws(StorageError) -> KeyManifest {
        var files = [ExtraFile(role: Self.serverKeyRole, bytes: serverKeyFile, isPrivate: false)]
        if noiseSquashingCompressionKey != nil && noiseSquashingKey == nil {
            throw .corrupted(path: directory.path, reason: "a noise-squashing compression key needs the noise-squashing key it compresses")
        }
        if let noiseSquashingKey {
            do {
                try noiseSquashingKey.parameters.validate(for: keySet.parameters)
                try noiseSquashingCompressionKey?.parameters.validate(for: noiseSquashingKey.parameters)
                let layout = TfheRsLayout.v1_4
                var ck = try TfheRsClientKey(keySet.clientKey, layout: layout).adding(noiseSquashingKey: noiseSquashingKey)
                if let noiseSquashingCompressionKey { ck = ck.adding(noiseSquashingCompressionKey: noiseSquashingCompressionKey) }
                files.append(ExtraFile(role: Self.noiseSquashingKeyRole, bytes: try TfheRsFile(object: .clientKey(ck), layout: layout).encode(),
                                       isPrivate: true))
            } catch {
                throw .corrupted(path: directory.path, reason: "noise-squashing key: \(error)")
            }
            files.append(ExtraFile(role: Self.noiseSquashingPublicKeyRole,
                                   bytes: try Self.noiseSquashingKeyFile(clientKey: keySet.clientKey, privateKey: noiseSquashingKey,
                                                                         randomness: randomness, progress: noiseSquashingProgress),
                                   isPrivate: false))
            if let noiseSquashingCompressionKey {
                files.append(ExtraFile(role: Self.noiseSquashingCompressionKeyRole,
                                       bytes: try Self.noiseSquashingCompressionKeyFile(squashingKey: noiseSquashingKey,
                                                                                        compressionKey: noiseSquashingCompressionKey,
                                                                                        randomness: randomness, progress: noiseSquashingProgress),
                                       isPrivate: false))
            }
        }
        return try save(keySet, overwrite: overwrite, metadata: metadata, extraFiles: files)
    }

    /// Whether the key set has a noise-squashing private key.
    public var hasNoiseSquashingKey: Bool {
        (try? manifest())?.files[Self.noiseSquashingKeyRole] != nil
    }

    /// Loads the noise-squashing private key (digest-checked).
    public func loadNoiseSquashingPrivateKey() throws(StorageError) -> NoiseSquashingPrivateKey {
        try fromNoiseSquashingClientKey("no noise-squashing key in the file") { ck throws(TfheRsError) in try NoiseSquashingPrivateKey(tfheRs: ck) }
    }

    /// Reads the tfhe-rs client key file holding the noise-squashing keys (digest-checked) and
    /// takes a key out of it; `missing` is the reason given when `take` finds none.
    func fromNoiseSquashingClientKey<T>(_ missing: String, _ take: (TfheRsClientKey) throws(TfheRsError) -> T?) throws(StorageError) -> T {
        try decodeStored(role: Self.noiseSquashingKeyRole, expecting: .clientKey) { object, _ throws(TfheRsError) in
            guard case .clientKey(let ck) = object, let key = try take(ck) else { throw .invalidField(missing) }
            return key
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
