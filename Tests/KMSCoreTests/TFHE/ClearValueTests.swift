import KMSTestSupport
import XCTest
@testable import KMSCore

final class ClearValueTests: XCTestCase {
    func testRangesAreEnforcedPerType() throws {
        XCTAssertNoThrow(try ClearValue(type: .euint4, 15))
        XCTAssertThrowsError(try ClearValue(type: .euint4, 16))
        XCTAssertThrowsError(try ClearValue(type: .ebool, 2))
        XCTAssertNoThrow(try ClearValue(type: .euint64, .max))
        XCTAssertThrowsError(try ClearValue(type: .eaddress, bigEndianBytes: [1] + [UInt8](repeating: 0, count: 20)))
        XCTAssertNoThrow(try ClearValue(type: .eaddress, bigEndianBytes: [0] + [UInt8](repeating: 0xff, count: 20)))
        XCTAssertEqual(ClearValue.max(.eaddress).bigEndianBytes, [UInt8](repeating: 0xff, count: 20))
    }

    func testDecimalRoundTripsUpTo2048Bits() throws {
        let max256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        let v = try ClearValue(type: .euint256, decimal: max256)
        XCTAssertEqual(v, .max(.euint256))
        XCTAssertEqual(v.decimalString, max256)
        XCTAssertThrowsError(try ClearValue(type: .euint256, decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639936"))
        var g = TestSeed.generator()
        let r = try ClearValue.random(.ebytes256, using: &g)
        XCTAssertEqual(try ClearValue(type: .ebytes256, decimal: r.decimalString), r)
        XCTAssertEqual(try ClearValue(type: .euint8, decimal: "000255").words, [255])
        XCTAssertEqual(try ClearValue(type: .euint8, decimal: "0").decimalString, "0")
        for bad in ["", "-1", "12a", " 1", "1.0"] {
            XCTAssertThrowsError(try ClearValue(type: .euint64, decimal: bad), bad)
        }
        XCTAssertThrowsError(try ClearValue(type: .ebytes256, decimal: String(repeating: "9", count: 5000)))
    }

    func testByteOrders() throws {
        let v = try ClearValue(type: .euint16, 0x0102)
        XCTAssertEqual(v.bigEndianBytes, [1, 2])
        XCTAssertEqual(v.littleEndianBytes, [2, 1])
        XCTAssertEqual(try ClearValue(type: .euint16, bigEndianBytes: [0, 0, 1, 2]), v)
        XCTAssertEqual(ClearValue(bool: true).bigEndianBytes, [1])
        XCTAssertEqual(ClearValue.max(.ebytes64).bigEndianBytes.count, 64)
    }

    /// `ClearValue.random` itself, so from the system CSPRNG (not the test seed).
    func testRandomValuesRespectTheWidth() {
        for t in FheType.allCases {
            for _ in 0..<20 {
                let r = ClearValue.random(t)
                XCTAssertNoThrow(try ClearValue(type: t, words: r.words))
            }
        }
    }
}
