import Benchmark
import KMSCore

/// Foundation benchmarks: key generation, secret-key encrypt/decrypt, compact public-key encrypt.
func registerTFHEBenchmarks() {
    for params in [ParameterSet.default, .v1_0_2m128, .test] {
        Benchmark("Keygen client+CPK [\(params.name)]", configuration: .init(maxDuration: .seconds(3))) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try KeySet.generate(params))
            }
        }
    }

    let keys = try! KeySet.generate(.default)
    for type in [FheType.euint8, .euint64, .euint256] {
        let value = ClearValue.max(type)
        Benchmark("Encrypt secret-key \(type) [default]") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(keys.clientKey.encrypt(value))
            }
        }
        let ct = keys.clientKey.encrypt(value)
        Benchmark("Decrypt \(type) [default]") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try keys.clientKey.decrypt(ct))
            }
        }
    }

    let v64 = ClearValue.max(.euint64)
    Benchmark("Encrypt compact-PK euint64 [default]") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(keys.publicKey.encrypt(v64))
        }
    }
    let pct = keys.publicKey.encrypt(v64)
    Benchmark("Decrypt compact-list euint64 [default]") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try keys.clientKey.decrypt(pct))
        }
    }
}
