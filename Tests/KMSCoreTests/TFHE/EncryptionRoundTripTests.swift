import KMSTestSupport
import XCTest
@testable import KMSCore

final class EncryptionRoundTripTests: XCTestCase {
    /// Values every type is tried with: 0, the maximum, and random values.
    private func samples(_ t: FheType, using g: inout SeededGenerator) throws -> [ClearValue] {
        [try ClearValue(type: t, 0), .max(t), try .random(t, using: &g), try .random(t, using: &g)]
    }

    /// Keys, values and encryption randomness from the run's seed (`SWIFTKMS_TEST_SEED`).
    private func roundTrip(_ params: ParameterSet, file: StaticString = #filePath, line: UInt = #line,
                           function: String = #function) throws {
        var g = TestSeed.generator(function: function)
        let randomness = try g.tfheRandomness()
        let (ck, pk) = try KeyGeneration.generate(params, randomness: randomness)
        for t in FheType.allCases {
            for v in try samples(t, using: &g) {
                let sk = ck.encrypt(v, randomness: randomness)
                XCTAssertEqual(try ck.decrypt(sk), v, "\(params.name) secret-key \(t)", file: file, line: line)
                let pub = pk.encrypt(v, randomness: randomness)
                XCTAssertEqual(try ck.decrypt(pub), v, "\(params.name) public-key \(t)", file: file, line: line)
            }
        }
    }

    func testAllTypesUnderTestParameters() throws { try roundTrip(.test) }
    func testAllTypesUnderDefaultParameters() throws { try roundTrip(.default) }
    func testAllTypesUnder2M128Parameters() throws { try roundTrip(.v1_0_2m128) }

    func testCiphertextShapesFollowTheParameters() throws {
        var g = TestSeed.generator()
        let (ck, pk) = try KeyGeneration.generate(.default, randomness: g.tfheRandomness())
        let v = try ClearValue(type: .euint64, 12345)
        let sk = ck.encrypt(v)
        guard case .lwe(let list, let choice) = sk.body else { return XCTFail("secret-key encryption must give LWE blocks") }
        XCTAssertEqual(choice, .big)
        XCTAssertEqual(list.lweDimension, 2048)
        XCTAssertEqual(list.count, 32)
        guard case .compact(let c, _, _) = pk.encrypt(v).body else { return XCTFail("public-key encryption must give a compact list") }
        XCTAssertEqual(c.lweDimension, 1024)
        XCTAssertEqual(c.count, 32)
        XCTAssertEqual(c.masks.count, 1024)
        // ebytes256 under a 1024-dimensional key: exactly one bin.
        guard case .compact(let big, _, _) = pk.encrypt(.max(.ebytes256)).body else { return XCTFail() }
        XCTAssertEqual(big.count, 1024)
        XCTAssertEqual(big.masks.count, 1024)
    }

    func testCompactListsWithSeveralBinsDecrypt() throws {
        // test parameters: compact-PKE dimension 128 → ebytes256 (1024 blocks) spans 8 bins.
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        let (ck, pk) = try KeyGeneration.generate(.test, randomness: randomness)
        let v = try ClearValue.random(.ebytes256, using: &g)
        let ct = pk.encrypt(v, randomness: randomness)
        guard case .compact(let c, _, _) = ct.body else { return XCTFail() }
        XCTAssertEqual(c.masks.count, 8 * 128)
        XCTAssertEqual(try ck.decrypt(ct), v)
    }

    func testSeededKeyGenerationIsReproducible() throws {
        let seed = [UInt8](repeating: 9, count: 16)
        let (a, pa) = try KeyGeneration.generate(.test, randomness: .seeded(seed))
        let (b, pb) = try KeyGeneration.generate(.test, randomness: .seeded(seed))
        XCTAssertEqual(a.glweSecretKey.coefficients, b.glweSecretKey.coefficients)
        XCTAssertEqual(a.lweSecretKey.coefficients, b.lweSecretKey.coefficients)
        XCTAssertEqual(pa, pb)
        let (c, _) = try KeyGeneration.generate(.test, randomness: .seeded([UInt8](repeating: 8, count: 16)))
        XCTAssertNotEqual(a.glweSecretKey.coefficients, c.glweSecretKey.coefficients)
    }

    func testKeysAreBinaryAndBalanced() throws {
        var g = TestSeed.generator()
        let (ck, _) = try KeyGeneration.generate(.default, randomness: g.tfheRandomness())
        let s = ck.glweSecretKey.coefficients
        XCTAssertEqual(s.count, 2048)
        XCTAssertTrue(s.allSatisfy { $0 <= 1 })
        let ones = s.reduce(0, +)
        XCTAssertTrue((900...1150).contains(ones), "weight \(ones) of a uniform binary key")
        XCTAssertEqual(ck.lweSecretKey.dimension, 887)
        XCTAssertEqual(ck.compactPrivateKey?.dimension, 1024)
        XCTAssertEqual(ck.compressionKey?.glweDimension, 4)
        XCTAssertEqual(ck.compressionKey?.polynomialSize, 256)
    }

    /// Our compact public keys satisfy the relation of tfhe-rs's compact PKE (checked here, by our
    /// code): b − a ⊛ rev(s) = e with |e| ≤ 2^bound, for both fhEVM parameter sets.
    func testOurCompactPublicKeySatisfiesTheCompactPKERelation() throws {
        var g = TestSeed.generator()
        for params in [ParameterSet.default, .v1_0_2m128] {
            let (ck, pk) = try KeyGeneration.generate(params, randomness: g.tfheRandomness())
            let s = try XCTUnwrap(ck.compactPrivateKey)
            let n = pk.key.polynomialSize
            var prod = [UInt64](repeating: 0, count: n)
            pk.key.mask.withUnsafeBufferPointer { a in
                s.coefficients.withUnsafeBufferPointer { sp in
                    prod.withUnsafeMutableBufferPointer { NegacyclicPolynomial.multiplyReversedBinary(a, binary: sp, into: $0) }
                }
            }
            guard case .tUniform(let bound) = params.effectiveCompactPublicKey.encryptionNoiseDistribution else { return XCTFail() }
            let errors = zip(pk.key.body, prod).map { Int64(bitPattern: $0 &- $1) }
            XCTAssertLessThanOrEqual(errors.map { $0.magnitude }.max()!, UInt64(1) << UInt64(bound))
            // The noise is really there (not all zero) and spread over the interval.
            XCTAssertGreaterThan(errors.map { $0.magnitude }.max()!, UInt64(1) << UInt64(bound - 2))
        }
    }

    /// The default (system) encryption randomness differs between calls; the key is seeded.
    func testPublicKeyEncryptionIsRandomised() throws {
        var g = TestSeed.generator()
        let (_, pk) = try KeyGeneration.generate(.test, randomness: g.tfheRandomness())
        let v = try ClearValue(type: .euint8, 7)
        XCTAssertNotEqual(pk.encrypt(v), pk.encrypt(v))
    }

    func testWrongKeyIsRejectedOrGarbles() throws {
        var g = TestSeed.generator()
        let (a, _) = try KeyGeneration.generate(.test, randomness: g.tfheRandomness())
        let (b, _) = try KeyGeneration.generate(.default, randomness: g.tfheRandomness())
        let ct = a.encrypt(try ClearValue(type: .euint8, 5))
        XCTAssertThrowsError(try b.decrypt(ct)) { error in
            guard case .keyMismatch = error as? TFHEError else { return XCTFail("\(error)") }
        }
    }

    /// Reflection (`dump`, `Mirror`, debuggers) of secret keys must not walk into the key
    /// material, as `description` already redacts it.
    func testReflectionDoesNotExposeSecretKeyMaterial() throws {
        var g = TestSeed.generator()
        let keys = try KeySet.generate(.test, randomness: g.tfheRandomness())
        var out = ""
        dump(keys, to: &out)
        XCTAssertTrue(out.contains("<redacted>") || out.contains("ClientKey"), out)
        for secret in ["coefficients", "masks"] {
            XCTAssertFalse(out.contains(secret), "dump(KeySet) shows \(secret):\n\(out.prefix(1500))")
        }
        for labels in [Mirror(reflecting: keys.clientKey).children.compactMap(\.label),
                       Mirror(reflecting: keys.clientKey.lweSecretKey).children.compactMap(\.label),
                       Mirror(reflecting: keys.clientKey.glweSecretKey).children.compactMap(\.label)] {
            XCTAssertFalse(labels.contains("coefficients") || labels.contains("masks") || labels.contains("lwe"), "\(labels)")
        }
    }
}
