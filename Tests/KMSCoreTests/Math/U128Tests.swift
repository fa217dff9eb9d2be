import XCTest
@testable import KMSCore

final class U128Tests: XCTestCase {
    func testLimbConversions() throws {
        let x = U128(low: 0x0123_4567_89AB_CDEF, high: 0xFEDC_BA98_7654_3210)
        XCTAssertEqual(x.description, "0xfedcba98765432100123456789abcdef")
        XCTAssertEqual(U128(hex: x.description), x)
        XCTAssertEqual(U128(hex: "ff"), U128(255))
        XCTAssertNil(U128(hex: "xyz"))
        XCTAssertNil(U128(hex: String(repeating: "1", count: 33)))
        XCTAssertEqual(x.littleEndianBytes.first, 0xEF)
        XCTAssertEqual(x.littleEndianBytes.last, 0xFE)
        XCTAssertEqual(U128(littleEndianBytes: x.littleEndianBytes), x)
        XCTAssertNil(U128(littleEndianBytes: [1, 2, 3]))
        XCTAssertEqual(U128(signExtending: -1), .max)
        XCTAssertEqual(U128Polynomial.interleave([x, .max]), [x.low, x.high, .max, .max])
        XCTAssertEqual(U128Polynomial.coefficients([x.low, x.high, 1, 0]), [x, U128(1)])
    }

    func testWrappingArithmeticAndShifts() {
        XCTAssertEqual(U128.max &+ U128(1), .zero)
        XCTAssertEqual(U128.zero &- U128(1), .max)
        XCTAssertEqual(U128(low: .max, high: 0) &+ U128(1), U128(low: 0, high: 1))
        XCTAssertEqual(U128(low: 0, high: 1) &* U128(low: 0, high: 1), .zero)       // 2^128
        XCTAssertEqual(U128(.max) &* U128(.max), U128(low: 1, high: .max - 1))      // (2^64−1)²
        XCTAssertEqual(U128(5) &* Int64(-3), U128.zero &- U128(15))
        XCTAssertEqual(U128(1) << 127, U128(low: 0, high: 1 << 63))
        XCTAssertEqual((U128(1) << 127) >> 127, U128(1))
        XCTAssertEqual(U128(low: 1 << 63, high: 1) >> 63, U128(3))
        XCTAssertEqual(U128(3) << 63, U128(low: 1 << 63, high: 1))
        XCTAssertEqual(U128.max << 128, .zero)
        XCTAssertEqual(U128.max >> 0, .max)
        XCTAssertLessThan(U128(low: .max, high: 0), U128(low: 0, high: 1))
    }
}
