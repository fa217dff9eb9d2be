import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Robust opening: up to t arbitrary wrong shares corrected and named, missing shares as
/// erasures, clean failure beyond the bound.
final class RobustReconstructionTests: XCTestCase {
    static let configurations = [(4, 1), (7, 2), (10, 3), (13, 4)]

    /// A corruption of `value`: random, or a single high bit, or a low-bit nudge, so errors show
    /// up at the first, a middle or the last bit level of the decoder.
    static func corrupt<R: GaloisRing>(_ value: GaloisRingElement<R>, kind: Int,
                                       using g: inout some RandomNumberGenerator) -> GaloisRingElement<R> {
        typealias E = GaloisRingElement<R>
        var v = value
        let d = Int.random(in: 0..<R.degree, using: &g)
        switch kind % 4 {
        case 0: return value + (E.random(using: &g).residue.isZero ? E.one : E.random(using: &g))
        case 1: v[d] = v[d].plus(R.Coefficient.one.timesPowerOfTwo(R.bitWidth - 1))     // top bit only
        case 2: v[d] = v[d].plus(R.Coefficient.one.timesPowerOfTwo(Int.random(in: 1..<R.bitWidth, using: &g)))
        default: v[d] = v[d].minus(R.Coefficient.one)
        }
        return v
    }

    func checkCorrection<R: GaloisRing>(_: R.Type) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        for (n, t) in Self.configurations {
            for round in 0..<6 {
                let secret = E.random(using: &g)
                var shares = try ShamirSharing<R>.share(secret, parties: n, degree: t, using: &g)
                let errors = round % (t + 1)
                let bad = Array((0..<n).shuffled(using: &g).prefix(errors))
                for i in bad { shares[i].value = Self.corrupt(shares[i].value, kind: round + i, using: &g) }
                let opened = try RobustReconstruction<R>.open(shares.shuffled(using: &g), parties: n, degree: t, threshold: t)
                XCTAssertEqual(opened.secret, secret, "\(R.self) (\(n),\(t)) \(errors) errors")
                XCTAssertEqual(opened.corruptedParties, bad.map { $0 + 1 }.sorted(), "\(R.self) (\(n),\(t))")
                XCTAssertEqual(opened.polynomial.coefficients.count, t + 1)
                // The polynomial goes through every honest share.
                for s in shares where !bad.contains(s.partyID - 1) {
                    XCTAssertEqual(opened.polynomial.evaluate(at: try E.partyPoint(s.partyID)), s.value)
                }
            }
            // Exactly t errors, every one random.
            let secret = E.random(using: &g)
            var shares = try ShamirSharing<R>.share(secret, parties: n, degree: t, using: &g)
            let bad = Array((0..<n).shuffled(using: &g).prefix(t))
            for i in bad { shares[i].value = Self.corrupt(shares[i].value, kind: 0, using: &g) }
            let opened = try RobustReconstruction<R>.open(shares, parties: n, degree: t, threshold: t)
            XCTAssertEqual(opened.secret, secret)
            XCTAssertEqual(opened.corruptedParties, bad.map { $0 + 1 }.sorted())
        }
    }

    func testCorrectsUpToTErrors64Degree4() throws { try checkCorrection(GaloisRing64Degree4.self) }
    func testCorrectsUpToTErrors128Degree4() throws { try checkCorrection(GaloisRing128Degree4.self) }
    func testCorrectsUpToTErrors64Degree8() throws { try checkCorrection(GaloisRing64Degree8.self) }
    func testCorrectsUpToTErrors128Degree8() throws { try checkCorrection(GaloisRing128Degree8.self) }

    /// m missing shares (m ≤ t) and up to t − m wrong ones, as kms-core counts them.
    func checkErasures<R: GaloisRing>(_: R.Type) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        for (n, t) in Self.configurations {
            for missing in 1...t {
                let secret = E.random(using: &g)
                var shares = try ShamirSharing<R>.share(secret, parties: n, degree: t, using: &g).shuffled(using: &g)
                shares.removeLast(missing)
                let bad = Array(shares.indices.shuffled(using: &g).prefix(t - missing))
                for i in bad { shares[i].value = Self.corrupt(shares[i].value, kind: i, using: &g) }
                let opened = try RobustReconstruction<R>.open(shares, parties: n, degree: t, threshold: t)
                XCTAssertEqual(opened.secret, secret, "\(R.self) (\(n),\(t)) missing \(missing)")
                XCTAssertEqual(opened.corruptedParties, bad.map { shares[$0].partyID }.sorted())
            }
            // More than t missing: refused.
            let shares = try ShamirSharing<R>.share(E.one, parties: n, degree: t, using: &g)
            XCTAssertThrowsError(try RobustReconstruction<R>.open(Array(shares.prefix(n - t - 1)), parties: n, degree: t, threshold: t)) {
                XCTAssertEqual($0 as? ThresholdError, .notEnoughShares(needed: n - t, got: n - t - 1))
            }
        }
    }

    func testErasures64Degree4() throws { try checkErasures(GaloisRing64Degree4.self) }
    func testErasures128Degree8() throws { try checkErasures(GaloisRing128Degree8.self) }

    /// The coding bound itself: e errors and m erasures with 2e + m ≤ n − degree − 1.
    func testErrorsAndErasuresAtTheCodingBound() throws {
        typealias R = GaloisRing128Degree4
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator()
        for (n, degree) in [(13, 4), (10, 3), (15, 2), (7, 2)] {
            for erasures in 0...(n - degree - 1) {
                let errors = (n - degree - 1 - erasures) / 2
                let secret = E.random(using: &g)
                var shares = try ShamirSharing<R>.share(secret, parties: n, degree: degree, using: &g).shuffled(using: &g)
                shares.removeLast(erasures)
                for i in 0..<errors { shares[i].value = Self.corrupt(shares[i].value, kind: i, using: &g) }
                let opened = try RobustReconstruction<R>.correct(shares, degree: degree, maxErrors: errors)
                XCTAssertEqual(opened.secret, secret, "n \(n) degree \(degree) erasures \(erasures) errors \(errors)")
                XCTAssertEqual(opened.corruptedParties, shares.prefix(errors).map(\.partyID).sorted())
            }
        }
        // Asking for more errors than the present shares allow is a parameter error.
        let shares = try ShamirSharing<R>.share(E.one, parties: 7, degree: 2, using: &g)
        XCTAssertThrowsError(try RobustReconstruction<R>.correct(shares, degree: 2, maxErrors: 3)) {
            XCTAssertEqual($0 as? ThresholdError, .notEnoughShares(needed: 9, got: 7))
        }
    }

    /// t + 1 random wrong shares at n = 3t + 1, or t wrong with one missing: tooManyErrors.
    func checkBeyondTheBound<R: GaloisRing>(_: R.Type) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        for (n, t) in Self.configurations {
            for round in 0..<4 {
                var shares = try ShamirSharing<R>.share(E.random(using: &g), parties: n, degree: t, using: &g)
                let bad = (0..<n).shuffled(using: &g).prefix(round % 2 == 0 ? t + 1 : t)
                for i in bad { shares[i].value = E.random(using: &g) }
                if round % 2 == 1 { shares.remove(at: (0..<n).first { !bad.contains($0) }!) }
                XCTAssertThrowsError(try RobustReconstruction<R>.open(shares, parties: n, degree: t, threshold: t),
                                     "\(R.self) (\(n),\(t))") {
                    XCTAssertEqual($0 as? ThresholdError, .tooManyErrors)
                }
            }
        }
    }

    func testFailsBeyondTheBound64Degree4() throws { try checkBeyondTheBound(GaloisRing64Degree4.self) }
    func testFailsBeyondTheBound128Degree4() throws { try checkBeyondTheBound(GaloisRing128Degree4.self) }
    func testFailsBeyondTheBound128Degree8() throws { try checkBeyondTheBound(GaloisRing128Degree8.self) }

    /// Two wrong shares of (4,1) that differ only in the top bit: the last bit level fails.
    func testTopBitErrorsBeyondTheBoundFailAtTheLastLevel() throws {
        typealias R = GaloisRing128Degree4
        var g = TestSeed.generator()
        var shares = try ShamirSharing<R>.share(.random(using: &g), parties: 4, degree: 1, using: &g)
        for i in [0, 2] { shares[i].value[0] = shares[i].value[0] &+ U128(low: 0, high: 1 << 63) }
        XCTAssertThrowsError(try RobustReconstruction<R>.open(shares, parties: 4, degree: 1, threshold: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .tooManyErrors)
        }
    }

    func testRefusals() throws {
        typealias R = GaloisRing64Degree4
        var g = TestSeed.generator()
        let shares = try ShamirSharing<R>.share(.one, parties: 4, degree: 1, using: &g)
        // degree + 2t must be below n.
        XCTAssertThrowsError(try RobustReconstruction<R>.open(shares, parties: 4, degree: 2, threshold: 1)) {
            guard case .invalidParameters = $0 as? ThresholdError else { return XCTFail("\($0)") }
        }
        // n must fit the ring's 15 points.
        XCTAssertThrowsError(try RobustReconstruction<R>.open(shares, parties: 16, degree: 1, threshold: 1)) {
            guard case .invalidParameters = $0 as? ThresholdError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try RobustReconstruction<R>.open(shares + [ShamirShare(partyID: 5, value: .one)], parties: 4, degree: 1, threshold: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .invalidPartyID(5, extensionDegree: 4))
        }
        XCTAssertThrowsError(try RobustReconstruction<R>.open([shares[0], shares[0], shares[1]], parties: 4, degree: 1, threshold: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .duplicateParty(1))
        }
        XCTAssertThrowsError(try RobustReconstruction<R>.open(shares + shares, parties: 4, degree: 1, threshold: 1)) {
            XCTAssertEqual($0 as? ThresholdError, .duplicateParty(1))
        }
    }

    /// `correct` (Gao only where shares disagree) and `correctBitByBit` (the reference's loop)
    /// agree on the polynomial, the wrong parties and the failures, within and beyond the bound.
    func checkFastPathAgreesWithBitByBit<R: GaloisRing>(_: R.Type) throws {
        typealias E = GaloisRingElement<R>
        var g = TestSeed.generator("\(R.self)")
        var failures = 0
        for (n, t) in Self.configurations {
            for round in 0..<12 {
                var shares = try ShamirSharing<R>.share(E.random(using: &g), parties: n, degree: t, using: &g).shuffled(using: &g)
                let missing = Int.random(in: 0...t, using: &g)
                shares.removeLast(missing)
                let wrong = Int.random(in: 0...min(t + 1, shares.count), using: &g)
                for i in 0..<wrong { shares[i].value = Self.corrupt(shares[i].value, kind: round + i, using: &g) }
                let maxErrors = (shares.count - t - 1) / 2
                let fast = Result { () throws(ThresholdError) in try RobustReconstruction<R>.correct(shares, degree: t, maxErrors: maxErrors) }
                let slow = Result { () throws(ThresholdError) in try RobustReconstruction<R>.correctBitByBit(shares, degree: t, maxErrors: maxErrors) }
                XCTAssertEqual(fast, slow, "\(R.self) (\(n),\(t)) missing \(missing) wrong \(wrong)")
                if case .failure = slow { failures += 1 }
            }
        }
        XCTAssertGreaterThan(failures, 0, "some cases beyond the bound were drawn")
    }

    func testFastPathAgreesWithBitByBit64Degree4() throws { try checkFastPathAgreesWithBitByBit(GaloisRing64Degree4.self) }
    func testFastPathAgreesWithBitByBit128Degree8() throws { try checkFastPathAgreesWithBitByBit(GaloisRing128Degree8.self) }

    /// Timing estimate (debug build unless run in release): one GR(2^128, 4) robust opening with t
    /// wrong shares at n = 4 and n = 13. Prints; asserts nothing about speed.
    func testRobustOpenTimingEstimate() throws {
        typealias R = GaloisRing128Degree4
        var g = TestSeed.generator()
        for (n, t) in [(4, 1), (13, 4)] {
            var shares = try ShamirSharing<R>.share(.random(using: &g), parties: n, degree: t, using: &g)
            for i in 0..<t { shares[i].value = .random(using: &g) }
            let rounds = 20
            var start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds {
                XCTAssertEqual(try RobustReconstruction<R>.open(shares, parties: n, degree: t, threshold: t).corruptedParties.count, t)
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(rounds)
            // Worst case for the fast path: every wrong share departs only at the top bit.
            var late = try ShamirSharing<R>.share(.random(using: &g), parties: n, degree: t, using: &g)
            for i in 0..<t { late[i].value[0] = late[i].value[0].plus(U128(low: 0, high: 1 << 63)) }
            start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { _ = try RobustReconstruction<R>.open(late, parties: n, degree: t, threshold: t) }
            let lateMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(rounds)
            start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { _ = try RobustReconstruction<R>.correctBitByBit(shares, degree: t, maxErrors: t) }
            let slowMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(rounds)
            print("robust open GR(2^128, 4), n = \(n), t = \(t), \(t) wrong: \(String(format: "%.3f", ms)) ms random errors, "
                  + "\(String(format: "%.3f", lateMs)) ms top-bit errors, \(String(format: "%.3f", slowMs)) ms bit by bit")
        }
    }
}
