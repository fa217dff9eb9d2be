import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl squash`: noise squashing of a ciphertext (64-bit blocks → low-noise 128-bit LWEs).
struct Squash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Squash the noise of a ciphertext into a tfhe-rs SquashedNoiseFheUint/FheBool (what threshold decryption takes).",
        discussion: """
            Needs a key directory made with keygen --noise-squashing: the stored public squashing \
            key (noise_squashing_key, a tfhe-rs CompressedNoiseSquashingKey) is loaded, or, in key \
            directories without one, generated from the noise-squashing private key (both cores, \
            progress on stderr); then blocks are packed in pairs and bootstrapped over Z_2^128 as \
            tfhe-rs 1.4 does. With --compress the squashed value is packed by the stored \
            noise-squashing compression key into a tfhe-rs CompressedSquashedNoiseCiphertextList \
            (the form fhEVM hands to the KMS). kmsctl decrypt reads both.
            """)

    @Option(help: "Key directory with a server key and a noise-squashing key.")
    var keys: String

    @Option(help: "Ciphertext file (native or tfhe-rs), - for stdin.")
    var ct: String

    @Option(help: "Type of a tfhe-rs FheUint input (its width is not in the file), e.g. euint8.")
    var type: String?

    @Option(help: "Output file (tfhe-rs 1.4 layout, safe_serialize).")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Flag(help: "Write a CompressedSquashedNoiseCiphertextList packed by the key directory's noise-squashing compression key.")
    var compress = false

    func run() throws {
        let store = KeyStore(directory: URL(fileURLWithPath: keys))
        let keySet = try store.load()
        let serverKey = try store.loadServerKey()
        let ciphertext = try parseFile(ct) { try CiphertextReader(keys: keySet).readOne($0, as: try type.map(FheType.init(name:))) }
        let start = Date()
        var reported = -1
        let (squashingKey, stored) = try store.noiseSquashingKeyForSquashing { fraction in
            let percent = Int(fraction * 100)
            if percent / 25 > reported / 25 { reported = percent; printError("squashing key: \(percent)%") }
        }
        printError(String(format: "squashing key %@ in %.2f s", stored ? "loaded" : "generated", Date().timeIntervalSince(start)))
        let squashed = try squashingKey.squash(ciphertext, serverKey: serverKey)
        let bytes = compress ? try store.loadNoiseSquashingCompressionKey().compress([squashed]).tfheRsFile() : try squashed.tfheRsFile()
        try SecureFile.write(bytes, to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: force)
        printError(String(format: "squashed %@ in %.2f s → %@", ciphertext.type.name, Date().timeIntervalSince(start), out))
    }
}
