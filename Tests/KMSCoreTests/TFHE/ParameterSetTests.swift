import XCTest
@testable import KMSCore

final class ParameterSetTests: XCTestCase {
    func testNamedSetsValidateAndZKSchemeUsesTfheRsIndices() throws {
        for p in ParameterSet.named { XCTAssertNoThrow(try p.validate(), p.name) }
        // tfhe-rs SupportedCompactPkeZkScheme: ZkNotSupported = 0, V1 = 1, V2 = 2.
        XCTAssertEqual(CompactPublicKeyParameters.ZKScheme.v1.rawValue, 1)
        XCTAssertEqual(ParameterSet.v1_0_2m128.compactPublicKey?.zkScheme?.rawValue, 2)
        XCTAssertNil(ParameterSet.default.compactPublicKey?.zkScheme)
        XCTAssertEqual(try ParameterSet.named("2M128"), .v1_0_2m128)
        XCTAssertThrowsError(try ParameterSet.named("fast")) { XCTAssertEqual($0 as? TFHEError, .unknownParameterSet("fast")) }
        var bad = ParameterSet.test
        bad.compute.polynomialSize = 300
        XCTAssertThrowsError(try bad.validate())
    }
}
