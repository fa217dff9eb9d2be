import XCTest
@testable import KMSChain

final class KMSChainModuleTests: XCTestCase {
    func testModuleIsLinked() { XCTAssertEqual(KMSChain.apiVersion, 1) }
}
