import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl decrypt`: decrypt a ciphertext file with a key set.
struct Decrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt a ciphertext with a key set and print the value.")

    @Option(help: "Key directory (from keygen).")
    var keys: String

    @Option(name: .customLong("ct"), help: "Ciphertext file (from encrypt).")
    var ciphertexts: [String] = []

    @Flag(help: "Print {\"type\":…,\"value\":…} instead of the bare value.")
    var json = false

    @OptionGroup(title: "Signed decryption (fhEVM gateway response)")
    var signed: SignedDecryptOptions

    func validate() throws {
        if signed.signer != nil {
            try signed.validate(ciphertextCount: ciphertexts.count)
            return
        }
        guard ciphertexts.count == 1 else { throw ValidationError("give exactly one --ct FILE") }
    }

    func run() throws {
        let keySet = try KeyStore(directory: URL(fileURLWithPath: keys)).load()
        if signed.signer != nil {
            print(try signed.run(keySet: keySet, ciphertextPaths: ciphertexts).json)
            return
        }
        let path = ciphertexts[0]
        let file = try parseFile(path) { try CiphertextFile(decoding: $0) }
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
}
