import ArgumentParser
import Foundation
import KMSChain
import KMSCore

/// `kmsctl header`: CometBFT light-client verification (KMSChain).
///
/// Exit codes: 0 success, 3 not enough trust, 4 invalid, 1 provider/store failure, 64 usage.
struct Header: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify CometBFT block headers (light client).",
        subcommands: [Verify.self, Sync.self, Hash.self])

    static let exitNotEnoughTrust: Int32 = 3
    static let exitInvalid: Int32 = 4
    static let exitUsage: Int32 = 64

    /// Options shared by `verify` and `sync`.
    struct TrustOptions: ParsableArguments {
        @Option(help: "Current time, RFC 3339 (default: the system clock).")
        var now: String?

        @Option(help: "Trusting period, Go duration (e.g. 168h, 336h, 1400s).")
        var trustingPeriod: String = "168h"

        @Option(help: "Fraction of the trusted validators' power that must sign a skipped-to header.")
        var trustLevel: String = "1/3"

        @Option(help: "Maximum clock drift, Go duration (e.g. 10s, 500ms).")
        var clockDrift: String = "10s"

        func validate() throws {
            _ = try resolved()
        }

        /// The verification options and `now`, or a usage error naming the bad flag.
        func resolved() throws -> (VerificationOptions, Timestamp) {
            let period: Duration, drift: Duration, level: TrustThreshold
            do { period = try GoDuration.parse(trustingPeriod) } catch { throw ValidationError("--trusting-period: \(error)") }
            guard period > .zero else { throw ValidationError("--trusting-period must be positive") }
            do { drift = try GoDuration.parse(clockDrift) } catch { throw ValidationError("--clock-drift: \(error)") }
            guard drift >= .zero else { throw ValidationError("--clock-drift must not be negative") }
            do { level = try TrustThreshold(parsing: trustLevel) } catch { throw ValidationError("--trust-level: \(error)") }
            var time = Timestamp.now()
            if let now {
                do { time = try Timestamp(rfc3339: now) } catch { throw ValidationError("--now: \(error)") }
            }
            return (VerificationOptions(trustThreshold: level, trustingPeriod: period, clockDrift: drift), time)
        }
    }

    /// Reads a light block file, or exits with a usage error.
    static func readTrusted(_ path: String) throws -> LightBlock {
        do {
            return try parseFile(path, maxSize: maxJSONInputSize) { try ChainJSON.decodeLightBlock($0) }
        } catch {
            printError("error: trusted light block: \(error)")
            throw ExitCode(exitUsage)
        }
    }

    static func jsonString(_ s: String) -> String {
        String(decoding: ChainJSON.encode(s, compact: true), as: UTF8.self)
    }

    // MARK: verify

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify one light block from a trusted one (adjacent or skipping).",
            discussion: """
            LB.json is a light block {"signed_header":{"header","commit"},"validator_set","next_validator_set"}.
            The trusted block is taken as given. Exit 0 on SUCCESS, 3 on NOT_ENOUGH_TRUST, 4 on INVALID.
            """)

        @Option(help: "Trusted light block (JSON file, or - for stdin).")
        var trusted: String

        @Option(help: "Light block to verify (JSON file, or - for stdin).")
        var untrusted: String

        @OptionGroup var trust: TrustOptions

        @Flag(help: "Print {\"verdict\":…,\"error\":…} instead of a sentence.")
        var json = false

        func run() async throws {
            let (options, now) = try trust.resolved()
            let trustedBlock = try Header.readTrusted(trusted)
            let verdict: Verdict
            var height: Int64?
            do {
                let block = try parseFile(untrusted, maxSize: maxJSONInputSize) { try ChainJSON.decodeLightBlock($0) }
                height = block.height
                verdict = Verifier(options: options).verify(untrusted: block, trusted: trustedBlock, now: now)
            } catch {
                report(name: "INVALID", error: "untrusted light block: \(error)", height: nil)
                throw ExitCode(Header.exitInvalid)
            }
            switch verdict {
            case .success:
                report(name: verdict.name, error: nil, height: height)
            case .notEnoughTrust(let tally):
                report(name: verdict.name, error: "\(tally)", height: height)
                throw ExitCode(Header.exitNotEnoughTrust)
            case .invalid(let reason):
                report(name: verdict.name, error: "\(reason)", height: height)
                throw ExitCode(Header.exitInvalid)
            }
        }

        private func report(name: String, error: String?, height: Int64?) {
            if json {
                let e = error.map(Header.jsonString) ?? "null"
                let h = height.map { #","height":"\#($0)""# } ?? ""
                print(#"{"verdict":"\#(name)","error":\#(e)\#(h)}"#)
            } else if let error {
                print("\(name): \(error)")
            } else {
                print("\(name): height \(height ?? 0) verified")
            }
        }
    }

    // MARK: sync

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify up (or down) to a target height by bisection, printing each verified height.",
            discussion: """
            Blocks come from a CometBFT node (--rpc http://host:26657) or a directory of <height>.json
            light blocks (--dir). With --store, verified blocks are kept there and a later run resumes
            from the highest stored block. Prints "<height> <header hash>" per verified block.
            Exit 0 on success, 4 if a block is invalid, 1 if blocks cannot be fetched or stored.
            """)

        @Option(help: "Trusted light block (JSON file, or - for stdin).")
        var trusted: String

        @Option(help: "Height to verify.")
        var target: Int64

        @Option(help: "CometBFT RPC address, e.g. http://127.0.0.1:26657.")
        var rpc: String?

        @Option(help: "Directory of <height>.json light blocks.")
        var dir: String?

        @Option(help: "Directory keeping verified light blocks (resumes from the highest).")
        var store: String?

        @OptionGroup var trust: TrustOptions

        func validate() throws {
            guard (rpc == nil) != (dir == nil) else { throw ValidationError("give exactly one of --rpc URL and --dir DIR") }
            guard target > 0 else { throw ValidationError("--target must be a positive height") }
            if let rpc {
                guard let url = URL(string: rpc), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                    throw ValidationError("--rpc must be an http(s) URL, e.g. http://127.0.0.1:26657")
                }
            }
        }

        func run() async throws {
            let (options, now) = try trust.resolved()
            let trustedBlock = try Header.readTrusted(trusted)
            let provider: any LightBlockProvider
            if let rpc, let url = URL(string: rpc) {
                provider = RPCProvider(baseURL: url)
            } else {
                provider = DirectoryProvider(directory: URL(fileURLWithPath: dir ?? "."))
            }
            var lightStore: LightClientStore?
            if let store {
                do { lightStore = try LightClientStore(directory: URL(fileURLWithPath: store)) } catch {
                    printError("error: \(error)")
                    throw ExitCode.failure
                }
            }
            let client = LightClient(verifier: Verifier(options: options), provider: provider, store: lightStore)
            do {
                let start = try client.resumePoint(from: trustedBlock)
                if start.height != trustedBlock.height { printError("resuming from stored height \(start.height)") }
                if start.height == target { printError("height \(target) is already trusted") }
                _ = try await client.verify(to: target, from: start, now: now) { block in
                    print("\(block.height) \(Hex.encode(block.signedHeader.header.hash(), uppercase: true))")
                }
            } catch {
                printError("error: \(error)")
                switch error {
                case .verificationFailed, .backwardVerificationFailed: throw ExitCode(Header.exitInvalid)
                case .provider, .store: throw ExitCode.failure
                }
            }
        }
    }

    // MARK: hash

    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a header's hash (uppercase hex).",
            discussion: "FILE is a bare header JSON object (as in /commit's signed_header.header).")

        @Option(help: "Header JSON file (or - for stdin).")
        var header: String

        func run() throws {
            let parsed: KMSChain.Header
            do {
                parsed = try parseFile(header, maxSize: maxJSONInputSize) { try ChainJSON.decode(KMSChain.Header.self, from: $0) }
            } catch {
                printError("error: \(error)")
                throw ExitCode(Header.exitUsage)
            }
            let hash = parsed.hash()
            guard !hash.isEmpty else {
                printError("error: the header has no validators_hash, so it has no hash")
                throw ExitCode.failure
            }
            print(Hex.encode(hash, uppercase: true))
        }
    }
}
