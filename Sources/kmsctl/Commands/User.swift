import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl user …`: the fhEVM user's side of reencryption (fhevmjs `generateKeypair`,
/// `reencrypt`): key pair, signed gateway request, and opening the gateway's response.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "User side of reencryption: key pair, signed request, decrypting the response.",
        subcommands: [Keygen.self, Request.self, Decrypt.self]
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
            let pair = ReencryptionKeyPair(BoxSecretKey.generate())
            if let out {
                try SecureFile.write(Array((pair.json + "\n").utf8), to: URL(fileURLWithPath: out), permissions: 0o600)
                print(JSONText.encode(["public_key": pair.publicKey]))
            } else {
                print(pair.json)
            }
        }
    }

    /// `kmsctl user request`: the signed gateway request (fhevmjs `createEIP712` + wallet signature).
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a reencryption request and print the gateway POST body (JSON, hex without 0x).",
            discussion: """
                Signs the EIP-712 message Reencrypt(bytes publicKey) with the user's Ethereum key under the domain
                ("Authorization token", "1", --chain-id, --contract), as a wallet does for fhevmjs.
                """
        )

        @Option(name: .customLong("private-key"), help: "The user's Ethereum private key (64 hex, 0x optional).")
        var privateKey: String

        @Option(name: .customLong("enc-key"), help: "The user's reencryption public key (80 hex from `user keygen`).")
        var encKey: String

        @Option(help: "The dApp contract address (EIP-712 verifying contract).")
        var contract: String

        @Option(name: .customLong("chain-id"), help: "The host chain id.")
        var chainId: UInt64

        @Option(help: "The ciphertext handle (64 hex, 0x optional).")
        var handle: String

        func run() async throws {
            let wallet = try Secp256k1PrivateKey(rawRepresentation: Hex.decode(privateKey.trimmingCharacters(in: .whitespacesAndNewlines), length: 32))
            let request = UserReencryptionRequest.sign(
                handle: try FheHandle(hex: handle.trimmingCharacters(in: .whitespacesAndNewlines)), encryptionKey: try BoxPublicKey(hex: encKey),
                contract: try EthereumAddress(parsing: contract), chainId: chainId, wallet: wallet)
            print(request.gatewayRequest.json)
        }
    }

    /// `kmsctl user decrypt`: checks the gateway's response and prints the value.
    struct Decrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a gateway reencryption response and print the decrypted value.",
            discussion: """
                Checks, as fhevmjs does: the link to the request, the KMS signer address, the response signature, the
                signcryption (box, key digests, inner signature) and the value's type. One response and one signer
                address is a centralized KMS; otherwise the response holds one element per threshold party and the
                value is opened from their Shamir shares with error correction (--ring-degree: the share ring, 8 for
                the 2024 KMS, 4 for the 2025 one). Parties found sending wrong shares or unusable responses are named
                on stderr. Any failed check prints one error line on stderr and exits non-zero. Values print as
                `kmsctl decrypt` does (ebool 0/1, decimal, EIP-55 address, 0x-hex bytes).
                """
        )

        @Option(help: "The gateway request JSON that was sent (from `user request`), or - for stdin.")
        var request: String

        @Option(parsing: .upToNextOption,
                help: "The gateway response JSON, or - for stdin; several files (e.g. one per threshold party) are merged.")
        var response: [String]

        @Option(name: .customLong("private-key"), help: "The user's reencryption private key (80 hex from `user keygen`).")
        var privateKey: String

        @Option(name: .customLong("signer-address"), parsing: .upToNextOption,
                help: "Trusted KMS signer addresses (several after one flag, or the flag repeated).")
        var signerAddress: [String]

        @Option(name: .customLong("chain-id"), help: "The host chain id the request was signed for.")
        var chainId: UInt64

        @Option(name: .customLong("ring-degree"), help: "Extension degree D of the threshold parties' share ring (4 or 8).")
        var ringDegree: Int = 8

        func validate() throws {
            guard !signerAddress.isEmpty else { throw ValidationError("give at least one --signer-address") }
            guard !response.isEmpty else { throw ValidationError("give at least one --response") }
            guard !(request == "-" && response.contains("-")) else { throw ValidationError("only one of --request/--response can be -") }
            guard ThresholdRingDegree(rawValue: ringDegree) != nil else { throw ValidationError("--ring-degree must be 4 or 8") }
        }

        func run() async throws {
            let sent = try GatewayReencryptionRequest(json: readInput(request, maxSize: maxJSONInputSize))
            let user = try UserReencryptionRequest(gateway: sent, chainId: chainId)
            let answer = GatewayReencryptionResponse.merging(try response.map { try GatewayReencryptionResponse(json: readInput($0, maxSize: maxJSONInputSize)) })
            let signers = try signerAddress.map { try EthereumAddress(parsing: $0) }
            let client = ReencryptionClient(encryptionKey: try BoxSecretKey(hex: privateKey), trustedSigners: signers,
                                            ringDegree: ThresholdRingDegree(rawValue: ringDegree) ?? .eight)
            let result = try client.decryptWithReport(answer, for: user)
            if !result.corruptedParties.isEmpty {
                printError("note: wrong shares corrected from parties \(result.corruptedParties.map(String.init).joined(separator: ", "))")
            }
            if !result.discardedParties.isEmpty {
                printError("note: unusable responses from parties \(result.discardedParties.map(String.init).joined(separator: ", ")) (treated as missing)")
            }
            print(ValueFormat.format(result.value))
        }
    }
}
