import XCTest
@testable import KMSPrimitives

final class ConstantTimeTests: XCTestCase {
    func testConstantTimeEqual() {
        XCTAssertTrue(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equal([1, 2], [1, 2, 3]))
    }
}
