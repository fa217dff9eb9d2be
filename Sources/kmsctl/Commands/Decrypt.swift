import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl decrypt`: decrypt a ciphertext file with a key set.
struct Decrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt a ciphertext with a key set and print the value.",
        discussion: "Also decrypts tfhe-rs FheUint/FheBool, CompactCiphertextList and CompressedCiphertextList files (one value per line), with --keys DIR or a tfhe-rs ClientKey file (--client-key), squashed-noise values (kmsctl squash) with the key directory's noise-squashing key, and compressed squashed-noise lists (kmsctl squash --compress, tfhe-rs CompressedSquashedNoiseCiphertextList) with its noise-squashing compression key.")

    @Option(help: "Key directory (from keygen or key import).")
    var keys: String?

    @Option(name: .customLong("client-key"), help: "A tfhe-rs ClientKey file (instead of --keys).")
    var clientKeyFile: String?

    @Option(name: .customLong("ct"), help: "Ciphertext file (from encrypt).")
    var ciphertexts: [String] = []

    @Flag(help: "Print {\"type\":…,\"value\":…} instead of the bare value.")
    var json = false

    @OptionGroup(title: "Signed decryption (fhEVM gateway response)")
    var signed: SignedDecryptOptions

    func validate() throws {
        guard (keys == nil) != (clientKeyFile == nil) else { throw ValidationError("give exactly one of --keys DIR or --client-key FILE") }
        if signed.signer != nil {
            guard keys != nil else { throw ValidationError("signed decryption needs --keys DIR") }
            try signed.validate(ciphertextCount: ciphertexts.count)
            return
        }
        guard ciphertexts.count == 1 else { throw ValidationError("give exactly one --ct FILE") }
    }

    func run() throws {
        let path = ciphertexts.first ?? "-"
        if let clientKeyFile {
            // A tfhe-rs ClientKey alone: no key store, so no key id to check native files against.
            let ck = try parseFile(clientKeyFile) { try ClientKey(tfheRsBytes: $0) }
            let reader = CiphertextReader(keyID: nil, parameters: ck.parameters)
            printValues(try parseFile(path) { try reader.read($0).map(ck.decrypt) })
            return
        }
        guard let keys else { throw ValidationError("--keys DIR is required") }
        let keySet = try KeyStore(directory: URL(fileURLWithPath: keys)).load()
        let reader = CiphertextReader(keys: keySet)
        if signed.signer != nil {
            print(try signed.run(reader: reader, decryptor: keySet.clientKey, ciphertextPaths: ciphertexts).json)
            return
        }
        let store = KeyStore(directory: URL(fileURLWithPath: keys))
        let values = try parseFile(path) { bytes -> [ClearValue] in
            // Squashed-noise values (kmsctl squash, tfhe-rs squash_noise) decrypt with the
            // noise-squashing private key; everything else with the client key.
            if let squashed = try SquashedNoiseCiphertext.read(bytes) {
                return [try store.loadNoiseSquashingPrivateKey().decrypt(squashed)]
            }
            // Compressed squashed lists (kmsctl squash --compress, an fhEVM coprocessor) with
            // the noise-squashing compression private key.
            if let list = try CompressedSquashedNoiseCiphertextList.read(bytes) {
                return try store.loadNoiseSquashingCompressionPrivateKey().decrypt(list)
            }
            return try reader.read(bytes).map(keySet.clientKey.decrypt)
        }
        printValues(values)
    }

    /// Prints decrypted values: one per line, or JSON (an object for one value, an array for several).
    private func printValues(_ values: [ClearValue]) {
        if json {
            print(values.count == 1 ? JSONText.encode(values[0]) : JSONText.encode(values))
        } else {
            for v in values { print(ValueFormat.format(v)) }
        }
    }
}
