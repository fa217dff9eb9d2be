import XCTest
@testable import KMSPrimitives

/// `SecureRandom`: the system generator (left unseeded on purpose: this is what it tests).
final class SecureRandomTests: XCTestCase {
    func testSecureRandomIsNotConstant() {
        let a = SecureRandom.bytes(33), b = SecureRandom.bytes(33)
        XCTAssertEqual(a.count, 33)
        XCTAssertNotEqual(a, b)
    }
}
