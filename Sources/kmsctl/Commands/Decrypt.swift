import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl decrypt`: decrypt a ciphertext file with a key set.
struct Decrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt a ciphertext with a key set and print the value.",
        discussion: "Also decrypts tfhe-rs FheUint/FheBool, CompactCiphertextList and CompressedCiphertextList files (one value per line), with --keys DIR or a tfhe-rs ClientKey file (--client-key).")

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
            let ck = try parseFile(clientKeyFile) { try ClientKey(tfheRsBytes: $0) }
            printValues(try parseFile(path) { bytes in
                if bytes.starts(with: NativeFormat.magic) { return [try ck.decrypt(CiphertextFile(decoding: bytes).ciphertext)] }
                return try ck.decrypt(tfheRsBytes: bytes)
            })
            return
        }
        guard let keys else { throw ValidationError("--keys DIR is required") }
        let keySet = try KeyStore(directory: URL(fileURLWithPath: keys)).load()
        if signed.signer != nil {
            print(try signed.run(keySet: keySet, ciphertextPaths: ciphertexts).json)
            return
        }
        let bytes = try readInput(path)
        let source = path == "-" ? "standard input" : path
        if !bytes.starts(with: NativeFormat.magic) {
            // Not a native file: a tfhe-rs ciphertext object.
            do {
                printValues(try keySet.clientKey.decrypt(tfheRsBytes: bytes))
            } catch {
                throw CLIInputError.invalidFile(path: source, reason: "\(error)")
            }
            return
        }
        let file: CiphertextFile
        do { file = try CiphertextFile(decoding: bytes) } catch { throw CLIInputError.invalidFile(path: source, reason: "\(error)") }
        if let id = file.keyID, id != keySet.keyID {
            throw CLIInputError.keyMismatch(ciphertext: id.hex, keys: keySet.keyID.hex)
        }
        let value = try keySet.clientKey.decrypt(file.ciphertext)
        let text = ValueFormat.format(value)
        if json {
            print(#"{"type":"\#(value.type.name)","value":"\#(text)"}"#)
        } else {
            print(text)
        }
    }

    /// Prints decrypted values: one per line, or JSON (an object for one value, an array for several).
    private func printValues(_ values: [ClearValue]) {
        let objects = values.map { #"{"type":"\#($0.type.name)","value":"\#(ValueFormat.format($0))"}"# }
        if json {
            print(objects.count == 1 ? objects[0] : "[" + objects.joined(separator: ",") + "]")
        } else {
            for v in values { print(ValueFormat.format(v)) }
        }
    }
}
