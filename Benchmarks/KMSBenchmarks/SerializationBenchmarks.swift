import Benchmark
import KMSCore

func registerSerializationBenchmarks() {
    Benchmark("Bincode write Vec<u64> of 2048 words") { benchmark in
        let words = [UInt64](repeating: 7, count: 2048)
        for _ in benchmark.scaledIterations {
            var w = BincodeWriter(capacity: 2048 * 8 + 8)
            w.writeWords(words)
            blackHole(w.bytes)
        }
    }
}
