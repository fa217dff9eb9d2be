import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Squashed-noise compression with keys we generate: values of every kind squashed, packed into
/// lists spanning several GLWEs, unpacked and decrypted with the compression private key, the
/// noise the packing key switch adds against its prediction; tfhe-rs 1.4's and 1.7's real
/// compression shapes over a small squashing key; the seeded key's masks regenerated from its
/// seed; the tfhe-rs codec round trips; hostile lists. These prove our compression and our
/// decryption agree with each other (no tfhe-rs peer here can make or read noise-squashing
/// objects), and that the bytes follow tfhe-rs's layout.
final class NoiseSquashingCompressionTests: XCTestCase {
    /// The test set's compression keys over `NoiseSquashingTests`' shared squashing keys.
    struct CompressionKeys {
        let privateKey: NoiseSquashingCompressionPrivateKey
        let key: NoiseSquashingCompressionKey
    }

    nonisolated(unsafe) static var cachedKeys: CompressionKeys?
    static func testKeys() throws -> CompressionKeys {
        if let k = cachedKeys { return k }
        let squashing = try NoiseSquashingTests.testKeys()
        var g = TestSeed.generator("compression keys", function: "shared")
        let r = try g.tfheRandomness()
        let cpk = try NoiseSquashingCompressionPrivateKey.generate(.test, randomness: r)
        let key = try NoiseSquashingCompressionKey.generate(squashingKey: squashing.privateKey, compressionKey: cpk, randomness: r)
        let k = CompressionKeys(privateKey: cpk, key: key)
        cachedKeys = k
        return k
    }

    /// The signed distance of a phase to the nearest multiple of Δ.
    static func error(_ phase: U128, log2Delta: Int) -> Double {
        let half = U128(1) << (log2Delta - 1)
        let rounded = ((phase &+ half) >> log2Delta) << log2Delta
        return NoiseSquashingTests.signed(phase &- rounded)
    }

    /// Variance (u128 units²) the packing key switch adds: rounding each mask coefficient to B·L
    /// bits, times the binary key (half its bits set on average), plus every digit times the
    /// key's TUniform noise.
    static func predictedKeyswitchVariance(_ p: NoiseSquashingCompressionParameters, inputDimension n: Int) -> Double {
        let b = Double(p.packingKsBaseLog.value), l = Double(p.packingKsLevel.value)
        let keyNoise = (pow(2, Double(2 * p.noiseBoundLog2 + 1)) + 1) / 6
        let rounding = pow(2, 2 * (128 - b * l)) / 12
        let digits = l * (pow(2, 2 * b) + 2) / 12 * keyNoise
        return Double(n) / 2 * rounding + Double(n) * digits
    }

    /// ebool, euint4 … euint256 squashed, packed into one list (88 squashed blocks over three
    /// GLWEs of 32), each entry unpacked with its type and decrypted to its value; the error each
    /// block gains in the key switch stays within 8σ of the prediction.
    func testValuesOfEveryWidthCompressUnpackAndDecrypt() throws {
        let squashing = try NoiseSquashingTests.testKeys()
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        var values = [ClearValue(bool: true), try ClearValue(type: .euint4, 9)]
        for t in [FheType.euint8, .euint16, .euint64, .euint256] { values.append(try .random(t, using: &g)) }
        let squashed = try values.map { try squashing.key.squash(squashing.client.encrypt($0, randomness: r), serverKey: squashing.server) }
        let list = try keys.key.compress(squashed)
        XCTAssertEqual(list.count, values.count)
        XCTAssertEqual(list.blockCount, 88)
        XCTAssertEqual(list.glwes.count, 3)
        XCTAssertEqual(list.lweDimension, NoiseSquashingCompressionParameters.test.lweDimension.value)
        XCTAssertEqual(try keys.privateKey.decrypt(list), values)

        let log2Delta = squashing.privateKey.parameters.log2Delta
        let sigma = Self.predictedKeyswitchVariance(.test, inputDimension: squashing.privateKey.lweDimension).squareRoot()
        var worst = 0.0
        for (i, v) in values.enumerated() {
            XCTAssertEqual(list.type(at: i), v.type)
            let unpacked = try list.unpack(i)
            XCTAssertEqual(unpacked.type, v.type)
            XCTAssertEqual(unpacked.blocks.count, squashed[i].blocks.count)
            XCTAssertEqual(unpacked.degrees, [Int](repeating: 15, count: unpacked.blocks.count))
            XCTAssertEqual(try keys.privateKey.decrypt(unpacked), v)
            for (before, after) in zip(squashed[i].blocks, unpacked.blocks) {
                let e0 = before.withUnsafeBufferPointer { Self.error(squashing.privateKey.phase($0.baseAddress!), log2Delta: log2Delta) }
                let e1 = after.withUnsafeBufferPointer {
                    Self.error(SquashedNoiseDecryption.phase($0.baseAddress!, key: keys.privateKey.glweSecretKey), log2Delta: log2Delta)
                }
                worst = max(worst, abs(e1 - e0) / sigma)
            }
        }
        XCTAssertLessThan(worst, 8, "key-switch error of \(worst) σ")
        XCTAssertGreaterThan(worst, 0, "the key switch added no error: the check cannot fail")
    }

    /// Encrypts `value`'s packed blocks directly under a squashing key as u128 LWEs (mask from
    /// `g`, body ⟨a, s⟩ + m·Δ), for shapes the bootstrap is too slow for in a debug build.
    static func encryptPacked(_ value: ClearValue, key: NoiseSquashingPrivateKey, using g: inout SeededGenerator) throws -> SquashedNoiseCiphertext {
        let n = key.lweDimension, p = key.parameters
        let bits = 2 * p.messageModulus.trailingZeroBitCount
        let words = value.littleEndianBytes
        let count = value.type == .ebool ? 1 : (value.type.blockCount(messageBits: bits / 2) + 1) / 2
        var blocks: [[UInt64]] = []
        for b in 0..<count {
            // Bits [b·bits, (b+1)·bits) of the value (bits ≤ 8 here).
            let bit = b * bits
            let m = (UInt64(words[bit / 8]) >> UInt64(bit % 8)) & ((1 << UInt64(bits)) - 1)
            var lwe = [UInt64](repeating: 0, count: 2 * (n + 1))
            let mask = g.bytes(16 * n)
            var acc = U128(m) << p.log2Delta
            for j in 0..<n {
                let a = U128(littleEndianBytes: mask[(16 * j) ..< (16 * j + 16)])!
                lwe[2 * j] = a.low
                lwe[2 * j + 1] = a.high
                acc = acc &+ a &* U128(key.glweSecretKey.coefficients[j])
            }
            lwe[2 * n] = acc.low
            lwe[2 * n + 1] = acc.high
            blocks.append(lwe)
        }
        return try SquashedNoiseCiphertext(type: value.type, lweDimension: n, blocks: blocks,
                                           degrees: [Int](repeating: 15, count: count), messageModulus: p.messageModulus,
                                           carryModulus: p.carryModulus)
    }

    /// tfhe-rs 1.4's compression shape (6×1024, 2^61×1) and 1.7's (2^41×2) over a small
    /// squashing key (1×128): values encrypted under it pack and decrypt, and the key's
    /// standard and seeded tfhe-rs forms have tfhe-rs's sizes.
    func testRealCompressionShapesOverASmallSquashingKey() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let small = NoiseSquashingParameters(glweDimension: 1, polynomialSize: 128, glweNoiseDistribution: .tUniform(boundLog2: 0),
                                             decompositionBaseLog: 24, decompositionLevelCount: 3,
                                             modulusSwitchType: .centeredMeanNoiseReduction, messageModulus: 4, carryModulus: 4)
        let nsk = try NoiseSquashingPrivateKey.generate(small, randomness: r)
        let values = [try ClearValue.random(.euint8, using: &g), ClearValue(bool: false), try .random(.euint32, using: &g)]
        let squashed = try values.map { try Self.encryptPacked($0, key: nsk, using: &g) }
        XCTAssertEqual(try squashed.map { try nsk.decrypt($0) }, values)
        for p in [NoiseSquashingCompressionParameters.v1_4_message2Carry2KsPbsTUniform2M128, .v1_7_message2Carry2KsPbsTUniform2M128] {
            let cpk = try NoiseSquashingCompressionPrivateKey.generate(p, randomness: r)
            let key = try NoiseSquashingCompressionKey.generate(squashingKey: nsk, compressionKey: cpk, randomness: r)
            let list = try key.compress(squashed)
            XCTAssertEqual(list.glwes.count, 1)
            XCTAssertEqual(try cpk.decrypt(list), values, "\(p.packingKsBaseLog)×\(p.packingKsLevel)")
            XCTAssertEqual(list.lweDimension, 6144)
            // Standard form: 128 inputs × L rows × 7 × 1024 u128; seeded: the bodies only.
            XCTAssertEqual(key.tfheRs().packingKey.data.bytes.count, 128 * p.packingKsLevel.value * 7 * 1024 * 16)
            let seeded = try TfheRsCompressedNoiseSquashingCompressionKey.generate(squashingKey: nsk, compressionKey: cpk, randomness: r)
            XCTAssertEqual(seeded.packingKey.data.bytes.count, 128 * p.packingKsLevel.value * 1024 * 16)
        }
    }

    /// A seeded key's masks, regenerated from its seed, are those of the key generated from the
    /// same mask and noise streams — for a ≤ 1.5 seed (first keystream byte skipped) and a 1.6+
    /// seed. Each row decrypts to s_j · 2^(128 − ℓ·B) under the compression key.
    func testSeededKeyExpandsToTheKeyOfTheSameStreams() throws {
        let squashing = try NoiseSquashingTests.testKeys()
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let seed = g.tfheSeed()
        for layout in [TfheRsLayout.v1_4, .v1_6] {
            let seeded = try TfheRsCompressedNoiseSquashingCompressionKey.generate(
                squashingKey: squashing.privateKey, compressionKey: keys.privateKey, layout: layout, randomness: try .seeded(seed))
            XCTAssertEqual(seeded.packingKey.seed.hasLegacyForm, layout < .v1_6)
            let expanded = try NoiseSquashingCompressionKey(tfheRsCompressed: seeded, parameters: .test,
                                                            inputLweDimension: squashing.privateKey.lweDimension)
            // The same streams: the seed's generator for the masks, the seed's noise stream.
            let r = try TFHERandomness.seeded(seed)
            r.mask.fill(UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 8))
            let again = try NoiseSquashingCompressionKey.generate(
                squashingKey: squashing.privateKey, compressionKey: keys.privateKey,
                randomness: TFHERandomness(secret: r.secret, mask: try seeded.packingKey.seed.maskGenerator(), noise: r.noise))
            XCTAssertEqual(expanded.data, again.data, "\(layout)")
        }
        // Rows decrypt to s_j · 2^(128 − ℓ·B): GLWE phase coefficient 0, the others near zero.
        let p = NoiseSquashingCompressionParameters.test, size = p.packingKsPolynomialSize.value
        let levels = p.packingKsLevel.value, rowWords = NoiseSquashingCompressionKey.rowWords(p)
        let s = squashing.privateKey.glweSecretKey.coefficients
        for j in [0, 1, s.count / 2, s.count - 1] {
            for t in 0..<levels {
                let level = levels - t
                let row = Array(keys.key.data[((j * levels + t) * rowWords) ..< ((j * levels + t + 1) * rowWords)])
                // Sample-extract coefficient 0 through a one-entry list view.
                let view = try CompressedSquashedNoiseCiphertextList(
                    messageModulus: 4, carryModulus: 4, lwePerGlwe: 1, glweDimension: p.packingKsGlweDimension.value,
                    polynomialSize: size, glwes: [row], blockCount: 1, kinds: [.boolean])
                let phase = view.extract(block: 0).withUnsafeBufferPointer {
                    SquashedNoiseDecryption.phase($0.baseAddress!, key: keys.privateKey.glweSecretKey)
                }
                let expected = U128(s[j]) << (128 - level * p.packingKsBaseLog.value)
                XCTAssertLessThan(abs(NoiseSquashingTests.signed(phase &- expected)), 4, "row \(j), level \(level)")
            }
        }
    }

    /// Lists, keys and the private key through the tfhe-rs codec: equal after a round trip, in
    /// the 1.3, 1.4 and 1.6 layouts; the standard key converts both ways.
    func testCodecRoundTrips() throws {
        let squashing = try NoiseSquashingTests.testKeys()
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let values = [try ClearValue.random(.euint16, using: &g), ClearValue(bool: true)]
        let list = try keys.key.compress(values.map { try squashing.key.squash(squashing.client.encrypt($0, randomness: r), serverKey: squashing.server) })
        for layout in [TfheRsLayout.v1_3, .v1_4, .v1_6] {
            let bytes = try list.tfheRsFile(layout: layout)
            let read = try XCTUnwrap(try CompressedSquashedNoiseCiphertextList.read(bytes))
            XCTAssertEqual(read.kinds, list.kinds, "\(layout)")
            XCTAssertEqual(read.blockCount, list.blockCount, "\(layout)")
            XCTAssertEqual(read.glwes.count, list.glwes.count, "\(layout)")
            XCTAssertEqual([read.messageModulus, read.carryModulus, read.lwePerGlwe, read.glweDimension, read.polynomialSize],
                           [list.messageModulus, list.carryModulus, list.lwePerGlwe, list.glweDimension, list.polynomialSize], "\(layout)")
            XCTAssert(read.glwes == list.glwes, "\(layout): GLWEs differ")
            XCTAssertEqual(try keys.privateKey.decrypt(read), values)
            XCTAssertEqual(try read.tfheRsFile(layout: layout), bytes)
        }
        XCTAssertThrowsError(try list.tfheRsFile(layout: .v1_1))
        let empty = try keys.key.compress([])
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(try CompressedSquashedNoiseCiphertextList.read(try empty.tfheRsFile())?.count, 0)

        let standard = keys.key.tfheRs()
        let back = try NoiseSquashingCompressionKey(tfheRs: standard, parameters: .test, inputLweDimension: squashing.privateKey.lweDimension)
        XCTAssertEqual(back.data, keys.key.data)
        XCTAssertThrowsError(try NoiseSquashingCompressionKey(tfheRs: standard, parameters: .v1_4_message2Carry2KsPbsTUniform2M128,
                                                              inputLweDimension: squashing.privateKey.lweDimension))

        let seeded = try TfheRsCompressedNoiseSquashingCompressionKey.generate(squashingKey: squashing.privateKey,
                                                                               compressionKey: keys.privateKey, randomness: r)
        let file = try TfheRsFile(object: .compressedNoiseSquashingCompressionKey(seeded), layout: .v1_4).encode()
        let decoded = try TfheRsFile.decode(file, expecting: .compressedNoiseSquashingCompressionKey, limits: .key)
        guard case .compressedNoiseSquashingCompressionKey(let k) = decoded.object else { return XCTFail("\(decoded.object.type)") }
        XCTAssertEqual(k, seeded)
        XCTAssertThrowsError(try TfheRsFile(object: .compressedNoiseSquashingCompressionKey(seeded), layout: .v1_1).encode())

        let ck = try TfheRsClientKey(squashing.client, layout: .v1_4).adding(noiseSquashingKey: squashing.privateKey)
            .adding(noiseSquashingCompressionKey: keys.privateKey)
        let ckBytes = try TfheRsFile(object: .clientKey(ck), layout: .v1_4).encode()
        guard case .clientKey(let ck2) = try TfheRsFile.decode(ckBytes, expecting: .clientKey, limits: .key).object else { return XCTFail() }
        let cpk = try XCTUnwrap(try NoiseSquashingCompressionPrivateKey(tfheRs: ck2))
        XCTAssertEqual(cpk.glweSecretKey.coefficients, keys.privateKey.glweSecretKey.coefficients)
        XCTAssertEqual(cpk.parameters, keys.privateKey.parameters)
        XCTAssertFalse(String(describing: cpk).contains("1, 0"))
    }

    /// Packed coefficients of fewer than 128 bits (the layout allows them) are unpacked across
    /// word boundaries and scaled back to the top bits.
    func testPackedCoefficientsOfFewerBitsUnpack() throws {
        var g = TestSeed.generator()
        let k = 1, size = 4, bodies = 3, log = 100
        let count = k * size + bodies
        let values = (0..<count).map { _ in U128(littleEndianBytes: g.bytes(16))! >> (128 - log) }
        var words = [U128](repeating: .zero, count: (count * log + 127) / 128)
        for (i, v) in values.enumerated() {
            let bit = i * log
            words[bit / 128] = words[bit / 128] &+ (v << (bit % 128))
            if bit % 128 + log > 128 { words[bit / 128 + 1] = words[bit / 128 + 1] &+ (v >> (128 - bit % 128)) }
        }
        let bytes = words.flatMap(\.littleEndianBytes)
        let glwe = try TfheRsModulusSwitchedGlwe128(packed: TfheRsBulk(bytes: bytes[...], elementSize: 16), logModulus: log,
                                                    glweDimension: k, polynomialSize: size, bodiesCount: bodies)
        let out = CompressedSquashedNoiseCiphertextList.unpacked(glwe)
        XCTAssertEqual(out.count, 2 * (k + 1) * size)
        for (i, v) in values.enumerated() {
            XCTAssertEqual(U128(low: out[2 * i], high: out[2 * i + 1]), v << (128 - log), "value \(i)")
        }
        XCTAssertEqual(Array(out[(2 * count)...]), [UInt64](repeating: 0, count: 2 * (size - bodies)))
    }

    /// Wrong inputs give typed errors: values of another key or moduli, an index out of range,
    /// a type the entry does not have, parameters that do not fit, lists whose parts disagree,
    /// and 2,000 mutated list files (each read either fails with a `TfheRsError` or yields a
    /// list whose entries unpack or fail with a `TFHEError`).
    func testWrongAndHostileInputsGiveTypedErrors() throws {
        let squashing = try NoiseSquashingTests.testKeys()
        let keys = try Self.testKeys()
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let value = try ClearValue.random(.euint8, using: &g)
        let squashed = try squashing.key.squash(squashing.client.encrypt(value, randomness: r), serverKey: squashing.server)
        let list = try keys.key.compress([squashed])

        let other = try NoiseSquashingPrivateKey.generate(
            NoiseSquashingParameters(glweDimension: 1, polynomialSize: 256, glweNoiseDistribution: .tUniform(boundLog2: 0),
                                     decompositionBaseLog: 24, decompositionLevelCount: 3, modulusSwitchType: .centeredMeanNoiseReduction,
                                     messageModulus: 4, carryModulus: 4), randomness: r)
        XCTAssertThrowsError(try keys.key.compress([try Self.encryptPacked(value, key: other, using: &g)])) {
            guard case TFHEError.ciphertextMismatch = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try list.unpack(1))
        XCTAssertThrowsError(try list.unpack(-1))
        XCTAssertThrowsError(try list.unpack(0, as: .euint16))
        XCTAssertThrowsError(try list.unpack(0, as: .ebool))
        XCTAssertThrowsError(try keys.privateKey.decrypt(try Self.encryptPacked(value, key: other, using: &g))) {
            guard case TFHEError.ciphertextMismatch = $0 else { return XCTFail("\($0)") }
        }
        var wrongModuli = NoiseSquashingCompressionParameters.test
        wrongModuli.messageModulus = 2
        wrongModuli.carryModulus = 2
        XCTAssertThrowsError(try wrongModuli.validate(for: squashing.privateKey.parameters))
        var wide = NoiseSquashingCompressionParameters.test
        wide.packingKsBaseLog = 64
        XCTAssertThrowsError(try wide.validate(for: squashing.privateKey.parameters))
        var full = NoiseSquashingCompressionParameters.test
        full.lwePerGlwe = 257
        XCTAssertThrowsError(try full.validateForDecryption())
        XCTAssertThrowsError(try CompressedSquashedNoiseCiphertextList(
            messageModulus: 4, carryModulus: 4, lwePerGlwe: 32, glweDimension: 2, polynomialSize: 256, glwes: list.glwes,
            blockCount: 2, kinds: [.unsigned(blocks: 8)]))
        XCTAssertThrowsError(try CompressedSquashedNoiseCiphertextList(
            messageModulus: 4, carryModulus: 4, lwePerGlwe: 32, glweDimension: 2, polynomialSize: 256, glwes: list.glwes,
            blockCount: 2, kinds: [.string(characters: 1, padded: false)]))

        // 1-bit coefficients: a few KB that would unpack to MBs are refused before unpacking.
        let k = 16, size = 4096, per = 128
        let tiny = try (0..<2).map { _ in
            try TfheRsModulusSwitchedGlwe128(packed: TfheRsBulk(bytes: [UInt8](repeating: 0xa5, count: 16 * ((k * size + per + 127) / 128))[...],
                                                                elementSize: 16),
                                             logModulus: 1, glweDimension: k, polynomialSize: size, bodiesCount: per)
        }
        let inflating = try TfheRsCompressedSquashedNoiseCiphertextList(
            glweCiphertexts: tiny, meta: .init(messageModulus: 4, carryModulus: 4, lwePerGlwe: per),
            info: [TfheRsDataKind](repeating: .boolean, count: 2 * per))
        XCTAssertThrowsError(try CompressedSquashedNoiseCiphertextList(tfheRs: inflating,
                                                                       limits: TfheRsLimits(sizeLimit: 1 << 20, maxExpandedSize: 1 << 21))) {
            guard case .expansionLimitExceeded = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try CompressedSquashedNoiseCiphertextList(tfheRs: inflating).count, 2 * per)

        let bytes = try list.tfheRsFile()
        var decoded = 0
        for trial in 0..<2_000 {
            var mutated = bytes
            let edits = 1 + trial % 4
            for _ in 0..<edits {
                let at = Int(g.next() % UInt64(mutated.count))
                switch g.next() % 3 {
                case 0: mutated[at] ^= UInt8(1 << (g.next() % 8))
                case 1: mutated[at] = UInt8(truncatingIfNeeded: g.next())
                default: mutated.removeSubrange(at...)
                }
                if mutated.isEmpty { break }
            }
            do {
                guard let read = try CompressedSquashedNoiseCiphertextList.read(mutated) else { continue }
                decoded += 1
                for i in 0..<read.count { _ = try? keys.privateKey.decrypt(read, at: i) }
            } catch {
                // `read` throws only `TfheRsError` (typed throws): a refusal, never a trap.
            }
        }
        XCTAssertGreaterThan(decoded, 0, "no mutation kept a readable list: the decode path went untested")
    }
}
