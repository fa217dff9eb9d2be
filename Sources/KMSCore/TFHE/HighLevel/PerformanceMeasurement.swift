import Dispatch

/// Timings of the server-side primitives at given parameters, for `kmsctl bench` and for
/// comparing with other implementations at identical parameters. Medians over `runs`.
///
/// ```swift
/// let t = try PerformanceMeasurement.bootstrap(ParameterSet.default.compute, runs: 10)
/// print(t.pbsMilliseconds, t.keyswitchMilliseconds)
/// ```
public enum PerformanceMeasurement {
    /// Key switch and bootstrap (modulus switch, blind rotation, sample extraction) medians.
    public struct BootstrapTimings: Sendable, Codable, Equatable {
        public var pbsMilliseconds: Double
        public var keyswitchMilliseconds: Double
        public var runs: Int

        enum CodingKeys: String, CodingKey {
            case pbsMilliseconds = "pbs_ms_median"
            case keyswitchMilliseconds = "ks_ms_median"
            case runs
        }
    }

    /// Key generation median: client key + server key, serialized as tfhe-rs files.
    public struct KeygenTimings: Sendable, Codable, Equatable {
        public var keygenMilliseconds: Double
        public var serverKeyBytes: Int
        public var runs: Int

        enum CodingKeys: String, CodingKey {
            case keygenMilliseconds = "keygen_ms_median"
            case serverKeyBytes = "server_key_bytes"
            case runs
        }
    }

    /// A parameter set for measuring `compute` (the other parts of `.test`, which bootstrapping
    /// does not use), validated.
    public static func parameterSet(compute: ClassicPBSParameters) throws(TFHEError) -> ParameterSet {
        var p = ParameterSet.test
        p.name = "custom"
        p.tfheRsName = "custom"
        p.compute = compute
        p.compactPublicKey = nil
        p.castingKeySwitch = nil
        p.compression = nil
        try p.validate()
        return p
    }

    /// Times `runs` key switches and bootstraps of one block (one thread).
    public static func bootstrap(_ compute: ClassicPBSParameters, runs: Int = 10,
                                 randomness: TFHERandomness = .system()) throws(TFHEError) -> BootstrapTimings {
        let p = try parameterSet(compute: compute)
        let (ck, _) = try KeyGeneration.generate(p, randomness: randomness)
        let sk = try ServerKey.generate(for: ck, randomness: randomness)
        let encoding = compute.encoding
        let input = LweEncryption.encrypt([encoding.encode(1)], key: ck.bigLweSecretKey, noise: compute.glweNoiseDistribution,
                                          maskGenerator: randomness.mask, noiseGenerator: randomness.noise)
        let lut = LookupTable(polynomialSize: compute.polynomialSize.value, boxes: encoding.messageModulus * encoding.carryModulus,
                              delta: encoding.delta) { $0 }
        let w = PBSWorkspace(bsk: sk.bootstrapKey, keyswitchLevels: compute.ksLevel.value)
        var small = [UInt64](repeating: 0, count: compute.lweDimension.value + 1)
        var out = [UInt64](repeating: 0, count: compute.bigLweDimension.value + 1)
        var ks: [Double] = [], pbs: [Double] = []
        var digits = [Int64](repeating: 0, count: compute.ksLevel.value)
        for _ in 0..<max(runs, 1) {
            input.data.withUnsafeBufferPointer { i in
                small.withUnsafeMutableBufferPointer { s in
                    digits.withUnsafeMutableBufferPointer { d in
                        ks.append(milliseconds { LweKeyswitch.keyswitch(i.baseAddress!, key: sk.keyswitchKey, into: s.baseAddress!, digits: d.baseAddress!) })
                    }
                    lut.body.withUnsafeBufferPointer { l in
                        out.withUnsafeMutableBufferPointer { o in
                            pbs.append(milliseconds {
                                ProgrammableBootstrap.bootstrap(s.baseAddress!, lut: l.baseAddress!, bsk: sk.bootstrapKey,
                                                                modulusSwitch: sk.modulusSwitchMode, into: o.baseAddress!, workspace: w)
                            })
                        }
                    }
                }
            }
        }
        return BootstrapTimings(pbsMilliseconds: median(pbs), keyswitchMilliseconds: median(ks), runs: max(runs, 1))
    }

    /// Times `runs` generations of a client key and its server key (all cores), the server key
    /// serialized as a tfhe-rs `ServerKey` of `layout`.
    public static func keyGeneration(_ compute: ClassicPBSParameters, runs: Int = 3, layout: TfheRsLayout = .v1_0,
                                     randomness: TFHERandomness = .system()) throws(TFHEError) -> KeygenTimings {
        let p = try parameterSet(compute: compute)
        var times: [Double] = []
        var size = 0
        for _ in 0..<max(runs, 1) {
            var failure: TFHEError?
            times.append(milliseconds {
                do {
                    let (ck, _) = try KeyGeneration.generate(p, randomness: randomness)
                    let sk = try ServerKey.generate(for: ck, randomness: randomness)
                    let l = max(KeyStore.serverKeyLayout(p), layout)
                    size = try TfheRsFile(object: .serverKey(TfheRsServerKey(sk, layout: l)), layout: l).encode().count
                    _ = try TfheRsFile(object: .clientKey(TfheRsClientKey(ck, layout: l)), layout: l).encode()
                } catch let e as TFHEError {
                    failure = e
                } catch {
                    failure = .invalidParameters("serialization: \(error)")
                }
            })
            if let failure { throw failure }
        }
        return KeygenTimings(keygenMilliseconds: median(times), serverKeyBytes: size, runs: max(runs, 1))
    }

    /// Noise-squashing medians: generating the noise-squashing key (all cores) and squashing one
    /// block (kms-core's per-block switch-and-squash of an ebool; its external products on two
    /// threads when there are two cores); generating the squashed-noise compression key (all
    /// cores) and packing squashed blocks into a list: one block (median over the runs) and a
    /// full GLWE of `lwePerGlwe` blocks (once).
    public struct SquashTimings: Sendable, Codable, Equatable {
        public var squashBlockMilliseconds: Double
        public var keygenMilliseconds: Double
        public var compressionKeygenMilliseconds: Double
        public var compressBlockMilliseconds: Double
        public var compressFullGlweMilliseconds: Double
        public var blocksPerGlwe: Int
        public var runs: Int

        enum CodingKeys: String, CodingKey {
            case squashBlockMilliseconds = "squash_block_ms_median"
            case keygenMilliseconds = "noise_squashing_keygen_ms"
            case compressionKeygenMilliseconds = "noise_squashing_compression_keygen_ms"
            case compressBlockMilliseconds = "compress_block_ms_median"
            case compressFullGlweMilliseconds = "compress_full_glwe_ms"
            case blocksPerGlwe = "blocks_per_glwe"
            case runs
        }
    }

    /// Generates keys for `parameters` and its noise-squashing sets (`KeyStore.noiseSquashingParameters`,
    /// `noiseSquashingCompressionParameters`), then times `runs` switch-and-squashes of one block
    /// and their compression, then one full list; every result is checked to decrypt.
    /// - Throws: `TFHEError` from key generation, squashing or compression, `.ciphertextMismatch`
    ///   if a squashed or compressed block does not decrypt to the value.
    public static func noiseSquashing(_ parameters: ParameterSet, runs: Int = 3,
                                      randomness: TFHERandomness = .system()) throws(TFHEError) -> SquashTimings {
        let keys = try KeySet.generate(parameters, randomness: randomness)
        let serverKey = try ServerKey.generate(for: keys.clientKey, randomness: randomness)
        let privateKey = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: parameters), randomness: randomness)
        var start = DispatchTime.now().uptimeNanoseconds
        let squashingKey = try NoiseSquashingKey.generate(clientKey: keys.clientKey, privateKey: privateKey, randomness: randomness)
        let keygen = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let compressionPrivateKey = try NoiseSquashingCompressionPrivateKey.generate(
            KeyStore.noiseSquashingCompressionParameters(for: parameters), randomness: randomness)
        start = DispatchTime.now().uptimeNanoseconds
        let compressionKey = try NoiseSquashingCompressionKey.generate(squashingKey: privateKey, compressionKey: compressionPrivateKey,
                                                                       randomness: randomness)
        let compressionKeygen = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let value = try ClearValue(type: .ebool, 1)
        let input = keys.clientKey.encrypt(value)
        var times: [Double] = [], compressTimes: [Double] = []
        for _ in 0..<max(runs, 1) {
            start = DispatchTime.now().uptimeNanoseconds
            let s = try squashingKey.switchAndSquash(input, serverKey: serverKey)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard try privateKey.decrypt(s) == value else {
                throw .ciphertextMismatch("a squashed block did not decrypt to the encrypted value")
            }
        }
        // Compression takes tfhe-rs's squashed form (blocks packed in pairs; one for an ebool).
        let squashed = try squashingKey.squash(input, serverKey: serverKey)
        for _ in 0..<max(runs, 1) {
            start = DispatchTime.now().uptimeNanoseconds
            let list = try compressionKey.compress([squashed])
            compressTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard try compressionPrivateKey.decrypt(list) == [value] else {
                throw .ciphertextMismatch("a compressed block did not decrypt to the encrypted value")
            }
        }
        // A full GLWE: the squashed block, lwePerGlwe times.
        let per = compressionKey.parameters.lwePerGlwe
        let many = [SquashedNoiseCiphertext](repeating: squashed, count: per)
        start = DispatchTime.now().uptimeNanoseconds
        let full = try compressionKey.compress(many)
        let fullTime = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        guard full.glwes.count == 1, try compressionPrivateKey.decrypt(full) == [ClearValue](repeating: value, count: per) else {
            throw .ciphertextMismatch("a full compressed GLWE did not decrypt to the encrypted values")
        }
        return SquashTimings(squashBlockMilliseconds: median(times), keygenMilliseconds: keygen,
                             compressionKeygenMilliseconds: compressionKeygen, compressBlockMilliseconds: median(compressTimes),
                             compressFullGlweMilliseconds: fullTime, blocksPerGlwe: per, runs: max(runs, 1))
    }

    static func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
