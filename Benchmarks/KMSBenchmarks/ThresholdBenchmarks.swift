import Benchmark
import KMSCore

/// Threshold decryption benchmarks at the default sets (squashing 2×2048 u128, D = 8 unless
/// named): one party's partial decryption of one switch-and-squashed block, the robust combine of
/// an euint64 (32 blocks) at n = 4 and n = 13, and the whole in-process (4, 1) decryption of an
/// euint8 and an euint64 beside the switch-and-squash alone of the same value.
func registerThresholdBenchmarks() {
    let us = Benchmark.Configuration(timeUnits: .microseconds, maxDuration: .seconds(3))

    /// Shares of fresh default keys, and random u128 LWEs of the squashing dimension.
    func setup(n: Int, t: Int, degree: ThresholdRingDegree, blocks: Int) throws -> ([ThresholdKeyShare], SwitchAndSquashedCiphertext) {
        let keys = try KeySet.generate(.default)
        let squashing = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: .default))
        let id = try KeyID(bytes: [UInt8](repeating: 1, count: 20))
        let shares = try ThresholdDealer.share(clientKey: keys.clientKey, noiseSquashingKey: squashing, keyID: id,
                                               parameters: ThresholdParameters(parties: n, threshold: t, ringDegree: degree))
        let m = squashing.parameters.lweDimension.value
        let g = TFHERandomness.system().mask
        let ct = try SwitchAndSquashedCiphertext(type: blocks == 1 ? .ebool : .euint64, lweDimension: m,
                                                 blocks: (0..<blocks).map { _ in g.uniformWords(2 * (m + 1)) })
        return (shares, ct)
    }

    Benchmark("Threshold partial decryption, one squashed block [default, D=8]", configuration: us) { benchmark in
        let (shares, ct) = try setup(n: 4, t: 1, degree: .eight, blocks: 1)
        let session = ThresholdSessionID.random()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try shares[0].partialDecrypt([ct], session: session)) }
    }

    for (n, t, degree) in [(4, 1, ThresholdRingDegree.eight), (13, 4, .eight), (13, 4, .four)] {
        Benchmark("Threshold combine euint64 [n=\(n) t=\(t) D=\(degree.rawValue)]", configuration: us) { benchmark in
            let (shares, ct) = try setup(n: n, t: t, degree: degree, blocks: 32)
            let session = ThresholdSessionID.random()
            let partials = try shares.map { try $0.partialDecrypt([ct], session: session) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try ThresholdCombiner.combine(partials, key: shares[0].info, session: session))
            }
        }
    }

    for type in [FheType.euint8, .euint64] {
        // Keys shared by the pair of benchmarks of one type (made on first use).
        nonisolated(unsafe) var made: (ThresholdDecryptor, FheCiphertext)?
        func keys() throws -> (ThresholdDecryptor, FheCiphertext) {
            if let made { return made }
            let keys = try KeySet.generate(.default)
            let serverKey = try ServerKey.generate(for: keys.clientKey)
            let squashing = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: .default))
            let squashingKey = try NoiseSquashingKey.generate(clientKey: keys.clientKey, privateKey: squashing)
            let shares = try ThresholdDealer.share(clientKey: keys.clientKey, noiseSquashingKey: squashing, keyID: keys.keyID,
                                                   parameters: ThresholdParameters(parties: 4, threshold: 1))
            let decryptor = try ThresholdDecryptor(shares: shares, serverKey: serverKey, squashingKey: squashingKey)
            made = (decryptor, keys.clientKey.encrypt(.max(type)))
            return made!
        }
        let slow = Benchmark.Configuration(timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 3)
        Benchmark("Switch-and-squash \(type) alone [default]", configuration: slow) { benchmark in
            let (d, ct) = try keys()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try d.squashingKey.switchAndSquash(ct, serverKey: d.serverKey)) }
        }
        Benchmark("Threshold (4,1) decryption \(type) incl. switch-and-squash [default]", configuration: slow) { benchmark in
            let (d, ct) = try keys()
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try d.decrypt(ct)) }
        }
    }
}
