import XCTest
@testable import KMSCore

final class GaloisRingElementBincodeTests: XCTestCase {
    func testVectorLayoutIsCountThenLittleEndianCoefficients() throws {
        var e = GaloisRingElement<GaloisRing128Degree4>.zero
        e.coefficients[0] = U128(low: 0x0102, high: 0)
        e.coefficients[3] = U128(low: 0, high: 1)
        let bytes = GaloisRingElement<GaloisRing128Degree4>.bincode([e])
        XCTAssertEqual(bytes.count, 8 + 4 * 16)
        XCTAssertEqual(Array(bytes[0..<8]), [1, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(bytes[8..<10]), [0x02, 0x01])
        XCTAssertEqual(bytes[8 + 3 * 16 + 8], 1)
        XCTAssertEqual(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(bytes, maxCount: 4), [e])
    }

    func testRoundTripBothWidthsAndDegrees() throws {
        var rng = SystemRandomNumberGenerator()
        let a = (0..<5).map { _ in GaloisRingElement<GaloisRing64Degree8>.random(using: &rng) }
        XCTAssertEqual(try GaloisRingElement<GaloisRing64Degree8>.decodeVector(GaloisRingElement.bincode(a), maxCount: 5), a)
        let b = (0..<3).map { _ in GaloisRingElement<GaloisRing128Degree8>.random(using: &rng) }
        XCTAssertEqual(GaloisRingElement.bincode(b).count, 8 + 3 * 128)
        XCTAssertEqual(try GaloisRingElement<GaloisRing128Degree8>.decodeVector(GaloisRingElement.bincode(b), maxCount: 3), b)
    }

    func testHostileCountsAndTrailingBytesAreTypedErrors() {
        var huge = [UInt8](repeating: 0xFF, count: 8)
        huge += [UInt8](repeating: 0, count: 64)
        XCTAssertThrowsError(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(huge, maxCount: 1 << 20))
        let one = GaloisRingElement<GaloisRing128Degree4>.bincode([.one])
        XCTAssertThrowsError(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(one, maxCount: 0))
        XCTAssertThrowsError(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(one + [0], maxCount: 1))
        XCTAssertThrowsError(try GaloisRingElement<GaloisRing128Degree4>.decodeVector(Array(one.dropLast()), maxCount: 1))
    }
}
