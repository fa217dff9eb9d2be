import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl threshold …`: dealer key generation, one party's partial decryption, the combiner,
/// and one party's reencryption answer — parties as separate invocations exchanging files.
struct Threshold: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Threshold decryption: dealer keygen, partial decryption per party, combination, reencryption per party.",
        subcommands: [Keygen.self, PartialDecrypt.self, Combine.self, Reencrypt.self])

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a key set and share its secret keys among parties (trusted dealer).",
            discussion: """
                Writes the public material (public key, server key, noise-squashing key, threshold facts) to \
                --out and party I's key share (0600) to --out/party-I; no secret key stays on disk. Prints \
                the key id. kmsctl encrypt --keys DIR works on --out.
                """)

        @Option(help: "Parameter set: default, 2m128, or test (INSECURE, for tests).")
        var params: String = "default"

        @Option(help: "Number of parties n (at least 3t + 1).")
        var parties: Int

        @Option(help: "Threshold t: parties that may lie or be missing.")
        var threshold: Int

        @Option(name: .customLong("ring-degree"), help: "Galois-ring extension degree of the shares: 8 (2024 KMS, fhevmjs 0.6) or 4.")
        var ringDegree: Int = 8

        @Option(help: "Directory to create.")
        var out: String

        @Option(help: "16-byte hex seed for reproducible keys and shares (tests only).")
        var seed: String?

        @Flag(help: "Replace existing keys in --out.")
        var force = false

        func run() throws {
            let parameters = try ParameterSet.named(params)
            guard let degree = ThresholdRingDegree(rawValue: ringDegree) else { throw ValidationError("--ring-degree must be 4 or 8") }
            let shape = try ThresholdParameters(parties: parties, threshold: threshold, ringDegree: degree)
            if !parameters.isSecure { printError("warning: '\(parameters.name)' parameters are INSECURE; use them for tests only") }
            let randomness = try seed.map { s -> TFHERandomness in
                guard let bytes = try? Hex.decode(s, length: 16) else { throw ValidationError("--seed must be 16 bytes of hex (32 digits)") }
                printError("warning: seeded key generation; anyone with the seed can recreate these keys and shares")
                return try TFHERandomness.seeded(bytes)
            } ?? .system()
            let start = Date()
            var reported: [String: Int] = [:]
            let info = try ThresholdKeyGeneration.generate(parameters, threshold: shape, directory: URL(fileURLWithPath: out),
                                                           randomness: randomness, overwrite: force) { stage, fraction in
                let percent = Int(fraction * 100)
                if percent / 25 > reported[stage, default: -1] / 25 { reported[stage] = percent; printError("\(stage): \(percent)%") }
            }
            printError(String(format: "wrote %@ and %d party directories in %.2f s", out, parties, Date().timeIntervalSince(start)))
            print(info.keyID.hex)
        }
    }

    struct PartialDecrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partial-decrypt",
            abstract: "One party's partial decryption of a ciphertext (switch-and-squash, then its masked shares).",
            discussion: """
                The session (which keys the noise-flooding masks) must be the same at every party for one \
                request and never serve two requests; by default it is derived from the ciphertext file, \
                so the same ciphertext always gives the same partial decryption.
                """)

        @Option(help: "The party's directory (DIR/party-I from threshold keygen).")
        var party: String

        @Option(help: "The public key directory (default: the party directory's parent).")
        var keys: String?

        @Option(help: "Ciphertext file (native or tfhe-rs), - for stdin.")
        var ct: String

        @Option(help: "Type of a tfhe-rs FheUint input, e.g. euint8.")
        var type: String?

        @Option(help: "Session id: 32 hex digits, or a 40-hex-digit request id.")
        var session: String?

        @Option(help: "Output file.")
        var out: String

        @Flag(help: "Replace --out if it exists.")
        var force = false

        func run() throws {
            let partyURL = URL(fileURLWithPath: party)
            let share = try KeyStore(directory: partyURL).loadThresholdShare()
            let store = KeyStore(directory: keys.map { URL(fileURLWithPath: $0) } ?? partyURL.deletingLastPathComponent())
            let (keyID, publicKey) = try store.loadPublicKey()
            let bytes = try readInput(ct)
            let reader = CiphertextReader(keyID: keyID, parameters: publicKey.parameters)
            let ciphertext = try reader.readOne(bytes, as: try type.map(FheType.init(name:)))
            let sessionID = try session.map(parseSession) ?? ThresholdSessionID(digestOf: bytes)
            let start = Date()
            let squashed = try store.loadNoiseSquashingKey().switchAndSquash(ciphertext, serverKey: try store.loadServerKey())
            let partial = try share.partialDecrypt([squashed], session: sessionID)
            try SecureFile.write(partial.bytes, to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: force)
            printError(String(format: "party %d: partial decryption of %@ in %.2f s → %@", share.partyID, ciphertext.type.name,
                              Date().timeIntervalSince(start), out))
        }
    }

    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine partial decryptions: correct up to t wrong or missing ones and print the value(s).",
            discussion: """
                Prints each value (or signed JSON with --signer: one EIP-712 DecryptionResult signature per \
                party key given). Parties whose shares were wrong or missing are named on stderr.
                """)

        @Option(help: "The public key directory (from threshold keygen).")
        var keys: String

        @Option(parsing: .upToNextOption, help: "Partial decryption files (several after one flag, or repeat it).")
        var partials: [String] = []

        @Option(help: "Session id the partials must carry (default: the one most of them carry).")
        var session: String?

        @Option(name: .customLong("signer"), parsing: .upToNextOption, help: "Party signing key files: each signs the result.")
        var signers: [String] = []

        @OptionGroup(title: "Signed result (fhEVM gateway response)")
        var result: DecryptionResultOptions

        @Flag(help: "Print {\"type\":…,\"value\":…} instead of the bare value.")
        var json = false

        func validate() throws {
            guard !partials.isEmpty else { throw ValidationError("give the partial decryption files after --partials") }
            if signers.isEmpty, !result.given.isEmpty {
                throw ValidationError("\(result.given.joined(separator: ", ")) only apply to a signed result: add --signer FILE…")
            }
        }

        func run() throws {
            let info = try KeyStore(directory: URL(fileURLWithPath: keys)).loadThresholdInfo()
            let messages = try partials.map { path in try parseFile(path) { try ThresholdPartialDecryption(bytes: $0) } }
            let opening = try session.map { try ThresholdCombiner.combine(messages, key: info, session: try parseSession($0)) }
                ?? ThresholdCombiner.combine(messages, key: info)
            if !opening.corruptedParties.isEmpty { printError("parties with wrong shares: \(opening.corruptedParties.map(String.init).joined(separator: " "))") }
            if !opening.missingParties.isEmpty { printError("missing parties: \(opening.missingParties.map(String.init).joined(separator: " "))") }
            if !signers.isEmpty {
                try result.validate(valueCount: opening.values.count)
                let keys = try signers.map { try KMSSigner.load(from: URL(fileURLWithPath: $0)) }
                let (handles, acl, domain) = try result.parsed()
                print(try ThresholdSignedDecryption.sign(opening, handles: handles, signers: keys, aclAddress: acl, domain: domain,
                                                         passSignaturesToCaller: result.passSignaturesToCaller).json)
                return
            }
            for v in opening.values { print(json ? JSONText.encode(v) : ValueFormat.format(v)) }
        }
    }
}

/// A session id from 32 hex digits (16 bytes) or a 40-hex-digit request id.
func parseSession(_ text: String) throws -> ThresholdSessionID {
    let bytes = try Hex.decode(text)
    return bytes.count == 20 ? try ThresholdSessionID(requestID: bytes) : try ThresholdSessionID(bytes: bytes)
}

extension Threshold {
    struct Reencrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One party's answer to a gateway reencryption request: its noise-flooded shares, signcrypted to the user.",
            discussion: """
                Checks the request as a centralized KMS does, switches and squashes the ciphertext, and prints \
                {"status":"success","response":[this party's element]}. kmsctl user decrypt takes the answers \
                of 2t + 1 or more parties (several --response files, or one response listing their elements).
                """)

        @Option(help: "The party's directory (DIR/party-I from threshold keygen).")
        var party: String

        @Option(help: "The public key directory (default: the party directory's parent).")
        var keys: String?

        @Option(help: "The party's signing key file (from `kmsctl signer`).")
        var signer: String

        @Option(help: "Gateway request JSON file, or - for stdin.")
        var request: String

        @Option(help: "Ciphertext file (native or a tfhe-rs ciphertext holding one value).")
        var ct: String

        @Option(name: .customLong("chain-id"), help: "The host chain id of the user's EIP-712 domain.")
        var chainId: UInt64

        func run() throws {
            let partyURL = URL(fileURLWithPath: party)
            let share = try KeyStore(directory: partyURL).loadThresholdShare()
            let store = KeyStore(directory: keys.map { URL(fileURLWithPath: $0) } ?? partyURL.deletingLastPathComponent())
            let kms = try ThresholdReencryptor(share: share, signer: try KMSSigner.load(from: URL(fileURLWithPath: signer)),
                                               serverKey: try store.loadServerKey(), squashingKey: try store.loadNoiseSquashingKey())
            let ciphertext = try readInput(ct)
            do {
                let body = try GatewayReencryptionRequest(json: readInput(request, maxSize: maxJSONInputSize))
                let kmsRequest = try ReencryptionRequest(gateway: body, ciphertext: ciphertext, keyID: share.keyID, chainId: chainId)
                print(GatewayReencryptionResponse.success([try kms.reencrypt(kmsRequest)]).json)
            } catch let refusal as ReencryptionError {
                print(GatewayReencryptionResponse.failure(refusal.description).json)
                throw ExitCode(1)
            }
        }
    }
}
