import KMSTestSupport
import XCTest
@testable import KMSCore

/// GF(2^4) with X^4 + X + 1 and GF(2^8) with the AES polynomial.
final class BinaryExtensionFieldTests: XCTestCase {
    func checkEveryInverse<E: RingExtension>(_: E.Type) {
        typealias F = BinaryFieldElement<E>
        XCTAssertNil(F.zero.inverse)
        for v in 1..<(1 << E.degree) {
            let a = F(bits: UInt8(v))!
            guard let inv = a.inverse else { return XCTFail("no inverse of \(v) in GF(2^\(E.degree))") }
            XCTAssertEqual(a * inv, F.one, "\(v)")
        }
    }

    func testEveryNonzeroElementOfGF16HasAnInverse() { checkEveryInverse(ExtensionDegree4.self) }
    func testEveryNonzeroElementOfGF256HasAnInverse() { checkEveryInverse(ExtensionDegree8.self) }

    /// FIPS-197 §4.2: {57}·{83} = {c1}, {57}·{13} = {fe}; {53}⁻¹ = {ca}.
    func testAESFieldKnownProducts() {
        typealias F = BinaryFieldElement<ExtensionDegree8>
        XCTAssertEqual((F(bits: 0x57)! * F(bits: 0x83)!).bits, 0xC1)
        XCTAssertEqual((F(bits: 0x57)! * F(bits: 0x13)!).bits, 0xFE)
        XCTAssertEqual(F(bits: 0x53)!.inverse?.bits, 0xCA)
    }

    /// X^4 + X + 1: X^3 · X = X + 1, X^3 · X^2 = X^2 + X; X generates the 15 nonzero elements.
    func testGF16ByHand() {
        typealias F = BinaryFieldElement<ExtensionDegree4>
        XCTAssertEqual((F(bits: 0b1000)! * F(bits: 0b0010)!).bits, 0b0011)
        XCTAssertEqual((F(bits: 0b1000)! * F(bits: 0b0100)!).bits, 0b0110)
        XCTAssertNil(F(bits: 16))
        let x = F(bits: 2)!
        XCTAssertEqual(Set((1...15).map { x.power($0) }).count, 15)
        XCTAssertEqual(x.power(15), F.one)
    }

    /// Field laws, exhaustively over GF(16).
    func testGF16FieldLawsExhaustively() {
        typealias F = BinaryFieldElement<ExtensionDegree4>
        let all = (0..<16).map { F(bits: UInt8($0))! }
        for a in all { for b in all {
            XCTAssertEqual(a * b, b * a)
            for c in all {
                XCTAssertEqual(a * (b + c), a * b + a * c)
                XCTAssertEqual((a * b) * c, a * (b * c))
            }
        } }
    }

    func testGF256FieldLawsOnRandomElements() {
        typealias F = BinaryFieldElement<ExtensionDegree8>
        var g = TestSeed.generator()
        for _ in 0..<2000 {
            let a = F(truncating: UInt8.random(in: 0...255, using: &g))
            let b = F(truncating: UInt8.random(in: 0...255, using: &g))
            let c = F(truncating: UInt8.random(in: 0...255, using: &g))
            XCTAssertEqual(a * (b + c), a * b + a * c)
            XCTAssertEqual((a * b) * c, a * (b * c))
        }
    }
}
