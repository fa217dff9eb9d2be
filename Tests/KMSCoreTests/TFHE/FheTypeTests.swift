import XCTest
@testable import KMSCore

final class FheTypeTests: XCTestCase {
    func testCodesNamesAndWidths() throws {
        XCTAssertEqual(FheType.allCases.map(\.code), Array(0...11))
        XCTAssertEqual(try FheType(code: 7), .eaddress)
        XCTAssertEqual(try FheType(name: "EUINT64"), .euint64)
        XCTAssertEqual(try FheType(name: "euint160"), .eaddress)
        XCTAssertEqual(FheType.ebytes256.bitWidth, 2048)
        XCTAssertEqual(FheType.euint8.blockCount(messageBits: 2), 4)
        XCTAssertEqual(FheType.euint4.blockCount(messageBits: 2), 2)
        XCTAssertEqual(FheType.ebool.blockCount(messageBits: 2), 1)
        XCTAssertEqual(FheType.ebytes256.blockCount(messageBits: 2), 1024)
        XCTAssertThrowsError(try FheType(code: 12)) { XCTAssertEqual($0 as? TFHEError, .unknownFheTypeCode(12)) }
        XCTAssertThrowsError(try FheType(name: "euint7"))
    }
}
