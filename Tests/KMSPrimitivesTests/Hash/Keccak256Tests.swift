import XCTest
@testable import KMSPrimitives

final class Keccak256Tests: XCTestCase {
    private func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) } }

    func testKnownAnswers() {
        XCTAssertEqual(Hex.encode(Keccak256.hash([UInt8]())),
                       "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        XCTAssertEqual(Hex.encode(Keccak256.hash(Array("abc".utf8))),
                       "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        XCTAssertEqual(Hex.encode(Keccak256.hash(Array("The quick brown fox jumps over the lazy dog".utf8))),
                       "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")
    }

    /// Inputs around and across the 136-byte rate (padding in the same block, a block of its own, several blocks).
    func testMultiBlockInputs() {
        let expected: [Int: String] = [
            135: "00ef96af9cf4b24c7f269d922294444a197d0a33638c2e56634c57e892103a8f",
            136: "742061bcad767ed4c4f5883b1dcb1aad11afdcc140dc469d953759b127b9f9ed",
            137: "e3371f61e770abf254c34239c3b0099ad90594507415bc81dd0a10b9692bbf2a",
            272: "ac141fd7b0a0ffcd2e967254d508da3ec616596493c36fa304425647d90e6de5",
            1000: "80cdc8dd52cbb3dbaea8f383209893fa2bb52efbd5aedbb4b26dcfe307fcdc9b",
            4096: "76295a231bfe3ebd9c161d54151579ec47d822a168c11d53ed0471b01ce83520",
        ]
        for (n, hex) in expected {
            XCTAssertEqual(Hex.encode(Keccak256.hash(pattern(n))), hex, "length \(n)")
        }
    }

    func testIncrementalEqualsOneShotForEverySplit() {
        let data = pattern(300)
        let whole = Keccak256.hash(data)
        for split in [0, 1, 7, 135, 136, 137, 200, 272, 299, 300] {
            var h = Keccak256.Hasher()
            h.update(data[0..<split])
            h.update(data[split...])
            XCTAssertEqual(h.finalize(), whole, "split at \(split)")
        }
        var bytewise = Keccak256.Hasher()
        for b in data { bytewise.update([b]) }
        XCTAssertEqual(bytewise.finalize(), whole)
    }

    func testNonContiguousCollection() {
        let data = pattern(500)
        XCTAssertEqual(Keccak256.hash(data.reversed().reversed()), Keccak256.hash(data))
    }

    func testDiffersFromSHA3() {
        // Same permutation, different padding: the two must never be confused.
        XCTAssertEqual(Hex.encode(SHA3.hash256([UInt8]())),
                       "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
        XCTAssertNotEqual(SHA3.hash256([UInt8]()), Keccak256.hash([UInt8]()))
    }
}
