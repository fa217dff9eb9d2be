import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl user …`: the fhEVM user's side of reencryption (fhevmjs `generateKeypair`,
/// `reencrypt`): key pair, signed gateway request, and opening the gateway's response.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "User side of reencryption: key pair, signed request, decrypting the response.",
        subcommands: [Keygen.self]
    )

    /// `kmsctl user keygen`: a fresh crypto_box key pair in fhevmjs form.
    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a reencryption key pair (X25519), printed as {\"public_key\",\"private_key\"} (80 hex each).",
            discussion: """
                Both keys are the 40-byte bincode form fhevmjs uses (u64 length 32 ‖ 32 bytes), hex without 0x.
                With --out the JSON is written to a new file with mode 0600 instead of standard output.
                """
        )

        @Option(name: .long, help: "Write the key pair JSON to this new file (0600) instead of stdout.")
        var out: String?

        func run() async throws {
            let key = BoxSecretKey.generate()
            let json = "{\"public_key\":\"\(key.publicKey.hex)\",\"private_key\":\"\(key.hex)\"}\n"
            if let out {
                try SecureFile.write(Array(json.utf8), to: URL(fileURLWithPath: out), permissions: 0o600)
                print("{\"public_key\":\"\(key.publicKey.hex)\"}")
            } else {
                print(json, terminator: "")
            }
        }
    }
}
