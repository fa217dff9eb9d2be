import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl signer`: the KMS's secp256k1 signing identity.
struct Signer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or inspect the KMS signing key (secp256k1; its address goes into KMSVerifier).",
        subcommands: [New.self, Address.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a signing key into a new 0600 file and print its EIP-55 address.")

        @Option(help: "Key file to create (refuses to overwrite without --force).")
        var out: String

        @Flag(help: "Replace an existing file.")
        var force = false

        func run() throws {
            let signer = KMSSigner.generate()
            try signer.save(to: URL(fileURLWithPath: out), overwrite: force)
            print(signer.address.checksummed)
        }
    }

    struct Address: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the EIP-55 address of a signing key file.")

        @Option(help: "Key file (from `signer new`).")
        var key: String

        func run() throws {
            print(try KMSSigner.load(from: URL(fileURLWithPath: key)).address.checksummed)
        }
    }
}
