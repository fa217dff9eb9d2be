import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl key`: tfhe-rs key files — inspect, import into a key directory, export from one.
struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect, import and export tfhe-rs key files (ClientKey, CompactPublicKey, ServerKey) and ciphertexts.",
        subcommands: [Inspect.self, Import.self, Export.self])

    /// Parses `--tfhe-rs-version`.
    static func layout(_ text: String?) throws -> TfheRsLayout? {
        guard let text else { return nil }
        guard let l = TfheRsLayout(release: text) else {
            throw ValidationError("--tfhe-rs-version must be a tfhe-rs release from 0.8 to 1.7 (e.g. 0.10, 1.0.0, 1.4) or main-2025-06, got '\(text)'")
        }
        return l
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe a tfhe-rs object as JSON (type, header, size, parameters); never prints key material.",
            discussion: "Reads safe_serialize output, versioned bincode and plain (wasm) bincode of tfhe-rs 0.8 to 1.7: ClientKey, CompactPublicKey, ServerKey, FheUint, FheInt, FheBool, Vec<FheUint>, CompactCiphertextList, CompressedCiphertextList and seeded CompressedFheUint/CompressedFheBool.")

        @Argument(help: "The file (- for standard input).")
        var file: String

        @Option(name: .customLong("tfhe-rs-version"), help: "For plain bincode: the tfhe-rs release that wrote it (default: try each).")
        var version: String?

        func run() throws {
            let layout = try Key.layout(version)
            var size = 0
            let file = try parseFile(file) { bytes in
                size = bytes.count
                // Shapes only: files up to the standard-key limit (a Fourier128 squashing key is 785 MB).
                return try TfheRsFile.decode(bytes, layout: layout, limits: .standardKey)
            }
            print(file.inspection(sizeBytes: size))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a tfhe-rs ClientKey (with its CompactPublicKey and ServerKey, when given) into a key directory.",
            discussion: "Checks that every file parses completely and belongs to the client key (the public key's noise, the server key's key-switching key); without --public-key, a public key is made from the client key. Stores the key set with the original files (roles tfhe_rs_client_key, tfhe_rs_public_key, tfhe_rs_server_key) and records the tfhe-rs layout in the manifest. Prints the key id.")

        @Option(name: .customLong("client-key"), help: "tfhe-rs ClientKey file.")
        var clientKey: String

        @Option(name: .customLong("public-key"), help: "tfhe-rs CompactPublicKey file (default: made from the client key).")
        var publicKey: String?

        @Option(name: .customLong("server-key"), help: "tfhe-rs ServerKey file (tfhe-rs 1.0 or later).")
        var serverKey: String?

        @Option(help: "Key directory to create.")
        var out: String

        @Flag(help: "Replace an existing key set in --out.")
        var force = false

        func run() throws {
            let store = KeyStore(directory: URL(fileURLWithPath: out))
            if store.exists && !force { throw StorageError.alreadyExists(path: out + "/" + KeyStore.manifestName) }
            let ck = try readInput(clientKey)
            let pk = try publicKey.map { try readInput($0) }
            let sk = try serverKey.map { try readInput($0, maxSize: TfheRsLimits.key.sizeLimit) }
            let imported: TfheRsKeyImport
            do {
                imported = try TfheRsKeyImport(clientKey: ck, publicKey: pk, serverKey: sk)
            } catch {
                let paths = [clientKey, publicKey, serverKey].compactMap { $0 }.joined(separator: " + ")
                throw CLIInputError.invalidFile(path: paths, reason: "\(error)")
            }
            let m = imported.parameterMatch
            if m.namedSet == nil {
                printError("note: parameters are \(m.parameters.tfheRsName)")
            }
            try imported.save(to: store, overwrite: force)
            let parts = ["client key", imported.publicKeyDerived ? "public key (made from the client key)" : "public key",
                         imported.hasServerKey ? "server key" : nil].compactMap { $0 }.joined(separator: ", ")
            printError("imported tfhe-rs \(imported.layout.releases) \(parts) (\(imported.keySet.parameters.name) parameters) into \(out)")
            print(imported.keySet.keyID.hex)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a key set as tfhe-rs files: client_key.bin (0600), public_key.bin and, when one was imported, server_key.bin.",
            discussion: "Uses the tfhe-rs layout the key set was imported with (the original bytes), else the parameter set's: default → 0.8.x, 2m128 → 1.0.x.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case tfheRs = "tfhe-rs"
        }

        enum EncodingOption: String, ExpressibleByArgument, CaseIterable {
            case safeSerialize = "safe_serialize", versioned, plain
        }

        @Option(help: "Key directory.")
        var keys: String

        @Option(help: "Output format.")
        var format: Format = .tfheRs

        @Option(help: "Output directory (created if needed).")
        var out: String

        @Option(name: .customLong("tfhe-rs-version"), help: "tfhe-rs release whose layout to write (0.8 to 1.7).")
        var version: String?

        @Option(help: "safe_serialize (default), versioned (no header) or plain bincode.")
        var encoding: EncodingOption?

        @Flag(help: "Replace existing files in --out.")
        var force = false

        @Flag(name: .customLong("noise-squashing-key"),
              help: "Also write noise_squashing_key.bin: the stored noise-squashing key decompressed into tfhe-rs's standard NoiseSquashingKey (128-bit Fourier form, tfhe-rs 1.4 layout).")
        var noiseSquashingKey = false

        func run() throws {
            let layout = try Key.layout(version)
            let store = KeyStore(directory: URL(fileURLWithPath: keys))
            let export = try TfheRsKeyExport(store: store, layout: layout,
                                             encoding: encoding.flatMap { TfheRsKeyExport.Encoding(rawValue: $0.rawValue) })
            let dir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try SecureFile.write(export.clientKey, to: dir.appendingPathComponent("client_key.bin"), permissions: 0o600, overwrite: force)
            try SecureFile.write(export.publicKey, to: dir.appendingPathComponent("public_key.bin"), permissions: 0o644, overwrite: force)
            if let sk = export.serverKey {
                try SecureFile.write(sk, to: dir.appendingPathComponent("server_key.bin"), permissions: 0o644, overwrite: force)
            }
            if noiseSquashingKey {
                let start = Date()
                try SecureFile.write(try store.standardNoiseSquashingKeyFile(), to: dir.appendingPathComponent("noise_squashing_key.bin"),
                                     permissions: 0o644, overwrite: force)
                printError(String(format: "wrote noise_squashing_key.bin (decompressed) in %.2f s", Date().timeIntervalSince(start)))
            }
            printError("wrote tfhe-rs \(export.layout.releases) \(export.encoding.rawValue) files to \(out)")
        }
    }
}
