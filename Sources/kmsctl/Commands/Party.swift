import ArgumentParser
import Foundation
import KMSCore
import KMSService

/// `kmsctl party serve`: one threshold party as a gRPC server for the threshold core.
struct Party: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Threshold parties as separate processes (the core is `kmsctl serve --threshold`).",
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve one threshold party (swiftkms.party.v1.ThresholdParty over gRPC).",
            discussion: """
                Loads the party's key share from --party (DIR/party-I of `threshold keygen`) and the public \
                keys from its parent (or --keys). Prints `listening on HOST:PORT` on stdout once it accepts \
                connections, logs on stderr, and serves until SIGINT or SIGTERM. --party-signers lists the \
                KMS signing addresses of all n parties in party-id order (this party's must be its --signer's): \
                a party only opens and signs partial decryptions signed by them. With --tls-cert, --tls-key \
                and --tls-ca (PEM), only clients whose certificate chains to the CA can connect; give the \
                core's certificate with --tls-core-cert so that other holders of such a certificate (the \
                other parties) cannot ask this party for partial decryptions.
                """)

        @Option(help: "The party's directory (DIR/party-I from threshold keygen).")
        var party: String

        @Option(help: "The public key directory (default: the party directory's parent).")
        var keys: String?

        @Option(help: "The party's KMS signing key file (kmsctl signer new).")
        var signer: String

        @Option(help: "The n parties' signing addresses, comma-separated, party 1 first.")
        var partySigners: String

        @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free one).")
        var listen: String = "127.0.0.1:50100"

        @Option(help: "Largest request message in bytes.")
        var maxRequestBytes: Int = ServiceLimits().maxRequestBytes

        @OptionGroup(title: "Mutual TLS (PEM files)")
        var tls: PartyTLSOptions

        @Option(help: "With mutual TLS: the core's PEM certificate; callers presenting any other are refused.")
        var tlsCoreCert: String?

        func validate() throws {
            do { _ = try ServiceAddress(parsing: listen) } catch { throw ValidationError("--listen: \(error)") }
            guard maxRequestBytes > 0 else { throw ValidationError("--max-request-bytes must be positive") }
            guard (try? addresses()) != nil else { throw ValidationError("--party-signers: give Ethereum addresses separated by commas") }
            if let tlsCoreCert {
                guard tls.given != nil else { throw ValidationError("--tls-core-cert needs --tls-cert, --tls-key and --tls-ca") }
                guard FileManager.default.isReadableFile(atPath: tlsCoreCert) else { throw ValidationError("cannot read \(tlsCoreCert)") }
            }
        }

        func addresses() throws -> [EthereumAddress] { try ethereumAddressList(partySigners) }

        func run() async throws {
            guard #available(macOS 15.0, *) else { throw ValidationError("party serve needs macOS 15 or later (grpc-swift 2)") }
            let address = try ServiceAddress(parsing: listen)
            var limits = ServiceLimits()
            limits.maxRequestBytes = maxRequestBytes
            let thresholdParty = try ThresholdParty(partyDirectory: URL(fileURLWithPath: party), publicDirectory: keys.map { URL(fileURLWithPath: $0) },
                                                    signer: try KMSSigner.load(from: URL(fileURLWithPath: signer)),
                                                    partySigners: try addresses(), limits: limits)
            var partyTLS = tls.given
            partyTLS?.allowedPeerCertificatePaths = tlsCoreCert.map { [$0] } ?? []
            let server = try ThresholdPartyServer(party: thresholdParty, host: address.host, port: address.port, tls: partyTLS,
                                              maxRequestBytes: maxRequestBytes)
            try await serveUntilSignalled(server, host: address.host)
        }
    }
}
