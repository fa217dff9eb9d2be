import ArgumentParser
import Foundation
import KMSCore
import KMSService

/// `kmsctl serve`: the centralized KMS as the V09 gRPC service (`kms.CoreServiceEndpoint`).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the KMS over gRPC (V09 kms.CoreServiceEndpoint: Decrypt, Reencrypt, KeyGen and their polls; grpc.health.v1).",
        discussion: """
            Prints `listening on HOST:PORT` (the bound port, also for --listen HOST:0) on stdout once \
            it accepts connections, logs on stderr, and serves until SIGINT or SIGTERM (calls in \
            progress finish). Plaintext HTTP/2: put it behind TLS or on a private network. Accepted \
            requests and results are kept in STATE/requests.sqlite; after a restart, finished results \
            are still served and unfinished requests are redone. KeyGen stores its key sets in \
            STATE/keys/<request id> and serves them beside --keys.

            With --threshold, --keys is the public directory of `threshold keygen` and no signer is \
            needed: every request goes to the parties (`kmsctl party serve`) listed by --parties in \
            party-id order; up to t of them may be down, slow or lying. Party i's answers count only \
            when signed by the i-th key of --party-signers. --tls-cert, --tls-key and --tls-ca (PEM) \
            turn on mutual TLS to the parties.
            """)

    @Option(help: "Key directory (from keygen or key import; with --threshold, the public directory of threshold keygen).")
    var keys: String

    @Option(help: "KMS signing key file (kmsctl signer new); not used with --threshold.")
    var signer: String?

    @Flag(help: "Threshold mode: the parties given by --parties do the work.")
    var threshold = false

    @Option(help: "With --threshold: the parties' HOST:PORT addresses, comma-separated, party 1 first.")
    var parties: String?

    @Option(help: "With --threshold: the parties' signing addresses, comma-separated, party 1 first.")
    var partySigners: String?

    @Option(help: "With --threshold: how long to wait for one party's answer, in milliseconds.")
    var partyTimeoutMs: Int = 30_000

    @OptionGroup(title: "Mutual TLS to the parties (PEM files)")
    var tls: PartyTLSOptions

    @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free one).")
    var listen: String = "127.0.0.1:50051"

    @Option(help: "State directory for the request database (created if missing).")
    var state: String

    @Option(help: "Most requests accepted but not finished; more are refused with RESOURCE_EXHAUSTED.")
    var queueCapacity: Int = ServiceLimits().queueCapacity

    @Option(help: "Requests worked on at once.")
    var workers: Int = ServiceLimits().workers

    @Option(help: "Milliseconds a poll of a running request waits for its result before answering UNAVAILABLE (0: at once).")
    var pollWaitMs: Int = Int(ServiceLimits().pollWait / .milliseconds(1))

    @Option(help: "Largest request message in bytes.")
    var maxRequestBytes: Int = ServiceLimits().maxRequestBytes

    func validate() throws {
        do { _ = try ServiceAddress(parsing: listen) } catch { throw ValidationError("--listen: \(error)") }
        guard (0...60_000).contains(pollWaitMs) else { throw ValidationError("--poll-wait-ms must be 0…60000") }
        guard queueCapacity > 0, workers > 0, maxRequestBytes > 0 else {
            throw ValidationError("--queue-capacity, --workers and --max-request-bytes must be positive")
        }
        try tls.validate()
        if threshold {
            guard let parties, (try? parsedParties(parties)) != nil else {
                throw ValidationError("--threshold needs --parties HOST:PORT,HOST:PORT,… (party 1 first)")
            }
            guard let partySigners, (try? ethereumAddressList(partySigners)) != nil else {
                throw ValidationError("--threshold needs --party-signers ADDRESS,ADDRESS,… (party 1 first)")
            }
            guard partyTimeoutMs > 0 else { throw ValidationError("--party-timeout-ms must be positive") }
        } else {
            guard signer != nil else { throw ValidationError("--signer is required (or serve --threshold)") }
            guard parties == nil, partySigners == nil, tls.given == nil else {
                throw ValidationError("--parties, --party-signers and --tls-* only apply with --threshold")
            }
        }
    }

    func run() async throws {
        guard #available(macOS 15.0, *) else { throw ValidationError("serve needs macOS 15 or later (grpc-swift 2)") }
        let address = try ServiceAddress(parsing: listen)
        var limits = ServiceLimits()
        limits.maxRequestBytes = maxRequestBytes
        limits.queueCapacity = queueCapacity
        limits.workers = workers
        limits.pollWait = .milliseconds(pollWaitMs)
        let server: KMSServer
        if threshold, let parties, let partySigners {
            let configuration = ThresholdCoreConfiguration(publicKeys: URL(fileURLWithPath: keys), parties: try parsedParties(parties),
                                                           partySigners: try ethereumAddressList(partySigners),
                                                           tls: tls.given, partyTimeout: .milliseconds(partyTimeoutMs))
            server = try KMSServer(threshold: configuration, host: address.host, port: address.port,
                                   stateDirectory: URL(fileURLWithPath: state), limits: limits)
        } else {
            guard let signer else { throw ValidationError("--signer is required") }
            let keySet = try KeyStore(directory: URL(fileURLWithPath: keys)).load()
            let kmsSigner = try KMSSigner.load(from: URL(fileURLWithPath: signer))
            server = try KMSServer(keySet: keySet, signer: kmsSigner, host: address.host, port: address.port,
                                   stateDirectory: URL(fileURLWithPath: state), limits: limits)
        }
        try await serveUntilSignalled(server, host: address.host)
    }
}

