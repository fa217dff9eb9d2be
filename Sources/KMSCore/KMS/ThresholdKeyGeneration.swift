import Foundation

/// Dealer key generation for threshold decryption, to disk: a key set with its server key and
/// noise-squashing key is generated, its secrets are shared (`ThresholdDealer`), and
///
/// - `directory` receives the public material — compact public key, server key, public
///   noise-squashing key, threshold facts — under the key id a centralized set of the same keys
///   would have (no secret is written there; `kmsctl encrypt` works on it);
/// - `directory/party-<i>` receives party i's key share (0600) and the facts.
///
/// The secret keys exist only in this process and are dropped when it returns.
///
/// ```swift
/// let info = try ThresholdKeyGeneration.generate(.default, threshold: try ThresholdParameters(parties: 4, threshold: 1),
///                                                directory: URL(fileURLWithPath: "keys"))
/// ```
public enum ThresholdKeyGeneration {
    /// Generates, shares and writes the keys; `progress(stage, fraction)` reports the server-key
    /// and noise-squashing-key generation.
    /// - Throws: `StorageError.alreadyExists` when `directory` or a party directory already
    ///   holds keys and `overwrite` is not set; `TFHEError`/`ThresholdError` from generation.
    @discardableResult
    public static func generate(_ parameters: ParameterSet, threshold: ThresholdParameters, directory: URL,
                                randomness: TFHERandomness = .system(), overwrite: Bool = false,
                                progress: ((String, Double) -> Void)? = nil) throws -> ThresholdKeyInfo {
        let store = KeyStore(directory: directory)
        let parties = (1...threshold.parties).map { KeyStore(directory: KeyStore.partyDirectory($0, in: directory)) }
        if !overwrite, let taken = ([store] + parties).first(where: \.exists) {
            throw StorageError.alreadyExists(path: taken.directory.appendingPathComponent(KeyStore.manifestName).path)
        }
        let keys = try KeySet.generate(parameters, randomness: randomness)
        let squashing = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: parameters), randomness: randomness)
        let shares = try ThresholdDealer.share(clientKey: keys.clientKey, noiseSquashingKey: squashing, keyID: keys.keyID,
                                               parameters: threshold, randomness: randomness)
        let serverKey = try KeyStore.serverKeyFile(ServerKey.generate(for: keys.clientKey, randomness: randomness, compressionKeys: true) {
            progress?("server key", $0)
        })
        let squashingKey = try KeyStore.noiseSquashingKeyFile(clientKey: keys.clientKey, privateKey: squashing, randomness: randomness) {
            progress?("noise-squashing key", $0)
        }
        let info = shares[0].info
        _ = try store.write(keyID: keys.keyID, parameters: parameters, files: [
            .init(role: KeyStore.publicKeyRole, bytes: KeyFileCoding.encode(keys.publicKey), isPrivate: false),
            .init(role: KeyStore.serverKeyRole, bytes: serverKey, isPrivate: false),
            .init(role: KeyStore.noiseSquashingPublicKeyRole, bytes: squashingKey, isPrivate: false),
            try KeyStore.thresholdInfoFile(info),
        ], overwrite: overwrite)
        for (party, share) in zip(parties, shares) {
            try party.save(share: share, parameters: parameters, overwrite: overwrite)
        }
        return info
    }
}
