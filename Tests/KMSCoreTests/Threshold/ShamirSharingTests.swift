import KMSTestSupport
import XCTest
@testable import KMSCore

/// Shamir sharing over the four Galois rings: round trips from any t + 1 shares, linearity,
/// refusals.
final class ShamirSharingTests: XCTestCase {
    static let configurations = [(4, 1), (7, 2), (10, 3), (13, 4)]

    func checkRoundTrips<R: GaloisRing>(_: R.Type) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        for (n, t) in Self.configurations {
            for _ in 0..<8 {
                let secret = E.random(using: &g)
                let shares = try ShamirSharing<R>.share(secret, parties: n, degree: t, using: &g)
                XCTAssertEqual(shares.map(\.partyID), Array(1...n))
                // Any t + 1 shares, in any order.
                let subset = Array(shares.shuffled(using: &g).prefix(t + 1))
                XCTAssertEqual(try ShamirSharing<R>.reconstruct(subset, degree: t), secret, "\(R.self) (\(n),\(t))")
                XCTAssertEqual(try ShamirSharing<R>.reconstruct(shares, degree: t), secret)
                // Shares of a and b add to shares of a + b.
                let other = E.random(using: &g)
                let otherShares = try ShamirSharing<R>.share(other, parties: n, degree: t, using: &g)
                let sums = zip(shares, otherShares).map { ShamirShare<R>(partyID: $0.partyID, value: $0.value + $1.value) }
                XCTAssertEqual(try ShamirSharing<R>.reconstruct(Array(sums.suffix(t + 1)), degree: t), secret + other)
                // A wrong share among the t + 1 used changes the result (it is not silently fixed).
                var bad = subset
                bad[0].value += E.one
                XCTAssertNotEqual(try ShamirSharing<R>.reconstruct(bad, degree: t), secret)
            }
        }
    }

    func testRoundTrips64Degree4() throws { try checkRoundTrips(GaloisRing64Degree4.self) }
    func testRoundTrips128Degree4() throws { try checkRoundTrips(GaloisRing128Degree4.self) }
    func testRoundTrips64Degree8() throws { try checkRoundTrips(GaloisRing64Degree8.self) }
    func testRoundTrips128Degree8() throws { try checkRoundTrips(GaloisRing128Degree8.self) }

    /// The shares are the sharing polynomial's values: t shares of 0 and t shares of a random
    /// secret are both possible (spot check: a degree-0 sharing is the secret itself).
    func testDegreeZeroSharingIsTheSecret() throws {
        typealias R = GaloisRing128Degree4
        var g = TestSeed.generator()
        let s = GaloisRingElement<R>.random(using: &g)
        let shares = try ShamirSharing<R>.share(s, parties: 5, degree: 0, using: &g)
        XCTAssertTrue(shares.allSatisfy { $0.value == s })
    }

    func testRefusals() throws {
        typealias R = GaloisRing64Degree4
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator()
        // D = 4 has 15 party points.
        XCTAssertThrowsError(try ShamirSharing<R>.share(.one, parties: 16, degree: 5, using: &g)) {
            guard case .invalidParameters = $0 as? ThresholdError else { return XCTFail("\($0)") }
        }
        XCTAssertNoThrow(try ShamirSharing<R>.share(.one, parties: 15, degree: 5, using: &g))
        XCTAssertThrowsError(try ShamirSharing<R>.share(.one, parties: 4, degree: 4, using: &g))
        let shares = try ShamirSharing<R>.share(E.one, parties: 4, degree: 1, using: &g)
        XCTAssertThrowsError(try ShamirSharing<R>.reconstruct([shares[0]], degree: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .notEnoughShares(needed: 2, got: 1))
        }
        XCTAssertThrowsError(try ShamirSharing<R>.reconstruct([shares[0], shares[0]], degree: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .duplicateParty(1))
        }
        XCTAssertThrowsError(try ShamirSharing<R>.reconstruct([shares[0], ShamirShare(partyID: 0, value: .one)], degree: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .invalidPartyID(0, extensionDegree: 4))
        }
    }
}
