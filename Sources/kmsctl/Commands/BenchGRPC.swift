import ArgumentParser
import Foundation
import KMSCore
import KMSService

extension Bench {
    /// `kmsctl bench grpc`: load on a running `kmsctl serve`.
    struct GRPC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grpc",
            abstract: "Load a running KMS service with signed euint8 decryptions (JSON on stdout).",
            discussion: """
                For each --clients level, that many concurrent callers on one HTTP/2 connection send \
                --requests requests in all (Decrypt, then GetDecryptResult every 2 ms until the result \
                is there); prints p50/p99 latency and throughput per level, the same levels with two bare \
                health checks per request (the transport's own cost), and the in-process latency of \
                the same decryption (no gRPC, store or queue). --keys must hold the server's key set; \
                with --threshold it is the public directory of a threshold core's key and the in-process \
                run is skipped (the core logs each request's split between parties and network).
                """)

        @Option(help: "Server address, HOST:PORT.")
        var target: String
        @Option(help: "Key directory of the server's key set (encrypts the value; decrypts in-process).")
        var keys: String
        @Option(help: "Signing key for the in-process run (default: a fresh one).")
        var signer: String?
        @Option(help: "Concurrency levels, comma-separated.")
        var clients: String = "1,8,64"
        @Option(help: "Requests per level.")
        var requests: Int = 200
        @Option(help: "In-process decryptions timed.")
        var inProcessRuns: Int = 50
        @Flag(help: "The server is a threshold core (kmsctl serve --threshold); --keys is its public directory.")
        var threshold = false

        func run() async throws {
            guard #available(macOS 15.0, *) else { throw ValidationError("bench grpc needs macOS 15 or later (grpc-swift 2)") }
            let address: ServiceAddress
            do { address = try ServiceAddress(parsing: target) } catch { throw ValidationError("--target: \(error)") }
            let levels = clients.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !levels.isEmpty, levels.allSatisfy({ $0 > 0 }), requests > 0, inProcessRuns > 0 else {
                throw ValidationError("--clients must list positive integers; --requests and --in-process-runs must be positive")
            }
            let store = KeyStore(directory: URL(fileURLWithPath: keys))
            let keySet = threshold ? nil : try store.load()
            let workload: DecryptionWorkload
            if let keySet {
                workload = try DecryptionWorkload(keySet: keySet)
            } else {
                let (keyID, publicKey) = try store.loadPublicKey()
                workload = try DecryptionWorkload(keyID: keyID, publicKey: publicKey)
            }
            let generator = LoadGenerator(target: address) { workload.request(id: $0) }
            var results: [LoadLevelResult] = []
            var floor: [LoadLevelResult] = []
            for level in levels {
                results.append(try await generator.run(clients: level, requests: requests))
                floor.append(try await generator.runTransportFloor(clients: level, requests: requests))
            }
            var local: LatencySummary?
            if let keySet {
                let kmsSigner = try signer.map { try KMSSigner.load(from: URL(fileURLWithPath: $0)) } ?? .generate()
                local = try workload.inProcessLatency(keySet: keySet, signer: kmsSigner, runs: inProcessRuns)
            }
            print(JSONText.encode(GRPCBenchReport(target: address.description, fheType: "euint8", levels: results,
                                                  inProcess: local, transportFloor: floor)))
        }
    }
}
