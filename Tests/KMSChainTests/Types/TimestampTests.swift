import XCTest
@testable import KMSChain

final class TimestampTests: XCTestCase {
    func testParsesFractionsOfEveryLength() throws {
        let t = try Timestamp(rfc3339: "2023-05-17T14:12:53.088875124Z")
        XCTAssertEqual(t.seconds, 1_684_332_773)
        XCTAssertEqual(t.nanos, 88_875_124)
        XCTAssertEqual(try Timestamp(rfc3339: "2024-01-01T00:00:11.0005Z").nanos, 500_000)
        XCTAssertEqual(try Timestamp(rfc3339: "1970-01-01T00:00:05Z"), try Timestamp(seconds: 5))
        for digits in 1...9 {
            let frac = String(repeating: "1", count: digits)
            let t = try Timestamp(rfc3339: "2020-02-29T23:59:59.\(frac)Z")
            XCTAssertEqual(t.rfc3339, "2020-02-29T23:59:59.\(frac)Z")
        }
    }

    func testGoZeroTimeAndEpoch() throws {
        XCTAssertEqual(try Timestamp(rfc3339: "0001-01-01T00:00:00Z"), .goZero)
        XCTAssertEqual(Timestamp.goZero.rfc3339, "0001-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp.unixEpoch.protobufBytes, [])
        XCTAssertEqual(upperHex(Timestamp.goZero.protobufBytes), "088092B8C398FEFFFFFF01")
    }

    func testOffsetsAreConvertedToUTC() throws {
        XCTAssertEqual(try Timestamp(rfc3339: "2024-01-01T02:00:00+02:00"), try Timestamp(rfc3339: "2024-01-01T00:00:00Z"))
        XCTAssertEqual(try Timestamp(rfc3339: "2023-12-31T19:30:00-04:30").rfc3339, "2024-01-01T00:00:00Z")
    }

    func testRejectsMalformedTimes() {
        for bad in ["", "2024-01-01", "2024-01-01T00:00:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                    "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z",
                    "2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00Zjunk", "0000-01-01T00:00:00Z"] {
            XCTAssertThrowsError(try Timestamp(rfc3339: bad), bad)
        }
        XCTAssertThrowsError(try Timestamp(seconds: 0, nanos: 1_000_000_000))
        XCTAssertThrowsError(try Timestamp(seconds: 0, nanos: -1))
    }

    func testOrderingAndAdding() throws {
        let a = try Timestamp(seconds: 10, nanos: 999_999_999)
        let b = try XCTUnwrap(a.adding(.nanoseconds(1)))
        XCTAssertEqual(b, try Timestamp(seconds: 11, nanos: 0))
        XCTAssertLessThan(a, b)
        XCTAssertEqual(b.adding(.nanoseconds(-1)), a)
        XCTAssertEqual(a.adding(.seconds(1_209_600))?.seconds, 1_209_610)
        XCTAssertNil(try Timestamp(seconds: .max, nanos: 0).adding(.seconds(1)))
    }
}

final class TimestampRangeTests: XCTestCase {
    /// Formatting never traps, even at the ends of the Int64 range.
    func testExtremeSecondsFormat() throws {
        XCTAssertFalse(try Timestamp(seconds: .min, nanos: 0).rfc3339.isEmpty)
        XCTAssertFalse(try Timestamp(seconds: .max, nanos: 999_999_999).rfc3339.isEmpty)
        XCTAssertEqual(try Timestamp(seconds: -1, nanos: 5).rfc3339, "1969-12-31T23:59:59.000000005Z")
        XCTAssertEqual(try Timestamp(seconds: -86_400).rfc3339, "1969-12-31T00:00:00Z")
    }
}
