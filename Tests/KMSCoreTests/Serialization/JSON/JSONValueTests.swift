import XCTest
@testable import KMSCore

final class JSONValueTests: XCTestCase {
    func testJSONParser() throws {
        let v = try JSONValue(parsing: Array(#" {"a": [1, -2.5e3, "x\u00e9\ud83d\ude00\n", true, false, null], "b": {}} "#.utf8))
        XCTAssertEqual(v["a"]?[0], .number("1"))
        XCTAssertEqual(v["a"]?[1], .number("-2.5e3"))
        XCTAssertEqual(v["a"]?[2], .string("xé😀\n"))
        XCTAssertEqual(v["a"]?[5], .null)
        XCTAssertEqual(v["b"], .object([:]))
        for bad in ["", "{", "[1,]", "{\"a\":1,}", "01", "\"\\x\"", "\"\\ud800\"", "tru", "[1] 2", "{\"a\" 1}"] {
            XCTAssertThrowsError(try JSONValue(parsing: Array(bad.utf8)), bad)
        }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertThrowsError(try JSONValue(parsing: Array(deep.utf8)))
        XCTAssertEqual(try JSONValue(parsing: Array(v.description.utf8)), v)
    }
}
