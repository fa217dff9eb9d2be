import XCTest

/// A state a test cannot be in (a decoder returning another object type, a pinned file lacking
/// an entry): recorded as a failure where it is detected, then thrown to end the test. Never a
/// skip: a skip would hide the bug.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String

    /// Records `message` as a test failure at the caller's line and returns the error to throw.
    public static func record(_ message: String, file: StaticString = #filePath, line: UInt = #line) -> TestFailure {
        XCTFail(message, file: file, line: line)
        return TestFailure(description: message)
    }
}
