import XCTest
import KMSTestSupport
@testable import KMSCore

final class AesCtrGeneratorTests: XCTestCase {
    private func vectors() throws -> CSPRNGVectors { try CSPRNGVectors.load() }

    private func stream(_ g: AesCtrGenerator, _ n: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        out.withUnsafeMutableBytes { g.fill($0) }
        return out
    }

    func testSeed1StreamSkippingFirstByteMatchesTfheRs15() throws {
        let expected = try vectors().seed1SkippingFirstByte
        XCTAssertEqual(expected.count, 256)
        XCTAssertEqual(stream(AesCtrGenerator(seed: 1), expected.count), expected)
        // Byte-at-a-time reads give the same stream as bulk reads.
        let g = AesCtrGenerator(seed: 1)
        XCTAssertEqual((0..<expected.count).map { _ in g.nextByte() }, expected)
    }

    func testSeed1StreamFromFirstByteMatchesTfheRs16() throws {
        let expected = try vectors().seed1FromFirstByte
        XCTAssertEqual(stream(AesCtrGenerator(seed: 1, start: .fromFirstByte), expected.count), expected)
    }

    func testDeadbeefWords() throws {
        let d = try vectors().deadbeefFirstWords
        let skip = d.skipByte0, from = d.fromByte0
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
        let expected = try vectors().xofSeed1DomainAbcdefgh.bytes
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
