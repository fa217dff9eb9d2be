import XCTest
@testable import KMSChain

final class SchedulerTests: XCTestCase {
    func testMidpointAndNext() {
        XCTAssertEqual(Scheduler.midpoint(low: 1, high: 16), 9)
        XCTAssertEqual(Scheduler.midpoint(low: 1, high: 2), 2)
        XCTAssertEqual(Scheduler.midpoint(low: 1, high: 3), 2)
        XCTAssertEqual(Scheduler.midpoint(low: 0, high: .max), Int64.max / 2 + 1)
        XCTAssertEqual(Scheduler.next(trusted: 9, current: 9, target: 16), 16)
        XCTAssertEqual(Scheduler.next(trusted: 1, current: 5, target: 16), 3)
    }
}
