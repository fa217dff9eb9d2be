@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class ProtobufWriterTests: XCTestCase {
    func testVarintsAndOmission() {
        var w = ProtobufWriter()
        w.uint64(field: 1, 0)            // omitted
        w.uint64(field: 1, 11)
        w.uint64(field: 2, 300)
        w.data(field: 3, [UInt8]())      // omitted
        w.string(field: 4, "")           // omitted
        XCTAssertEqual(w.bytes, [0x08, 0x0B, 0x10, 0xAC, 0x02])
    }

    func testNegativeInt64IsTenBytes() {
        var w = ProtobufWriter()
        w.int64(field: 1, -62_135_596_800)
        XCTAssertEqual(upperHex(w.bytes), "088092B8C398FEFFFFFF01")
    }

    func testSfixed64LittleEndian() {
        var w = ProtobufWriter()
        w.sfixed64(field: 2, 9)
        w.sfixed64(field: 3, 0)
        XCTAssertEqual(w.bytes, [0x11, 9, 0, 0, 0, 0, 0, 0, 0])
    }

    func testNonNullableEmptyMessageIsEmitted() {
        var w = ProtobufWriter()
        w.message(field: 5, alwaysEmit: true) { _ in }
        w.message(field: 6, alwaysEmit: false) { _ in }
        XCTAssertEqual(w.bytes, [0x2A, 0x00])
    }

    func testVarintSize() {
        XCTAssertEqual(ProtobufWriter.varintSize(0), 1)
        XCTAssertEqual(ProtobufWriter.varintSize(127), 1)
        XCTAssertEqual(ProtobufWriter.varintSize(128), 2)
        XCTAssertEqual(ProtobufWriter.varintSize(UInt64.max), 10)
    }
}

final class MerkleTreeTests: XCTestCase {
    func testKnownAnswers() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        var checked = 0
        for case let entry as [String: Any] in root.array("merkle") {
            if let leaves = entry["leaves_hex"] as? [String] {
                XCTAssertEqual(Hex.encode(MerkleTree.root(leaves.map(hex))), entry.string("root_hex"), entry.string("name"))
                checked += 1
            } else if let l = entry["inner_left_utf8"] as? String, let r = entry["inner_right_utf8"] as? String {
                XCTAssertEqual(Hex.encode(MerkleTree.innerHash(Array(l.utf8), Array(r.utf8))),
                               entry.string("sha256(0x01||l||r)_hex"))
                checked += 1
            } else if let leaf = entry["leaf_utf8"] as? String {
                XCTAssertEqual(Hex.encode(MerkleTree.leafHash(Array(leaf.utf8))), entry.string("sha256(0x00||leaf)_hex"))
                checked += 1
            }
        }
        XCTAssertEqual(checked, 7)
    }

    func testSplitPoint() {
        XCTAssertEqual([2, 3, 4, 5, 8, 9, 14].map(MerkleTree.splitPoint), [1, 2, 2, 4, 4, 8, 8])
    }
}

final class RIPEMD160Tests: XCTestCase {
    func testStandardVectors() {
        let cases: [(String, String)] = [
            ("", "9c1185a5c5e9fc54612808977ee8f548b2258d31"),
            ("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe"),
            ("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
            ("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"),
            ("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b"),
            ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
             "9b752e45573d4b39f4dbd3323cab82bf63326bfb"),
        ]
        for (input, digest) in cases {
            XCTAssertEqual(Hex.encode(RIPEMD160.hash(Array(input.utf8))), digest, input)
        }
        XCTAssertEqual(Hex.encode(RIPEMD160.hash([UInt8](repeating: 0x61, count: 1_000_000))),
                       "52783243c1697bdbe16d37f97f68f08325dc1528")
    }
}

final class Base64Tests: XCTestCase {
    func testRoundTripAndRejects() throws {
        XCTAssertEqual(Base64.encode([1, 2, 3]), "AQID")
        XCTAssertEqual(try Base64.decode("AQID"), [1, 2, 3])
        XCTAssertEqual(try Base64.decode(""), [])
        XCTAssertThrowsError(try Base64.decode("AQI"))
        XCTAssertThrowsError(try Base64.decode("AQ!D"))
    }
}
