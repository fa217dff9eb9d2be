import XCTest
import KMSTestSupport
@testable import KMSCore

/// PackedIntegers, modulus switching, GLWE encryption and CompressedCiphertextList decryption
/// with the compression key (spec tfhe.md §5.4).
final class CompressedCiphertextListTests: XCTestCase {
    func testPackedIntegersLayoutIsTheLittleEndianBitStream() throws {
        let p = PackedIntegers.pack([1, 4095, 7, 0x800], logModulus: 12)
        XCTAssertEqual(p.words, [0x0000_8000_07FF_F001])
        XCTAssertEqual(p.unpack(), [1, 4095, 7, 0x800])
        // Six 12-bit values span two words; value 5 straddles bit 64.
        let values: [UInt64] = [0xABC, 0x123, 0x456, 0x789, 0xDEF, 0xFED]
        let q = PackedIntegers.pack(values, logModulus: 12)
        XCTAssertEqual(q.words.count, 2)
        XCTAssertEqual(q.words[1], 0xFE)
        XCTAssertEqual(q.words[0] >> 60, 0xD)
        XCTAssertEqual(q.unpack(), values)
        // High bits beyond the modulus are dropped, not smeared into neighbours.
        XCTAssertEqual(PackedIntegers.pack([0xF001, 2], logModulus: 12).unpack(), [1, 2])
        // Random round trips at every width (values from the run's seed).
        var g = TestSeed.generator()
        for log in 1...63 {
            let vals = (0..<37).map { _ in UInt64.random(in: 0...UInt64.max, using: &g) & ((1 << UInt64(log)) - 1) }
            let r = PackedIntegers.pack(vals, logModulus: log)
            XCTAssertEqual(r.words.count, (37 * log + 63) / 64)
            XCTAssertEqual(r.unpack(), vals, "log \(log)")
        }
        XCTAssertThrowsError(try PackedIntegers(logModulus: 12, count: 6, words: [0]))
        XCTAssertThrowsError(try PackedIntegers(logModulus: 0, count: 0, words: []))
    }

    func testModulusSwitchRoundsToNearest() {
        let s = ModulusSwitchedGlweCiphertext.modulusSwitch
        XCTAssertEqual(s(0, 12), 0)
        XCTAssertEqual(s((1 << 51) - 1, 12), 0)
        XCTAssertEqual(s(1 << 51, 12), 1)
        XCTAssertEqual(s(3 << 61, 12), 3 << 9)
        XCTAssertEqual(s(UInt64.max, 12), 0, "wraps modulo 2^12")
        XCTAssertEqual(s(UInt64.max - (1 << 51), 12), 4095)
    }

    func testGlweEncryptionPhaseIsThePlaintextPlusNoise() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let key = GlweSecretKey.generate(glweDimension: 4, polynomialSize: 256, from: r.secret)
        let m = (0..<256).map { UInt64($0) << 56 }
        let exact = try GlweEncryption.encrypt(m, key: key, noise: .tUniform(boundLog2: 0), maskGenerator: r.mask, noiseGenerator: r.noise)
        let p = try GlweEncryption.phase(exact, key: key)
        for i in 0..<256 { XCTAssertLessThanOrEqual(Int64(bitPattern: p[i] &- m[i]).magnitude, 1) }
        let other = GlweSecretKey.generate(glweDimension: 4, polynomialSize: 256, from: r.secret)
        XCTAssertNotEqual(try GlweEncryption.phase(exact, key: other), p)
        XCTAssertThrowsError(try GlweEncryption.phase(exact, key: GlweSecretKey.generate(glweDimension: 2, polynomialSize: 256, from: r.secret)))
        XCTAssertThrowsError(try GlweCiphertext(glweDimension: 4, polynomialSize: 256, data: Array(exact.data.dropLast())))
    }

    /// Our lists, built per the spec under the real 0.8.7 compression key, read back and decrypt
    /// with it, for every type (tfhe-rs itself does not run here).
    func testOurListsUnderTheRealCompressionKeyRoundTripThroughOurCode() throws {
        let ck = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for t in FheType.allCases {
            for v in try interopSamples(t, using: &g) {
                // fhEVM stores one value per list.
                let list = try TfheRsCompressedCiphertextList.encrypt([v], clientKey: ck, randomness: randomness)
                XCTAssertEqual(list.list.glweCiphertexts.count, (t.blockCount(messageBits: 2) + 255) / 256)
                let bytes = try TfheRsFile(object: .compressedCiphertextList(list), layout: .v0_8).encode()
                let parsed = try TfheRsFile.decode(bytes, limits: .ciphertext)
                XCTAssertEqual(try ck.decrypt(tfheRs: parsed.object), [v], "\(t)")
            }
        }
        // Several values in one list, spanning GLWE boundaries.
        let values = try FheType.allCases.map { try ClearValue.random($0, using: &g) } + [.max(.ebytes256), ClearValue(bool: true)]
        let list = try TfheRsCompressedCiphertextList.encrypt(values, clientKey: ck, randomness: randomness)
        XCTAssertEqual(list.list.count, values.reduce(0) { $0 + $1.type.blockCount(messageBits: 2) })
        XCTAssertEqual(try ck.decrypt(tfheRs: .compressedCiphertextList(list)), values)
        // Our own 2m128 keys have compression too.
        let (own, _) = try KeyGeneration.generate(.v1_0_2m128, randomness: randomness)
        let v = try ClearValue.random(.euint256, using: &g)
        XCTAssertEqual(try own.decrypt(tfheRs: .compressedCiphertextList(TfheRsCompressedCiphertextList.encrypt([v], clientKey: own, randomness: randomness))), [v])
    }

    /// An fhEVM handle's list (one euint8) is ≈1.86 KB with its header, as the spec says.
    func testFhevmSizedListHasTheExpectedSize() throws {
        let ck = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        let list = try TfheRsCompressedCiphertextList.encrypt([ClearValue(type: .euint8, 77)], clientKey: ck)
        let bytes = try TfheRsFile(object: .compressedCiphertextList(list), layout: .v0_8).encode()
        XCTAssertEqual(bytes.count, 1858)
        XCTAssertEqual(Array(bytes[0..<74]), SafeSerializationHeader.versioned(name: "high_level_api::CompressedCiphertextList").encoded)
    }

    /// Decoding tolerates any error below half a step (±2^60 for 2_2) and no more.
    func testDecodingThresholdIsHalfAStep() throws {
        let list = try CompressedCiphertextList(glweCiphertexts: [], messageModulus: 4, carryModulus: 4, lwePerGlwe: 256, count: 0)
        XCTAssertEqual(list.scale, 1 << 61)
        for m: UInt64 in 0..<4 {
            let p = m << 61
            XCTAssertEqual(list.blockValue(phase: p &+ ((1 << 60) - 1)), m)
            XCTAssertEqual(list.blockValue(phase: p &- (1 << 60)), m)
            XCTAssertEqual(list.blockValue(phase: p &+ (1 << 60)), (m + 1) % 4)
        }
    }

    func testStructuralInvariantsAreEnforced() throws {
        let g = try ModulusSwitchedGlweCiphertext.compress(GlweCiphertext.trivial([UInt64](repeating: 0, count: 256), glweDimension: 4),
                                                            bodiesCount: 2, logModulus: 12)
        XCTAssertEqual(g.packed.count, 1026)
        XCTAssertNoThrow(try CompressedCiphertextList(glweCiphertexts: [g], messageModulus: 4, carryModulus: 4, lwePerGlwe: 256, count: 2))
        // Body count must match the block count; GLWE count must be ⌈count / lwe_per_glwe⌉.
        XCTAssertThrowsError(try CompressedCiphertextList(glweCiphertexts: [g], messageModulus: 4, carryModulus: 4, lwePerGlwe: 256, count: 3))
        XCTAssertThrowsError(try CompressedCiphertextList(glweCiphertexts: [g, g], messageModulus: 4, carryModulus: 4, lwePerGlwe: 256, count: 2))
        XCTAssertThrowsError(try CompressedCiphertextList(glweCiphertexts: [g], messageModulus: 4, carryModulus: 4, lwePerGlwe: 512, count: 2))
        XCTAssertThrowsError(try CompressedCiphertextList(glweCiphertexts: [g], messageModulus: 8, carryModulus: 4, lwePerGlwe: 256, count: 2))
        XCTAssertThrowsError(try ModulusSwitchedGlweCiphertext(glweDimension: 4, polynomialSize: 256, bodiesCount: 3, packed: g.packed))
    }

    func testPackingKeySwitchDecompositionIsBalancedAndExact() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let key = GlweSecretKey.generate(glweDimension: 1, polynomialSize: 4, from: r.secret)
        for (b, l) in [(4, 4), (13, 1), (3, 6), (8, 2)] {
            let pksk = try LwePackingKeyswitchKeyGeneration.generate(inputKey: .generate(dimension: 1, from: r.secret), outputKey: key,
                                                                     baseLog: .init(b), levelCount: .init(l), noise: .tUniform(boundLog2: 0),
                                                                     randomness: r)
            var digits = [Int64](repeating: 0, count: l)
            for _ in 0..<2000 {
                let x = r.mask.nextUInt64()
                pksk.decomposer.decompose(x, into: &digits)
                XCTAssertEqual(pksk.decomposer.recompose(digits), pksk.decomposer.closestRepresentable(x))
                var sum: UInt64 = 0
                for (i, d) in digits.enumerated() {
                    XCTAssertLessThanOrEqual(d.magnitude, UInt64(1) << UInt64(b - 1))
                    sum &+= UInt64(bitPattern: d) << UInt64(64 - (i + 1) * b)
                }
                let bits = UInt64(b * l)
                let rounded = ((x &+ (1 << (63 - bits))) >> (64 - bits)) << (64 - bits)
                XCTAssertEqual(sum, rounded, "x=\(x) B=\(b) L=\(l)")
            }
        }
    }

    /// The server-side path of spec §5.4 end to end: LWE blocks under the big key, multiplied by
    /// the message modulus, packing-key-switched into GLWEs under the compression key,
    /// modulus-switched and packed — then decrypted directly with the compression key.
    func testServerSideCompressionThroughThePackingKeySwitchDecrypts() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: randomness)
        let p = try XCTUnwrap(ck.parameters.compression)
        let key = try XCTUnwrap(ck.compressionKey)
        let pksk = try LwePackingKeyswitchKeyGeneration.generate(inputKey: ck.bigLweSecretKey, outputKey: key, baseLog: p.packingKsBaseLog,
                                                       levelCount: p.packingKsLevel, noise: p.packingKsKeyNoiseDistribution,
                                                       randomness: randomness)
        let enc = ck.parameters.compute.encoding
        for t in FheType.allCases {
            for v in try interopSamples(t, using: &g) {
                guard case .lwe(let blocks, let choice) = ck.encrypt(v, randomness: randomness).body else { return XCTFail() }
                XCTAssertEqual(choice, .big)
                let list = try CompressedCiphertextList.compress(blocks, packingKey: pksk, parameters: p, encoding: enc)
                XCTAssertEqual(list.glweCiphertexts.count, (blocks.count + p.lwePerGlwe - 1) / p.lwePerGlwe)
                let t = try TfheRsCompressedCiphertextList(list: list, info: [TfheRsDataKind(v.type, messageModulus: 4)])
                let bytes = try TfheRsFile(object: .compressedCiphertextList(t), layout: .v0_8).encode()
                XCTAssertEqual(try ck.decrypt(tfheRs: TfheRsFile.decode(bytes).object), [v], "\(v.type)")
            }
        }
        // A key for another GLWE key gives garbage, not the values.
        let other = try LwePackingKeyswitchKeyGeneration.generate(inputKey: .generate(dimension: 256, from: randomness.secret),
                                                        outputKey: key, baseLog: p.packingKsBaseLog, levelCount: p.packingKsLevel,
                                                        noise: p.packingKsKeyNoiseDistribution, randomness: randomness)
        let v = try ClearValue.random(.euint256, using: &g)
        guard case .lwe(let blocks, _) = ck.encrypt(v, randomness: randomness).body else { return XCTFail() }
        let wrong = try CompressedCiphertextList.compress(blocks, packingKey: other, parameters: p, encoding: enc)
        XCTAssertNotEqual(try wrong.blockValues(compressionKey: key), RadixEncoding.blocks(of: v, encoding: enc))
    }
}
