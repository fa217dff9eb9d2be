import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl bench`: timings of bootstrapping and key generation at named or explicit parameters.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure bootstrapping, key generation and the gRPC service (JSON on stdout).",
        subcommands: [PBS.self, Keygen.self, Squash.self, GRPC.self])

    /// A named set, or its compute parameters overridden one by one.
    struct ParameterOptions: ParsableArguments {
        @Option(help: "Parameter set to start from: default, 2m128 or test.")
        var params: String = "default"
        @Option(name: .customLong("lwe-dimension")) var lweDimension: Int?
        @Option(name: .customLong("glwe-dimension")) var glweDimension: Int?
        @Option(name: .customLong("polynomial-size")) var polynomialSize: Int?
        @Option(name: .customLong("pbs-base-log")) var pbsBaseLog: Int?
        @Option(name: .customLong("pbs-level")) var pbsLevel: Int?
        @Option(name: .customLong("ks-base-log")) var ksBaseLog: Int?
        @Option(name: .customLong("ks-level")) var ksLevel: Int?

        func compute() throws -> ClassicPBSParameters {
            var c = try ParameterSet.named(params).compute
            if let v = lweDimension { c.lweDimension = LweDimension(v) }
            if let v = glweDimension { c.glweDimension = GlweDimension(v) }
            if let v = polynomialSize { c.polynomialSize = PolynomialSize(v) }
            if let v = pbsBaseLog { c.pbsBaseLog = DecompositionBaseLog(v) }
            if let v = pbsLevel { c.pbsLevel = DecompositionLevelCount(v) }
            if let v = ksBaseLog { c.ksBaseLog = DecompositionBaseLog(v) }
            if let v = ksLevel { c.ksLevel = DecompositionLevelCount(v) }
            return c
        }
    }

    struct PBS: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Median key switch and bootstrap of one block, one thread: {\"pbs_ms_median\", \"ks_ms_median\", \"runs\"}.")
        @OptionGroup var parameters: ParameterOptions
        @Option(help: "Measured runs.") var runs: Int = 10

        func run() throws {
            guard runs > 0 else { throw ValidationError("--runs must be positive") }
            print(JSONText.encode(try PerformanceMeasurement.bootstrap(try parameters.compute(), runs: runs)))
        }
    }

    struct Squash: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Median switch-and-squash of one block (two threads when there are two cores), the noise-squashing key generation, and squashed-noise compression (key generation, one block, a full GLWE): {\"squash_block_ms_median\", \"noise_squashing_keygen_ms\", \"noise_squashing_compression_keygen_ms\", \"compress_block_ms_median\", \"compress_full_glwe_ms\", \"blocks_per_glwe\", \"runs\"}.")
        @Option(help: "Parameter set: default, 2m128 or test (its noise-squashing set goes with it).")
        var params: String = "default"
        @Option(help: "Measured runs.") var runs: Int = 3

        func run() throws {
            guard runs > 0 else { throw ValidationError("--runs must be positive") }
            print(JSONText.encode(try PerformanceMeasurement.noiseSquashing(try ParameterSet.named(params), runs: runs)))
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Median client key + server key generation, serialized as tfhe-rs files: {\"keygen_ms_median\", …}.")
        @OptionGroup var parameters: ParameterOptions
        @Option(help: "Measured runs.") var runs: Int = 3

        func run() throws {
            guard runs > 0 else { throw ValidationError("--runs must be positive") }
            print(JSONText.encode(try PerformanceMeasurement.keyGeneration(try parameters.compute(), runs: runs)))
        }
    }
}
