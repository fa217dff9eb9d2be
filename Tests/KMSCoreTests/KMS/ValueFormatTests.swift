import XCTest
@testable import KMSCore

final class ValueFormatTests: XCTestCase {
    func testParsing() throws {
        XCTAssertEqual(try ValueFormat.parse("true", as: .ebool), ClearValue(bool: true))
        XCTAssertEqual(try ValueFormat.parse("FALSE", as: .ebool), ClearValue(bool: false))
        XCTAssertEqual(try ValueFormat.parse("1", as: .ebool), ClearValue(bool: true))
        XCTAssertThrowsError(try ValueFormat.parse("2", as: .ebool))
        XCTAssertEqual(try ValueFormat.parse("0xff", as: .euint8).words, [255])
        XCTAssertEqual(try ValueFormat.parse("0xF", as: .euint4).words, [15])
        XCTAssertEqual(try ValueFormat.parse(" 255 ", as: .euint8).words, [255])
        XCTAssertThrowsError(try ValueFormat.parse("256", as: .euint8))
        XCTAssertThrowsError(try ValueFormat.parse("0x100", as: .euint8))
        XCTAssertThrowsError(try ValueFormat.parse("0x", as: .euint8))
        XCTAssertThrowsError(try ValueFormat.parse("-1", as: .euint8))
        XCTAssertThrowsError(try ValueFormat.parse("", as: .euint8))
        XCTAssertThrowsError(try ValueFormat.parse("12ab", as: .euint64))
        // EIP-55 addresses (the EIP's own examples) and a broken checksum.
        let a = try ValueFormat.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", as: .eaddress)
        XCTAssertEqual(ValueFormat.format(a), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        XCTAssertEqual(try ValueFormat.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", as: .eaddress), a)
        XCTAssertThrowsError(try ValueFormat.parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", as: .eaddress))
        let max2048 = "0x" + String(repeating: "f", count: 512)
        XCTAssertEqual(try ValueFormat.parse(max2048, as: .ebytes256), .max(.ebytes256))
        XCTAssertThrowsError(try ValueFormat.parse(max2048 + "f", as: .ebytes256))
    }

    func testFormatting() throws {
        XCTAssertEqual(ValueFormat.format(ClearValue(bool: true)), "1")
        XCTAssertEqual(ValueFormat.format(ClearValue(bool: false)), "0")
        XCTAssertEqual(ValueFormat.format(try ClearValue(type: .euint64, 12345)), "12345")
        XCTAssertEqual(ValueFormat.format(.max(.euint128)), "340282366920938463463374607431768211455")
        let b = ValueFormat.format(try ClearValue(type: .ebytes64, 1))
        XCTAssertEqual(b, "0x" + String(repeating: "0", count: 126) + "01")
        XCTAssertEqual(ValueFormat.format(try ClearValue(type: .eaddress, 0)), "0x0000000000000000000000000000000000000000")
    }
}
