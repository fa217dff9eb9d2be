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
