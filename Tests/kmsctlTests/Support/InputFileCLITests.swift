import Foundation
import XCTest

/// The bounded reads of `Support/InputFile.swift`: endless inputs are refused, not swallowed.
final class BoundedInputCLITests: XCTestCase {
    func testEndlessInputsAreRefusedNotSwallowed() throws {
        let r = try CLI.run(["eip712", "hash", "--typed-data", "/dev/zero"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("limit"), r.stderr)
        let d = try CLI.run(["decrypt", "--keys", "/nonexistent", "--ct", "/"])
        XCTAssertNotEqual(d.status, 0)
    }
}
