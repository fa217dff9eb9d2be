import XCTest
@testable import KMSPrimitives

final class SHA3Tests: XCTestCase {
    func testKnownAnswers() {
        XCTAssertEqual(Hex.encode(SHA3.hash256([UInt8]())), "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
        XCTAssertEqual(Hex.encode(SHA3.hash256(Array("abc".utf8))), "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")
        // Multi-block (200 × 0xa3, FIPS 202 example).
        XCTAssertEqual(Hex.encode(SHA3.hash256([UInt8](repeating: 0xa3, count: 200))), "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787")
    }
}
