import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl keygen`: generate a client key and compact public key into a key-store directory.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate an FHE key set (client key, compact public key, server key) into a key directory.",
        discussion: """
            Prints the key id. The server key (key switching + bootstrapping, written as a tfhe-rs \
            ServerKey) is generated on all cores with progress on stderr; --no-server-key skips it. \
            Refuses to replace an existing key set unless --force is given.
            """)

    @Option(help: "Parameter set: default (fhEVM TUNIFORM_2M64), 2m128 (tfhe-rs 1.0), or test (INSECURE, for tests).")
    var params: String = "default"

    @Option(help: "Key directory to create (manifest.json + key files).")
    var out: String

    @Option(help: "16-byte hex seed for reproducible keys (tests only; omit for system randomness).")
    var seed: String?

    @Flag(help: "Replace an existing key set in --out.")
    var force = false

    @Flag(name: .customLong("no-server-key"), help: "Skip the server key (client and public key only).")
    var noServerKey = false

    @Flag(name: .customLong("noise-squashing"), help: "Also generate the noise-squashing private key, the public noise-squashing key (u128, seeded tfhe-rs CompressedNoiseSquashingKey) and the squashed-noise compression keys (private key beside it, public seeded CompressedNoiseSquashingCompressionKey); tfhe-rs 1.4 parameters, or the test set's.")
    var noiseSquashing = false

    func validate() throws {
        if noServerKey && noiseSquashing { throw ValidationError("--noise-squashing needs the server key (drop --no-server-key)") }
    }

    func run() throws {
        let parameters = try ParameterSet.named(params)
        let store = KeyStore(directory: URL(fileURLWithPath: out))
        if store.exists && !force { throw StorageError.alreadyExists(path: out + "/" + KeyStore.manifestName) }
        if !parameters.isSecure { printError("warning: '\(parameters.name)' parameters are INSECURE; use them for tests only") }
        let randomness: TFHERandomness
        if let seed {
            guard let bytes = try? Hex.decode(seed, length: 16) else {
                throw ValidationError("--seed must be 16 bytes of hex (32 digits)")
            }
            randomness = try TFHERandomness.seeded(bytes)
            printError("warning: seeded key generation; anyone with the seed can recreate these keys")
        } else {
            randomness = .system()
        }
        printError("generating \(parameters.name) keys (\(parameters.tfheRsName))…")
        let start = Date()
        let keys = try KeySet.generate(parameters, randomness: randomness)
        if noServerKey {
            try store.save(keys, overwrite: force)
        } else {
            var reported = -1
            let squashing = noiseSquashing
                ? try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: parameters), randomness: randomness) : nil
            let compression = noiseSquashing
                ? try NoiseSquashingCompressionPrivateKey.generate(KeyStore.noiseSquashingCompressionParameters(for: parameters),
                                                                   randomness: randomness) : nil
            var reportedSquashing = -1
            var squashingKeyName = "noise-squashing key"
            try store.save(keys, generatingServerKeyWith: randomness, noiseSquashingKey: squashing,
                           noiseSquashingCompressionKey: compression, overwrite: force,
                           progress: { fraction in
                               let percent = Int(fraction * 100)
                               if percent / 10 > reported / 10 { reported = percent; printError("server key: \(percent)%") }
                           },
                           noiseSquashingProgress: { fraction in
                               let percent = Int(fraction * 100)
                               // The squashing key reports first, then its compression key from 0 again.
                               if percent < reportedSquashing { reportedSquashing = -1; squashingKeyName = "noise-squashing compression key" }
                               if percent / 10 > reportedSquashing / 10 {
                                   reportedSquashing = percent
                                   printError("\(squashingKeyName): \(percent)%")
                               }
                           })
        }
        printError(String(format: "wrote %@ in %.2f s", out, Date().timeIntervalSince(start)))
        print(keys.keyID.hex)
    }
}
