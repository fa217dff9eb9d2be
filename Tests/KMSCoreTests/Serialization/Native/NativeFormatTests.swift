import KMSTestSupport
import XCTest
@testable import KMSCore

final class NativeFormatTests: XCTestCase {
    func testKeysRoundTripForEveryNamedSetAndACustomOne() throws {
        var custom = ParameterSet.test
        custom.name = "custom"
        custom.compute.lweNoiseDistribution = .gaussian(standardDeviation: 3.5539902359442825e-06)
        custom.compactPublicKey = nil
        custom.castingKeySwitch = nil
        custom.compression = nil
        custom.compute.modulusSwitchNoiseReduction = ParameterSet.v1_0_2m128.compute.modulusSwitchNoiseReduction
        var g = TestSeed.generator()
        for p in [ParameterSet.test, .default, .v1_0_2m128, custom] {
            let (ck, pk) = try KeyGeneration.generate(p, randomness: g.tfheRandomness())
            let ck2 = try KeyFileCoding.decodeClientKey(KeyFileCoding.encode(ck))
            XCTAssertEqual(ck2.parameters, p)
            XCTAssertEqual(ck2.lweSecretKey.coefficients, ck.lweSecretKey.coefficients)
            XCTAssertEqual(ck2.glweSecretKey.coefficients, ck.glweSecretKey.coefficients)
            XCTAssertEqual(ck2.compactPrivateKey?.coefficients, ck.compactPrivateKey?.coefficients)
            XCTAssertEqual(ck2.compressionKey?.coefficients, ck.compressionKey?.coefficients)
            XCTAssertEqual(try KeyFileCoding.decodeCompactPublicKey(KeyFileCoding.encode(pk)), pk)
        }
    }

    func testCiphertextsRoundTrip() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        let keys = try KeySet.generate(.test, randomness: randomness)
        for t in FheType.allCases {
            let v = try ClearValue.random(t, using: &g)
            for ct in [keys.clientKey.encrypt(v, randomness: randomness), keys.publicKey.encrypt(v, randomness: randomness)] {
                let f = CiphertextFile(keyID: keys.keyID, ciphertext: ct)
                let back = try CiphertextFile(decoding: f.encoded())
                XCTAssertEqual(back, f)
                XCTAssertEqual(try keys.clientKey.decrypt(back.ciphertext), v)
            }
        }
        let anonymous = CiphertextFile(keyID: nil, ciphertext: keys.clientKey.encrypt(ClearValue(bool: true), randomness: randomness))
        XCTAssertEqual(try CiphertextFile(decoding: anonymous.encoded()), anonymous)
    }

    /// Every truncation, a bit flip in every header/metadata byte, and appended bytes: a typed
    /// error or (for flips inside key/ciphertext payload words) a successful parse — never a crash.
    func testCorruptedInputsGiveTypedErrors() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        let keys = try KeySet.generate(.test, randomness: randomness)
        let value = try ClearValue.random(.euint8, using: &g)
        let ct = try CiphertextFile(keyID: keys.keyID, ciphertext: keys.publicKey.encrypt(value, randomness: randomness)).encoded()
        let pk = KeyFileCoding.encode(keys.publicKey)
        let ck = KeyFileCoding.encode(keys.clientKey)
        let decoders: [(String, [UInt8], ([UInt8]) throws -> Void)] = [
            ("ciphertext", ct, { _ = try CiphertextFile(decoding: $0) }),
            ("public key", pk, { _ = try KeyFileCoding.decodeCompactPublicKey($0) }),
            ("client key", ck, { _ = try KeyFileCoding.decodeClientKey($0) }),
        ]
        for (name, good, decode) in decoders {
            XCTAssertNoThrow(try decode(good), name)
            for cut in stride(from: 0, to: good.count, by: max(1, good.count / 300)) {
                XCTAssertThrowsError(try decode(Array(good[..<cut])), "\(name) truncated at \(cut)") { error in
                    XCTAssertTrue(error is SerializationError, "\(name): \(error)")
                }
            }
            XCTAssertThrowsError(try decode(good + [0]), "\(name) with a trailing byte") {
                XCTAssertEqual($0 as? SerializationError, .trailingBytes(count: 1))
            }
            for i in 0..<min(good.count, 400) {
                for bit in [0, 7] {
                    var bad = good
                    bad[i] ^= 1 << UInt8(bit)
                    do { try decode(bad) } catch { XCTAssertTrue(error is SerializationError, "\(name) flip \(i): \(error)") }
                }
            }
        }
        // Wrong kinds are named.
        XCTAssertThrowsError(try KeyFileCoding.decodeClientKey(pk)) { error in
            XCTAssertEqual(error as? SerializationError, .invalidValue(what: "object kind: expected a client key, found a compact public key"))
        }
        XCTAssertEqual(NativeFormat.kind(of: ct), .ciphertext)
        XCTAssertNil(NativeFormat.kind(of: Array("hello world, not a key".utf8)))
    }

    func testOversizedClaimsAreRejectedWithoutAllocating() throws {
        var w = NativeFormat.header(.ciphertext)
        w.writeOptionTag(false)
        w.write(FheType.euint8.code)
        w.write(UInt64(4)); w.write(UInt64(4))
        w.write(UInt32(0)); w.write(EncryptionKeyChoice.big.rawValue)
        w.write(UInt64(1 << 16)); w.write(UInt64(4096))   // claims 4096 × 65537 words
        XCTAssertThrowsError(try CiphertextFile(decoding: w.bytes)) { error in
            guard case .truncated = error as? SerializationError else { return XCTFail("\(error)") }
        }
        var big = NativeFormat.header(.ciphertext)
        big.writeOptionTag(false); big.write(FheType.euint8.code); big.write(UInt64(4)); big.write(UInt64(4))
        big.write(UInt32(0)); big.write(UInt32(0)); big.write(UInt64(1 << 40))
        XCTAssertThrowsError(try CiphertextFile(decoding: big.bytes))
        let limits = NativeFormat.Limits(maxFileSize: 10, maxDimension: 4, maxBlocks: 4)
        XCTAssertThrowsError(try CiphertextFile(decoding: [UInt8](repeating: 0, count: 11), limits: limits)) {
            XCTAssertEqual($0 as? SerializationError, .sizeLimitExceeded(size: 11, limit: 10))
        }
    }

    func testNonBinarySecretKeysAreRejected() throws {
        var g = TestSeed.generator()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: g.tfheRandomness())
        var bytes = KeyFileCoding.encode(ck)
        // The last coefficient byte of the compression key is the file's last byte.
        bytes[bytes.count - 1] = 2
        XCTAssertThrowsError(try KeyFileCoding.decodeClientKey(bytes)) { error in
            XCTAssertEqual(error as? SerializationError, .invalidValue(what: "compression key: coefficient is not binary"))
        }
    }

    /// Block moduli, decomposition parameters and compression dimensions read from a file are
    /// bounded before they are multiplied: huge powers of two give a typed error, not an
    /// arithmetic-overflow trap.
    func testHugeModuliAndDimensionsGiveTypedErrors() throws {
        var ct = NativeFormat.header(.ciphertext)
        ct.writeOptionTag(false)
        ct.write(FheType.euint8.code)
        ct.write(UInt64(1) << 62); ct.write(UInt64(1) << 62)
        XCTAssertThrowsError(try CiphertextFile(decoding: ct.bytes)) { error in
            XCTAssertEqual(error as? SerializationError, .invalidValue(what: "block moduli \(UInt64(1) << 62)/\(UInt64(1) << 62)"))
        }

        func rejects(_ edit: (inout ParameterSet) -> Void, _ line: UInt = #line) {
            var p = ParameterSet.test
            edit(&p)
            XCTAssertThrowsError(try p.validate(), line: line) { error in
                guard case .invalidParameters = error as? TFHEError else { return XCTFail("\(error)", line: line) }
            }
            // The same parameters inside a client key file.
            var w = NativeFormat.header(.clientKey)
            ParameterSetCoding.write(p, to: &w)
            XCTAssertThrowsError(try KeyFileCoding.decodeClientKey(w.bytes), line: line) { error in
                XCTAssertTrue(error is SerializationError, "\(error)", line: line)
            }
        }
        rejects { $0.compute.pbsBaseLog = .init(1 << 32); $0.compute.pbsLevel = .init(1 << 32) }
        rejects { $0.compute.ksBaseLog = .init(1 << 32); $0.compute.ksLevel = .init(1 << 31) }
        rejects { $0.compute.messageModulus = 1 << 32; $0.compute.carryModulus = 1 << 32 }
        rejects { $0.compactPublicKey?.messageModulus = 1 << 32; $0.compactPublicKey?.carryModulus = 1 << 32 }
        rejects { $0.castingKeySwitch?.baseLog = .init(1 << 32); $0.castingKeySwitch?.level = .init(1 << 32) }
        rejects { $0.compression?.brBaseLog = .init(1 << 32); $0.compression?.brLevel = .init(1 << 32) }
        rejects { $0.compression?.packingKsBaseLog = .init(1 << 32); $0.compression?.packingKsLevel = .init(1 << 32) }
        rejects { $0.compression?.packingKsGlweDimension = .init(1 << 32); $0.compression?.packingKsPolynomialSize = .init(1 << 32) }

        // A client key whose compression GLWE shape is k = N = 2^32 (k·N overflows Int).
        var p = ParameterSet.test
        p.compression?.packingKsGlweDimension = .init(1 << 32)
        p.compression?.packingKsPolynomialSize = .init(1 << 32)
        p.compression?.lwePerGlwe = 1
        var g = TestSeed.generator()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: g.tfheRandomness())
        var w = NativeFormat.header(.clientKey)
        ParameterSetCoding.write(p, to: &w)
        w.writeBytes(ck.lweSecretKey.coefficients.map { UInt8($0) })
        w.writeBytes(ck.glweSecretKey.coefficients.map { UInt8($0) })
        w.writeOptionTag(false)
        w.writeOptionTag(true)
        XCTAssertThrowsError(try KeyFileCoding.decodeClientKey(w.bytes)) { error in
            XCTAssertTrue(error is SerializationError, "\(error)")
        }
    }
}
