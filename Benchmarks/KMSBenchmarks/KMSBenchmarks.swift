import Benchmark

/// Entry point of `swift package --disable-sandbox benchmark`: each area registers its own
/// benchmarks from its own file.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))
    registerSerializationBenchmarks()
    registerEthereumBenchmarks()
    registerTFHEBenchmarks()
    registerReencryptionBenchmarks()
    registerChainBenchmarks()
    registerTfheRsBenchmarks()
    registerServerKeyBenchmarks()
    registerBootstrapBenchmarks()
    registerThresholdBenchmarks()
}
