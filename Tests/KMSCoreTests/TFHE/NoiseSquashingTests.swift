import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Noise squashing with keys we generate: every 4-bit block value and every packed pair through
/// the u128 bootstrap, decrypted with the noise-squashing private key, noise against the
/// predicted variance; the GGSW rows of the key decrypted back; whole values through
/// `NoiseSquashingKey.squash`; the tfhe-rs codec round trip; typed errors.
final class NoiseSquashingTests: XCTestCase {
    /// Keys of one client key: compute server key, squashing private and server keys.
    struct SquashingKeys {
        let client: ClientKey
        let server: ServerKey
        let privateKey: NoiseSquashingPrivateKey
        let key: NoiseSquashingKey
    }

    static func makeKeys(_ compute: ParameterSet, _ squashing: NoiseSquashingParameters,
                         _ g: inout SeededGenerator) throws -> SquashingKeys {
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(compute, randomness: r)
        let sk = try ServerKey.generate(for: ck, randomness: r)
        let nsk = try NoiseSquashingPrivateKey.generate(squashing, randomness: r)
        let key = try NoiseSquashingKey.generate(clientKey: ck, privateKey: nsk, randomness: r)
        return SquashingKeys(client: ck, server: sk, privateKey: nsk, key: key)
    }

    /// The test-set keys, made once per run.
    nonisolated(unsafe) static var cachedTestKeys: SquashingKeys?
    static func testKeys() throws -> SquashingKeys {
        if let k = cachedTestKeys { return k }
        var g = TestSeed.generator("test keys", function: "shared")
        let k = try makeKeys(.test, .test, &g)
        cachedTestKeys = k
        return k
    }

    /// A u128 read as a signed 128-bit integer, as a Double.
    static func signed(_ x: U128) -> Double {
        if x.high >> 63 == 1 {
            let m = U128.zero &- x
            return -(Double(m.high) * 0x1p64 + Double(m.low))
        }
        return Double(x.high) * 0x1p64 + Double(x.low)
    }

    /// Predicted variance (u128 units²) of a squashed output: the classic-PBS formula at q = 2^128
    /// (no FFT term: the product is exact) — decomposition rounding times the binary key, plus
    /// digits times the GGSW noise, per CMUX.
    static func predictedVariance(_ p: NoiseSquashingParameters, inputDimension n: Int) -> Double {
        guard case .tUniform(let bound) = p.glweNoiseDistribution else { return .nan }
        let k = Double(p.glweDimension.value), size = Double(p.polynomialSize.value)
        let b = Double(p.decompositionBaseLog.value), l = Double(p.decompositionLevelCount.value)
        let keyNoise = (pow(2, Double(2 * bound + 1)) + 1) / 6
        let rounding = (k * size / 2 + 1) * pow(2, 2 * (128 - b * l)) / 12
        let digits = (k + 1) * l * size * (pow(2, 2 * b) + 2) / 12 * keyNoise
        return Double(n) / 2 * rounding + Double(n) * digits
    }

    /// Squashes one u64 block (k·N + 1 words under the big key) and returns its u128 phase.
    static func squashPhase(_ block: [UInt64], _ keys: SquashingKeys, _ w: NoiseSquashingWorkspace) -> U128 {
        let p = keys.key.parameters
        var out = [UInt64](repeating: 0, count: 2 * (p.lweDimension.value + 1))
        let lut = LookupTable128(identityFor: p)
        block.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in
            NoiseSquashing.squashBlock(b.baseAddress!, keyswitchKey: keys.server.keyswitchKey, key: keys.key, lut: lut,
                                       into: o.baseAddress!, workspace: w)
        } }
        return out.withUnsafeBufferPointer { keys.privateKey.phase($0.baseAddress!) }
    }

    /// Every block value m (0…15) alone and every packed pair (high·4 + low): decrypts to the
    /// value, noise below 2^122 and within the predicted spread. Returns the worst error.
    @discardableResult
    static func everyBlockValue(_ keys: SquashingKeys, pairs: Bool, label: String) throws -> Double {
        let c = keys.client.parameters.compute, p = keys.key.parameters
        var g = TestSeed.generator(label)
        let r = try g.tfheRandomness()
        let delta64 = c.encoding.delta, msg = UInt64(c.messageModulus)
        let w = NoiseSquashingWorkspace(key: keys.key, keyswitchLevels: c.ksLevel.value)
        func encrypt(_ m: UInt64) -> [UInt64] {
            LweEncryption.encrypt([m &* delta64], key: keys.client.bigLweSecretKey, noise: c.glweNoiseDistribution,
                                  maskGenerator: r.mask, noiseGenerator: r.noise).data
        }
        var cases: [(value: UInt64, block: [UInt64])] = (0 ..< UInt64(p.boxes)).map { ($0, encrypt($0)) }
        if pairs {
            for high in 0..<msg {
                for low in 0..<msg {
                    let packed = zip(encrypt(low), encrypt(high)).map { $1 &* msg &+ $0 }
                    cases.append((high * msg + low, packed))
                }
            }
        }
        var errors: [Double] = []
        for (m, block) in cases {
            let phase = squashPhase(block, keys, w)
            XCTAssertEqual(keys.privateKey.decode(phase: phase), m, "\(label): value \(m)")
            errors.append(signed(phase &- p.delta &* U128(m)))
        }
        let worst = errors.map(abs).max() ?? 0
        let rms = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
        let sigma = predictedVariance(p, inputDimension: keys.key.inputLweDimension.value).squareRoot()
        XCTAssertLessThan(worst, 0x1p122, "\(label): squashed noise 2^\(log2(worst)) reaches the 2^122 decoding bound")
        XCTAssertLessThan(worst, 6.5 * sigma, "\(label): worst error 2^\(log2(worst)) vs predicted σ 2^\(log2(sigma))")
        // The prediction bounds the noise from above (early CMUXes act on a trivial accumulator);
        // the measured spread must still be of its order, not vanishingly small or absent.
        XCTAssertGreaterThan(rms, sigma / 16, "\(label): rms 2^\(log2(rms)) far below predicted σ 2^\(log2(sigma))")
        print("\(label): \(errors.count) squashed blocks, worst error 2^\(log2(worst)), rms 2^\(log2(rms)), predicted σ 2^\(log2(sigma))")
        return worst
    }

    func testEveryBlockValueAndPackedPairUnderTestParameters() throws {
        try Self.everyBlockValue(Self.testKeys(), pairs: true, label: "test set")
    }

    /// The real squashing sets (2×2048, 2^24×3: tfhe-rs 1.4 TU(30) and kms V09 TU(27)) over the test compute set (n = 10,
    /// so only ten CMUXes per block).
    func testRealSquashingParametersOverTheTestComputeSet() throws {
        let clock = ContinuousClock()
        var g = TestSeed.generator()
        // tfhe-rs 1.4's set (centered mean) and kms-core V09's (TUniform(27), standard switch).
        for (name, p) in [("tfhe-rs 1.4", NoiseSquashingParameters.v1_4_message2Carry2KsPbsTUniform2M128),
                          ("kms V09", .kmsV09SwitchAndSquash)] {
            var keys: SquashingKeys?
            let keygen = try clock.measure { keys = try Self.makeKeys(.test, p, &g) }
            guard let keys else { return XCTFail("no keys") }
            let squash = try clock.measure { try Self.everyBlockValue(keys, pairs: false, label: "2x2048 \(name) over test") }
            print("2x2048 \(name) over test compute: keys \(keygen), 16 squashes \(squash) (debug)")
        }
    }

    /// The GGSW rows of the key, decrypted back: row r < k of level ℓ is `−s_i·2^(128−Bℓ)·S_r`,
    /// row k the constant `s_i·2^(128−Bℓ)` (noise TU(0): |e| ≤ 1), with masks from the mask stream
    /// in tfhe-rs's data order.
    func testKeyRowsEncryptTheSmallKeyBitsInTfheRsOrder() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: r)
        let nsk = try NoiseSquashingPrivateKey.generate(.test, randomness: r)
        let seed = g.tfheSeed()
        let key = try NoiseSquashingKey.generate(clientKey: ck, privateKey: nsk, randomness: .seeded(seed))
        let replay = try TFHERandomness.seeded(seed)
        let p = NoiseSquashingParameters.test
        let k = p.glweDimension.value, size = p.polynomialSize.value, levels = p.decompositionLevelCount.value
        let b = p.decompositionBaseLog.value, n = ck.lweSecretKey.dimension
        let engine = key.engine
        var one = [Int64](repeating: 0, count: size)
        one[0] = 1
        let s = (0..<k).map { c in nsk.glweSecretKey.coefficients[c * size ..< (c + 1) * size].map { Int64(bitPattern: $0) } }
        XCTAssertEqual(key.spectra.count, n * levels * (k + 1) * (k + 1))
        for i in 0..<n {
            let bit = ck.lweSecretKey.coefficients[i]
            for t in 0..<levels {
                let level = levels - t
                let factor = (U128(1) << (128 - b * level)) &* U128(bit)
                for row in 0...k {
                    let masks = (0..<k).map { _ in replay.mask.uniformU128Words(size) }
                    let slot = ((i * levels + t) * (k + 1) + row) * (k + 1)
                    for c in 0..<k {
                        XCTAssertEqual(key.spectra[slot + c], engine.forwardKey(masks[c]), "GGSW \(i) level \(level) row \(row) mask \(c)")
                    }
                    // body·1 back to coefficients, minus Σ mask_c·S_c.
                    var body = [UInt64](repeating: 0, count: 2 * size)
                    var acc = engine.makeAccumulator()
                    var ds = engine.makeDigitSpectrum()
                    engine.forwardDigits(one, into: &ds)
                    engine.multiplyAccumulate(&acc, key.spectra[slot + k], ds)
                    for c in 0..<k {
                        var sc = engine.makeDigitSpectrum()
                        engine.forwardDigits(s[c].map { -$0 }, into: &sc)
                        engine.multiplyAccumulate(&acc, engine.forwardKey(masks[c])!, sc)
                    }
                    engine.backwardAdd(&acc, into: &body)
                    let plain = U128Polynomial.coefficients(body)
                    for j in 0..<size {
                        let expected: U128
                        if row < k {
                            expected = s[row][j] == 1 ? U128.zero &- factor : .zero
                        } else {
                            expected = j == 0 ? factor : .zero
                        }
                        let e = Self.signed(plain[j] &- expected)
                        if abs(e) > 1 {
                            return XCTFail("GGSW \(i) level \(level) row \(row) coefficient \(j): error \(e)")
                        }
                    }
                }
            }
        }
    }

    /// A block squashed with its external products split over two threads is bit for bit the
    /// block squashed on one (the u128 products are exact), under the test set and under the
    /// real squashing set.
    func testTwoThreadExternalProductsGiveTheSameBlock() throws {
        var g = TestSeed.generator()
        for keys in [try Self.testKeys(), try Self.makeKeys(.test, .v1_4_message2Carry2KsPbsTUniform2M128, &g)] {
            let r = try g.tfheRandomness()
            let p = keys.key.parameters
            let lut = LookupTable128(identityFor: p)
            let ct = keys.client.encrypt(try ClearValue(type: .euint4, 11), randomness: r)
            guard case .lwe(let list, _) = ct.body else { return XCTFail("not LWE blocks") }
            let block = Array(list.data[0 ..< list.lweSize])
            var outputs: [[UInt64]] = []
            for twoThreads in [false, true] {
                let w = NoiseSquashingWorkspace(key: keys.key, keyswitchLevels: keys.server.keyswitchKey.decomposer.levelCount.value,
                                                twoThreads: twoThreads)
                var out = [UInt64](repeating: 0, count: 2 * (p.lweDimension.value + 1))
                block.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in
                    NoiseSquashing.squashBlock(b.baseAddress!, keyswitchKey: keys.server.keyswitchKey, key: keys.key, lut: lut,
                                               into: o.baseAddress!, workspace: w)
                } }
                outputs.append(out)
            }
            XCTAssertEqual(outputs[0], outputs[1], "\(p.glweDimension)×\(p.polynomialSize)")
            // Block 0 of 11 holds its low two bits: 3.
            XCTAssertEqual(outputs[1].withUnsafeBufferPointer { keys.privateKey.decode(phase: keys.privateKey.phase($0.baseAddress!)) }, 3)
        }
    }

    /// Whole values through `NoiseSquashingKey.squash`: euint8 / euint16 / euint4 / ebool
    /// encrypted with our client key, squashed, decrypted with the squashing private key.
    func testValuesEncryptedWithTheClientKeySquashAndDecrypt() throws {
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        var values = [ClearValue(bool: true), ClearValue(bool: false), try ClearValue(type: .euint4, 9)]
        for t in [FheType.euint8, .euint16] { values += try interopSamples(t, using: &g) }
        for v in values {
            let ct = keys.client.encrypt(v, randomness: r)
            let squashed = try keys.key.squash(ct, serverKey: keys.server)
            XCTAssertEqual(squashed.blocks.count, v.type == .ebool ? 1 : ct.blockCount / 2, "\(v)")
            XCTAssertEqual(squashed.originalBlockCount, ct.blockCount)
            XCTAssertEqual(squashed.degrees, v.type == .ebool ? [1] : [Int](repeating: 15, count: ct.blockCount / 2))
            XCTAssertEqual(try keys.privateKey.decrypt(squashed), v)
        }
    }

    /// A squashed value written as a tfhe-rs `SquashedNoiseFheUint` / `SquashedNoiseFheBool`
    /// (1.1 and 1.4 layouts, versioned and plain) and read back: same value, same decryption.
    func testSquashedValuesRoundTripThroughTheTfheRsCodec() throws {
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        for v in [try ClearValue.random(.euint16, using: &g), ClearValue(bool: true)] {
            let squashed = try keys.key.squash(keys.client.encrypt(v, randomness: r), serverKey: keys.server)
            let object = try squashed.tfheRs()
            XCTAssertEqual(object.kind, v.type == .ebool ? .boolean : .unsigned)
            XCTAssertEqual(object.originalBlockCount, v.type.blockCount(messageBits: 2))
            XCTAssertEqual(object.blocks.first?.lweDimension, NoiseSquashingParameters.test.lweDimension.value)
            for layout in [TfheRsLayout.v1_1, .v1_4] {
                for versioned in [true, false] {
                    let bytes = try TfheRsFile(object: .squashedNoiseCiphertext(object), layout: layout, versioned: versioned).encode()
                    let read = try TfheRsFile.decode(bytes, limits: .ciphertext)
                    guard case .squashedNoiseCiphertext(let c) = read.object else { return XCTFail("read back \(read.object.type)") }
                    let again = try SquashedNoiseCiphertext(tfheRs: c)
                    XCTAssertEqual(again, squashed, "\(layout) versioned \(versioned)")
                    XCTAssertEqual(try keys.privateKey.decrypt(again), v)
                }
            }
            // The first coefficient's bytes are the u128 little-endian.
            let first = U128(low: squashed.blocks[0][0], high: squashed.blocks[0][1])
            XCTAssertEqual(Array(object.blocks[0].lwe.bytes.prefix(16)), first.littleEndianBytes)
        }
    }

    /// The private key written into a tfhe-rs client key (1.4 and 1.6 layouts) and read back
    /// decrypts a squashed value; a client key without one gives nil; parameters `validate()`
    /// refuses (tfhe-rs 1.1 – 1.3's drift technique) still decrypt.
    func testPrivateKeyTravelsInATfheRsClientKey() throws {
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let v = try ClearValue.random(.euint16, using: &g)
        let squashed = try keys.key.squash(keys.client.encrypt(v, randomness: r), serverKey: keys.server)
        XCTAssertNil(try NoiseSquashingPrivateKey(tfheRs: TfheRsClientKey(keys.client, layout: .v1_4)))
        for layout in [TfheRsLayout.v1_4, .v1_6] {
            let ck = try TfheRsClientKey(keys.client, layout: layout).adding(noiseSquashingKey: keys.privateKey)
            let bytes = try TfheRsFile(object: .clientKey(ck), layout: layout).encode()
            guard case .clientKey(let back) = try TfheRsFile.decode(bytes).object else { return XCTFail("not a client key") }
            let nsk = try XCTUnwrap(try NoiseSquashingPrivateKey(tfheRs: back))
            XCTAssertEqual(nsk.parameters, keys.privateKey.parameters, "\(layout)")
            XCTAssertEqual(nsk.glweSecretKey.coefficients, keys.privateKey.glweSecretKey.coefficients, "\(layout)")
            XCTAssertEqual(try nsk.decrypt(squashed), v, "\(layout)")
        }
        var drift = NoiseSquashingParameters.test
        drift.modulusSwitchType = .driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction(
            zerosCount: 1449, msBound: 0x1p58, msRSigmaFactor: 13.179852282053789, msInputVariance: 2.63039184094559e-07))
        XCTAssertThrowsError(try drift.validate())
        let older = try NoiseSquashingPrivateKey(parameters: drift, glweSecretKey: keys.privateKey.glweSecretKey)
        XCTAssertEqual(try older.decrypt(squashed), v)
    }

    // MARK: Typed errors

    func testInvalidParametersAreRefusedWithTypedErrors() {
        let base = NoiseSquashingParameters.v1_4_message2Carry2KsPbsTUniform2M128
        XCTAssertNoThrow(try base.validate())
        XCTAssertNoThrow(try base.validate(for: .v1_0_2m128))
        XCTAssertNoThrow(try NoiseSquashingParameters.test.validate(for: .test))
        var mutations: [(String, (inout NoiseSquashingParameters) -> Void)] = [
            ("base log 33", { $0.decompositionBaseLog = 33 }),
            ("B·L ≥ 128", { $0.decompositionBaseLog = 32; $0.decompositionLevelCount = 4 }),
            ("N not a power of two", { $0.polynomialSize = 1000 }),
            ("k = 0", { $0.glweDimension = 0 }),
            ("Gaussian", { $0.glweNoiseDistribution = .gaussian(standardDeviation: 1e-30) }),
            ("TU(127)", { $0.glweNoiseDistribution = .tUniform(boundLog2: 127) }),
            ("carry < message", { $0.carryModulus = 2 }),
            ("message 3", { $0.messageModulus = 3 }),
            ("N too small for the slots", { $0.polynomialSize = 16 }),
        ]
        mutations.append(("drift", { $0.modulusSwitchType = .driftTechniqueNoiseReduction(ModulusSwitchNoiseReduction(
            zerosCount: 1, msBound: 1, msRSigmaFactor: 1, msInputVariance: 1)) }))
        for (name, mutate) in mutations {
            var p = base
            mutate(&p)
            XCTAssertThrowsError(try p.validate(), name) { error in
                guard case TFHEError.invalidParameters = error else { return XCTFail("\(name): \(error)") }
            }
        }
        var other = ParameterSet.test
        other.compute.carryModulus = 8
        XCTAssertThrowsError(try NoiseSquashingParameters.test.validate(for: other)) { error in
            guard case TFHEError.invalidParameters = error else { return XCTFail("\(error)") }
        }
    }

    func testShapeMismatchesAreRefusedWithTypedErrors() throws {
        let keys = try Self.testKeys()
        let p = NoiseSquashingParameters.test
        func expect(_ name: String, _ kind: (TFHEError) -> Bool, _ body: () throws -> Void) {
            XCTAssertThrowsError(try body(), name) { error in
                guard let e = error as? TFHEError, kind(e) else { return XCTFail("\(name): \(error)") }
            }
        }
        let isKey = { (e: TFHEError) in if case .keyMismatch = e { true } else { false } }
        let isCiphertext = { (e: TFHEError) in if case .ciphertextMismatch = e { true } else { false } }
        // A GLWE key of the wrong shape; a key with missing spectra.
        let wrongGlwe = try GlweSecretKey(glweDimension: 2, polynomialSize: 512, coefficients: [UInt64](repeating: 0, count: 1024))
        expect("private key shape", isKey) { _ = try NoiseSquashingPrivateKey(parameters: p, glweSecretKey: wrongGlwe) }
        expect("spectrum count", isKey) {
            _ = try NoiseSquashingKey(parameters: p, inputLweDimension: keys.key.inputLweDimension, spectra: Array(keys.key.spectra.dropLast()))
        }
        // A server key of another small key dimension.
        var otherSet = ParameterSet.test
        otherSet.compute.lweDimension = 12
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let (otherClient, _) = try KeyGeneration.generate(otherSet, randomness: r)
        let otherServer = try ServerKey.generate(for: otherClient, randomness: r)
        let ct = keys.client.encrypt(try ClearValue(type: .euint8, 77), randomness: r)
        expect("server key of another dimension", isKey) { _ = try keys.key.squash(ct, serverKey: otherServer) }
        // Blocks under the small key.
        guard case .lwe(let list, _) = ct.body else { return XCTFail("not LWE") }
        let small = try LweCiphertextList(lweDimension: 10, data: [UInt64](repeating: 0, count: 11 * list.count))
        let smallCt = try FheCiphertext(type: .euint8, encoding: ct.encoding, body: .lwe(small, key: .small))
        expect("blocks under the small key", isCiphertext) { _ = try keys.key.squash(smallCt, serverKey: keys.server) }
        // Squashed values of the wrong shape, or for another key.
        let squashed = try keys.key.squash(ct, serverKey: keys.server)
        expect("block count", isCiphertext) {
            _ = try SquashedNoiseCiphertext(type: .euint16, lweDimension: squashed.lweDimension, blocks: squashed.blocks,
                                            degrees: squashed.degrees, messageModulus: 4, carryModulus: 4)
        }
        expect("block size", isCiphertext) {
            _ = try SquashedNoiseCiphertext(type: .euint8, lweDimension: squashed.lweDimension + 1, blocks: squashed.blocks,
                                            degrees: squashed.degrees, messageModulus: 4, carryModulus: 4)
        }
        let shorter = squashed.blocks.map { Array($0.dropFirst(2)) }
        let foreign = try SquashedNoiseCiphertext(type: .euint8, lweDimension: squashed.lweDimension - 1, blocks: shorter,
                                                  degrees: squashed.degrees, messageModulus: 4, carryModulus: 4)
        expect("decrypt another dimension", isCiphertext) { _ = try keys.privateKey.decrypt(foreign) }
        let otherModuli = try SquashedNoiseCiphertext(type: .euint8, lweDimension: squashed.lweDimension, blocks: squashed.blocks,
                                                      degrees: squashed.degrees, messageModulus: 4, carryModulus: 8)
        expect("decrypt other moduli", isCiphertext) { _ = try keys.privateKey.decrypt(otherModuli) }
        // tfhe-rs objects that are not ours.
        var signed = try squashed.tfheRs()
        signed.kind = .signed
        XCTAssertThrowsError(try SquashedNoiseCiphertext(tfheRs: signed)) { error in
            guard case TfheRsError.unsupported = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SquashedNoiseCiphertext(tfheRs: try squashed.tfheRs(), type: .euint16)) { error in
            guard case TfheRsError.mismatch = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try SquashedNoiseCiphertext(tfheRs: try squashed.tfheRs(), type: .euint8), squashed)
    }

    func testKeysDescribeThemselvesWithoutSecrets() throws {
        let keys = try Self.testKeys()
        XCTAssertEqual(keys.privateKey.description, "NoiseSquashingPrivateKey(1×512, <redacted>)")
        XCTAssertFalse(String(reflecting: keys.privateKey).contains("coefficients"))
        XCTAssertTrue(keys.key.description.hasPrefix("NoiseSquashingKey(n=10 → 1×512 u128"))
    }
}
