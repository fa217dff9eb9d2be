import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl eip712`: hash, sign and recover any `eth_signTypedData_v4` document.
struct EIP712: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eip712",
        abstract: "Hash, sign or recover EIP-712 typed data (eth_signTypedData_v4 JSON).",
        subcommands: [Hash.self, Sign.self, Recover.self])

    static func load(_ path: String) throws -> EIP712TypedData {
        try EIP712TypedData(json: readInput(path, maxSize: maxJSONInputSize))
    }

    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the 32-byte signing digest (0x-hex).")

        @Option(help: "Typed-data JSON file, or - for standard input.")
        var typedData: String

        func run() throws {
            print(Hex.encode(try EIP712.load(typedData).digest(), prefix: true))
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the 65-byte signature r‖s‖v (0x-hex, v = 27/28).")

        @Option(help: "Signing key file (from `signer new`).")
        var key: String

        @Option(help: "Typed-data JSON file, or - for standard input.")
        var typedData: String

        func run() throws {
            let signer = try KMSSigner.load(from: URL(fileURLWithPath: key))
            let digest = try EIP712.load(typedData).digest()
            print(Hex.encode(signer.key.signEthereum(digest: digest), prefix: true))
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the EIP-55 address that signed the typed data.")

        @Option(help: "Typed-data JSON file, or - for standard input.")
        var typedData: String

        @Option(help: "65-byte signature r‖s‖v as hex (0x optional).")
        var signature: String

        func run() throws {
            let digest = try EIP712.load(typedData).digest()
            let sig = try Hex.decode(signature)
            print(try Secp256k1PublicKey.recover(digest: digest, signature65: sig).address.checksummed)
        }
    }
}
