import XCTest
@testable import KMSCore

final class ABIWordTests: XCTestCase {
    func testABIWordIntegers() throws {
        XCTAssertEqual(Hex.encode(try ABIWord.uint("0xaa36a7")), String(repeating: "0", count: 58) + "aa36a7")
        XCTAssertEqual(try ABIWord.uint("11155111"), try ABIWord.uint("0xAA36A7"))
        XCTAssertEqual(Hex.encode(try ABIWord.integer(.number("-1"), bits: 8, signed: true)), String(repeating: "f", count: 64))
        XCTAssertEqual(Hex.encode(try ABIWord.integer(.string("-128"), bits: 8, signed: true)), String(repeating: "f", count: 62) + "80")
        XCTAssertThrowsError(try ABIWord.integer(.string("-129"), bits: 8, signed: true))
        XCTAssertThrowsError(try ABIWord.integer(.string("128"), bits: 8, signed: true))
        XCTAssertThrowsError(try ABIWord.uint("0x1" + String(repeating: "0", count: 64)))
        XCTAssertThrowsError(try ABIWord.uint("115792089237316195423570985008687907853269984665640564039457584007913129639936"))
        XCTAssertNoThrow(try ABIWord.uint("0x000000000000000000000000000000000000000000000000000000000000000000000001"))
        XCTAssertThrowsError(try ABIWord.uint("12a"))
        XCTAssertThrowsError(try ABIWord.uint(""))
        XCTAssertThrowsError(try ABIWord.uint("0x"))
    }
}
