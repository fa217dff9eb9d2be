import XCTest
import KMSTestSupport
@testable import KMSCore

final class AesCtrGeneratorTests: XCTestCase {
    private func vectors() throws -> [String: Any] {
        try XCTUnwrap(SharedVectors.json("tfhe/csprng_vectors.json") as? [String: Any])
    }

    private func stream(_ g: AesCtrGenerator, _ n: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        out.withUnsafeMutableBytes { g.fill($0) }
        return out
    }

    func testSeed1StreamSkippingFirstByteMatchesTfheRs15() throws {
        let expected = try XCTUnwrap(vectors()["ctr_seed1_tfhe_rs_le_1_5__skip_byte0"] as? [Int]).map(UInt8.init)
        XCTAssertEqual(expected.count, 256)
        XCTAssertEqual(stream(AesCtrGenerator(seed: 1), expected.count), expected)
        // Byte-at-a-time reads give the same stream as bulk reads.
        let g = AesCtrGenerator(seed: 1)
        XCTAssertEqual((0..<expected.count).map { _ in g.nextByte() }, expected)
    }

    func testSeed1StreamFromFirstByteMatchesTfheRs16() throws {
        let expected = try XCTUnwrap(vectors()["ctr_seed1_tfhe_rs_ge_1_6__from_byte0"] as? [Int]).map(UInt8.init)
        XCTAssertEqual(stream(AesCtrGenerator(seed: 1, start: .fromFirstByte), expected.count), expected)
    }

    func testDeadbeefWords() throws {
        let d = try XCTUnwrap(vectors()["derived_unverified_seed_0xdeadbeef_first4_u64_le"] as? [String: Any])
        let skip = try XCTUnwrap(d["skip_byte0"] as? [NSNumber]).map { $0.uint64Value }
        let from = try XCTUnwrap(d["from_byte0"] as? [NSNumber]).map { $0.uint64Value }
        XCTAssertEqual(AesCtrGenerator(seed: 0xdeadbeef).uniformWords(4), skip)
        XCTAssertEqual(AesCtrGenerator(seed: 0xdeadbeef, start: .fromFirstByte).uniformWords(4), from)
    }

    func testLongStreamsCrossBatchBoundariesConsistently() {
        // 10 000 bytes spans several internal batches; reading in odd-sized chunks must agree.
        let bulk = stream(AesCtrGenerator(seed: 42), 10_000)
        let g = AesCtrGenerator(seed: 42)
        var chunked = [UInt8]()
        var sizes = [1, 7, 4095, 3, 4097, 1797]
        while chunked.count < 10_000 {
            let n = min(sizes.removeFirst(), 10_000 - chunked.count)
            chunked += stream(g, n)
            if sizes.isEmpty { sizes = [13] }
        }
        XCTAssertEqual(bulk, chunked)
    }

    func testXofSeedingMatchesTfheRs() throws {
        let x = try XCTUnwrap(vectors()["xof_seed1_domain_abcdefgh__skip_byte0"] as? [String: Any])
        let expected = try XCTUnwrap(x["bytes"] as? [Int]).map(UInt8.init)
        var seed = [UInt8](repeating: 0, count: 16); seed[0] = 1
        let g = try AesCtrGenerator.xof(seed: seed, domainSeparator: Array("abcdefgh".utf8))
        XCTAssertEqual(stream(g, expected.count), expected)
    }

    func testSeedLengthIsChecked() {
        XCTAssertThrowsError(try AesCtrGenerator(seed: [1, 2, 3])) {
            XCTAssertEqual($0 as? AesCtrGenerator.Error, .wrongSeedLength(3))
        }
    }

    func testSystemGeneratorsDiffer() {
        XCTAssertNotEqual(AesCtrGenerator.system().uniformWords(4), AesCtrGenerator.system().uniformWords(4))
    }

    func testSeededRandomnessIsReproducibleAndSeparated() throws {
        let seed = try Hex.decode("000102030405060708090a0b0c0d0e0f")
        let a = try TFHERandomness.seeded(seed), b = try TFHERandomness.seeded(seed)
        XCTAssertEqual(a.mask.uniformWords(8), b.mask.uniformWords(8))
        let c = try TFHERandomness.seeded(seed)
        XCTAssertNotEqual(c.secret.uniformWords(8), c.mask.uniformWords(8))
    }
}
