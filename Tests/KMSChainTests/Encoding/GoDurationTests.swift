import XCTest
@testable import KMSChain

final class GoDurationTests: XCTestCase {
    func testParsesGoStyleDurations() throws {
        XCTAssertEqual(try GoDuration.parse("1400s"), .seconds(1400))
        XCTAssertEqual(try GoDuration.parse("336h"), .seconds(336 * 3600))
        XCTAssertEqual(try GoDuration.parse("90m"), .seconds(5400))
        XCTAssertEqual(try GoDuration.parse("500ms"), .milliseconds(500))
        XCTAssertEqual(try GoDuration.parse("1h30m"), .seconds(5400))
        XCTAssertEqual(try GoDuration.parse("1.5h"), .seconds(5400))
        XCTAssertEqual(try GoDuration.parse("2us"), .microseconds(2))
        XCTAssertEqual(try GoDuration.parse("2µs"), .microseconds(2))
        XCTAssertEqual(try GoDuration.parse("7ns"), .nanoseconds(7))
        XCTAssertEqual(try GoDuration.parse("0"), .zero)
        XCTAssertEqual(try GoDuration.parse("-10s"), .seconds(-10))
    }

    func testRejectsMalformedDurations() {
        XCTAssertThrowsError(try GoDuration.parse("")) { XCTAssertEqual($0 as? GoDuration.ParseError, .invalid("")) }
        XCTAssertThrowsError(try GoDuration.parse("10")) { XCTAssertEqual($0 as? GoDuration.ParseError, .missingUnit("10")) }
        XCTAssertThrowsError(try GoDuration.parse("10d")) { XCTAssertEqual($0 as? GoDuration.ParseError, .unknownUnit("d")) }
        XCTAssertThrowsError(try GoDuration.parse("h"))
        XCTAssertThrowsError(try GoDuration.parse("3000000h")) { XCTAssertEqual($0 as? GoDuration.ParseError, .overflow("3000000h")) }
    }

    func testFormat() {
        XCTAssertEqual(GoDuration.format(.seconds(5400)), "1h30m0s")
        XCTAssertEqual(GoDuration.format(.seconds(10)), "10s")
        XCTAssertEqual(GoDuration.format(.milliseconds(500)), "500ms")
        XCTAssertEqual(GoDuration.format(.milliseconds(1500)), "1.5s")
        XCTAssertEqual(GoDuration.format(.zero), "0s")
    }
}
