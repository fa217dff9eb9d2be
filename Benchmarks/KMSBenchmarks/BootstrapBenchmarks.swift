import Benchmark
import KMSCore

/// Bootstrapping benchmarks: the FFT, one external product, key switch + PBS of one block at
/// the named sets and at concrete-python's choice for a 6-bit TLU (n=899, N=4096, k=1,
/// PBS 2^22×1, KS 2^4×4), server-key generation, and an FheUint8 addition.
func registerBootstrapBenchmarks() {
    let ms = Benchmark.Configuration(timeUnits: .milliseconds, maxDuration: .seconds(5))

    for size in [2048, 4096] {
        let t = try! FourierTransform.plan(polynomialSize: size)
        let poly = (0..<size).map { UInt64($0) &* 0x9e3779b97f4a7c15 }
        let buffer = FourierBuffer(size: size / 2)
        var out = [UInt64](repeating: 0, count: size)
        Benchmark("FFT N=\(size): forward torus + backward add", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                poly.withUnsafeBufferPointer { t.forwardTorus($0.baseAddress!, re: buffer.re, im: buffer.im) }
                out.withUnsafeMutableBufferPointer { t.backwardAddTorus(re: buffer.re, im: buffer.im, into: $0.baseAddress!) }
            }
        }
    }

    // The exact u128 product behind noise squashing (k = 2, N = 2048, 2^24×3 at `default`):
    // one NTT, and one external product of a GGSW by a GLWE (what each of the n CMUXes costs).
    do {
        let params = KeyStore.noiseSquashingParameters(for: .default)
        let size = params.polynomialSize.value, k1 = params.glweDimension.value + 1
        let engine = Negacyclic128Engine(polynomialSize: size)!
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state ^ (state >> 29) }
        let transform = engine.transforms[0]
        var values = (0..<size).map { _ in next() % transform.prime.p }
        Benchmark("u128 engine: one NTT N=\(size), forward + inverse", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                values.withUnsafeMutableBufferPointer { transform.forward($0.baseAddress!); transform.inverse($0.baseAddress!) }
            }
        }
        // tfhe-rs's 128-bit Fourier form of one key polynomial (the standard noise-squashing key's
        // storage): what exporting or importing that key costs per polynomial.
        let fourier128 = Fourier128Transform(polynomialSize: size)!
        let polynomial = (0..<(2 * size)).map { _ in next() }
        Benchmark("Fourier128 (double-double) N=\(size), forward + backward", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                let spectrum = polynomial.withUnsafeBufferPointer { fourier128.forward($0) }
                blackHole(fourier128.backward(spectrum))
            }
        }
        let spectra = (0..<(params.decompositionLevelCount.value * k1 * k1)).map { _ in
            engine.forwardKey((0..<(2 * size)).map { _ in next() })!
        }
        let key = try! NoiseSquashingKey(parameters: params, inputLweDimension: LweDimension(1), spectra: spectra)
        let input = (0..<(k1 * 2 * size)).map { _ in next() }
        var output = [UInt64](repeating: 0, count: k1 * 2 * size)
        let workspace = Bootstrap128Workspace(for: key)
        Benchmark("u128 external product k=\(k1 - 1) N=\(size) L=\(params.decompositionLevelCount.value) (one CMUX of noise squashing)",
                  configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                input.withUnsafeBufferPointer { i in output.withUnsafeMutableBufferPointer { o in
                    ExternalProduct128.addExternalProduct(key: key, ggsw: 0, input: i.baseAddress!, into: o.baseAddress!, workspace: workspace)
                } }
            }
        }
    }

    var concrete = ParameterSet.default.compute
    concrete.lweDimension = 899; concrete.polynomialSize = 4096
    concrete.pbsBaseLog = 22; concrete.pbsLevel = 1; concrete.ksBaseLog = 4; concrete.ksLevel = 4
    let cases: [(String, ClassicPBSParameters)] = [
        ("default", ParameterSet.default.compute), ("2m128", ParameterSet.v1_0_2m128.compute),
        ("n=899 N=4096 2^22×1 KS 2^4×4", concrete),
    ]
    for (name, compute) in cases {
        Benchmark("KS + PBS one block [\(name)]", configuration: ms) { benchmark in
            let p = try PerformanceMeasurement.parameterSet(compute: compute)
            let (ck, _) = try KeyGeneration.generate(p)
            let sk = try ServerKey.generate(for: ck)
            let encoding = compute.encoding
            let input = LweEncryption.encrypt([encoding.encode(3)], key: ck.bigLweSecretKey, noise: compute.glweNoiseDistribution,
                                              maskGenerator: AesCtrGenerator.system(), noiseGenerator: AesCtrGenerator.system())
            let lut = LookupTable(polynomialSize: compute.polynomialSize.value, boxes: 16, delta: encoding.delta) { $0 }
            let w = PBSWorkspace(bsk: sk.bootstrapKey, keyswitchLevels: compute.ksLevel.value)
            var out = [UInt64](repeating: 0, count: compute.bigLweDimension.value + 1)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                input.data.withUnsafeBufferPointer { i in lut.body.withUnsafeBufferPointer { l in out.withUnsafeMutableBufferPointer {
                    ProgrammableBootstrap.keyswitchBootstrap(i.baseAddress!, lut: l.baseAddress!, ksk: sk.keyswitchKey, bsk: sk.bootstrapKey,
                                                             modulusSwitch: sk.modulusSwitchMode, into: $0.baseAddress!, workspace: w)
                } } }
            }
        }
    }

    var tfheRsKeygen = ParameterSet.default.compute
    tfheRsKeygen.lweDimension = 834; tfheRsKeygen.pbsBaseLog = 23; tfheRsKeygen.ksBaseLog = 3; tfheRsKeygen.ksLevel = 5
    for (name, compute) in [("default", ParameterSet.default.compute), ("n=834 2^23×1 KS 2^3×5", tfheRsKeygen)] {
        Benchmark("Keygen client + server key, tfhe-rs ServerKey bytes [\(name)]",
                  configuration: .init(metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, maxDuration: .seconds(10))) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try PerformanceMeasurement.keyGeneration(compute, runs: 1))
            }
        }
    }

    Benchmark("FheUint8 add (7 PBS, 2 cores) [default]", configuration: ms) { benchmark in
        let keys = try KeySet.generate(.default)
        let evaluator = FheEvaluator(serverKey: try ServerKey.generate(for: keys.clientKey))
        let a = keys.clientKey.encrypt(try ClearValue(type: .euint8, 200)), b = keys.clientKey.encrypt(try ClearValue(type: .euint8, 99))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try evaluator.add(a, b)) }
    }
}
