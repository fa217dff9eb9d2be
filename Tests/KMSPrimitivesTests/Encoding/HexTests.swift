import XCTest
@testable import KMSPrimitives

final class HexTests: XCTestCase {
    func testEncodeDecode() throws {
        XCTAssertEqual(try Hex.decode("0xDEADbeef"), [0xde, 0xad, 0xbe, 0xef])
        XCTAssertEqual(try Hex.decode(""), [])
        XCTAssertEqual(Hex.encode([0xde, 0xad]), "dead")
        XCTAssertEqual(Hex.encode([0xde, 0xad], prefix: true, uppercase: true), "0xDEAD")
        XCTAssertThrowsError(try Hex.decode("abc")) { XCTAssertEqual($0 as? Hex.DecodingError, .oddLength(3)) }
        XCTAssertThrowsError(try Hex.decode("0xzz")) { XCTAssertEqual($0 as? Hex.DecodingError, .invalidCharacter(position: 0)) }
        XCTAssertThrowsError(try Hex.decode("00", length: 2)) { XCTAssertEqual($0 as? Hex.DecodingError, .wrongLength(expected: 2, actual: 1)) }
    }
}
