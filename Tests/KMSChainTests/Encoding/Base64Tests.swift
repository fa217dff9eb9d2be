import XCTest
@testable import KMSChain

final class Base64Tests: XCTestCase {
    func testRoundTripAndRejects() throws {
        XCTAssertEqual(Base64.encode([1, 2, 3]), "AQID")
        XCTAssertEqual(try Base64.decode("AQID"), [1, 2, 3])
        XCTAssertEqual(try Base64.decode(""), [])
        XCTAssertThrowsError(try Base64.decode("AQI"))
        XCTAssertThrowsError(try Base64.decode("AQ!D"))
    }
}
