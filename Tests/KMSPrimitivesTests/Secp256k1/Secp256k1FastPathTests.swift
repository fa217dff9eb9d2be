import XCTest
import KMSTestSupport
@testable import KMSPrimitives

/// Cross-checks of the optimized secp256k1 code (field products and carries, safegcd
/// inversion, GLV split, wNAF, Jacobian formulas, the Strauss–Shamir double multiplication,
/// verification and recovery) against `Secp256k1Reference`, on random inputs and on the
/// edge cases of each algorithm.
final class Secp256k1FastPathTests: XCTestCase {
    /// Each test method draws from its own stream of the run's seed (`SWIFTKMS_TEST_SEED`).
    private lazy var rng = TestSeed.generator(function: name)

    private func randomU256() -> U256 { U256(rng.next(), rng.next(), rng.next(), rng.next()) }
    private func randomScalar() -> Secp256k1Scalar { Secp256k1Scalar(reducing: randomU256()) }
    private func randomField() -> Secp256k1Field { Secp256k1Field.canonical(randomU256()) }
    private func hex(_ u: U256) -> String { Hex.encode(u.bigEndianBytes) }
    private func randomKey() -> Secp256k1PrivateKey {
        var k = randomScalar()
        while k.isZero { k = randomScalar() }
        return Secp256k1PrivateKey(scalar: k)
    }

    private static let p = Secp256k1Field.p
    private static let n = Secp256k1Scalar.n

    /// Values that stress carries and reductions: 0, 1, 2, m − 1, m − 2, single bits, all-ones
    /// limbs, and values just below 2^256 − c.
    private func edgeValues(below m: U256) -> [U256] {
        var values: [U256] = [.zero, .one, U256(2, 0, 0, 0), U256.sub(m, .one).0, U256.sub(m, U256(2, 0, 0, 0)).0,
                              U256(.max, 0, 0, 0), U256(.max, .max, 0, 0), U256(.max, .max, .max, 0),
                              U256(0, 0, 0, 1 << 63), U256(1 << 62, 0, 0, 0), U256(0, 1, 0, 0),
                              U256.sub(m, U256(0x1_0000_03D1, 0, 0, 0)).0,
                              U256(0xFFFF_FFFE_FFFF_FC2E, .max, .max, .max), U256(0xFFFF_FFFF_0000_0000, .max, .max, .max >> 1)]
        for i in stride(from: 0, to: 256, by: 7) {
            var limbs: [UInt64] = [0, 0, 0, 0]
            limbs[i >> 6] = 1 << UInt64(i & 63)
            values.append(U256(limbs[0], limbs[1], limbs[2], limbs[3]))
        }
        return values.map { U256.lessThan($0, m) ? $0 : U256.sub($0, m).0 }
    }

    // MARK: field and scalar arithmetic

    func testFieldArithmeticMatchesReference() {
        let p = Self.p
        var inputs = edgeValues(below: p)
        for _ in 0..<200 { inputs.append(randomField().v) }
        for (i, a) in inputs.enumerated() {
            let b = inputs[(i * 7 + 3) % inputs.count]
            let fa = Secp256k1Field(unchecked: a), fb = Secp256k1Field(unchecked: b)
            XCTAssertEqual((fa * fb).v, Secp256k1Reference.mulMod(a, b, p), "\(hex(a)) · \(hex(b))")
            XCTAssertEqual(fa.squared().v, Secp256k1Reference.mulMod(a, a, p), "\(hex(a))²")
            XCTAssertEqual((fa + fb).v, Secp256k1Reference.addMod(a, b, p), "\(hex(a)) + \(hex(b))")
            XCTAssertEqual((fa - fb).v, Secp256k1Reference.subMod(a, b, p), "\(hex(a)) − \(hex(b))")
            XCTAssertEqual(fa.times(21).v, Secp256k1Reference.mulMod(a, U256(21, 0, 0, 0), p))
            XCTAssertTrue(U256.lessThan((fa * fb).v, p))
        }
        // The final fold of a product: r + top·2^256 for extreme r and top (top < 2^35).
        let c = U256(Secp256k1Field.c, 0, 0, 0)
        for r in [U256.zero, U256.sub(p, .one).0, p, U256.add(p, U256(5, 0, 0, 0)).0, U256(.max, .max, .max, .max),
                  U256(0xFFFF_FFFE_FFFF_FC2E, .max, .max, .max), randomU256()] {
            for top: UInt64 in [0, 1, 2, 1 << 34, (1 << 35) - 1, 0x5_0000_0000] {
                let folded = Secp256k1Field.fold(r.l0, r.l1, r.l2, r.l3, top: top)
                let rModP = U256.lessThan(r, p) ? r : U256.sub(r, p).0
                let expected = Secp256k1Reference.addMod(rModP, Secp256k1Reference.mulMod(U256(top, 0, 0, 0), c, p), p)
                XCTAssertEqual(folded.v, expected, "fold(\(hex(r)), \(top))")
            }
        }
        // Powers-of-two multiples (shift and fold).
        for a in inputs.prefix(40) {
            for k: UInt64 in [1, 2, 3, 31] {
                XCTAssertEqual(Secp256k1Field(unchecked: a).timesPowerOfTwo(k).v,
                               Secp256k1Reference.mulMod(a, U256(1 << k, 0, 0, 0), p))
            }
        }
        // Any 256-bit value reduces into [0, p).
        for x in [U256(.max, .max, .max, .max), p, U256.add(p, .one).0, U256(0xFFFF_FFFE_FFFF_FC2E, .max, .max, .max)] {
            let r = Secp256k1Field.canonical(x)
            XCTAssertTrue(U256.lessThan(r.v, p))
            XCTAssertEqual(r.v, U256.lessThan(x, p) ? x : U256.sub(x, p).0)
        }
    }

    func testScalarArithmeticMatchesReference() {
        let n = Self.n
        var inputs = edgeValues(below: n)
        for _ in 0..<100 { inputs.append(randomScalar().v) }
        for (i, a) in inputs.enumerated() {
            let b = inputs[(i * 5 + 1) % inputs.count]
            let sa = Secp256k1Scalar(unchecked: a), sb = Secp256k1Scalar(unchecked: b)
            XCTAssertEqual((sa * sb).v, Secp256k1Reference.mulMod(a, b, n), "\(hex(a)) · \(hex(b))")
            XCTAssertEqual((sa + sb).v, Secp256k1Reference.addMod(a, b, n))
        }
    }

    /// safegcd (constant-time and variable-time) against Fermat inversion, for p and n.
    func testSafeGCDInversionMatchesFermat() {
        for (modulus, m) in [(Secp256k1Modulus.p, Self.p), (Secp256k1Modulus.n, Self.n)] {
            var inputs = edgeValues(below: m)
            for _ in 0..<300 {
                let x = randomU256()
                inputs.append(U256.lessThan(x, m) ? x : U256.sub(x, m).0)
            }
            for x in inputs {
                let expected: U256
                if m == Self.p {
                    expected = Secp256k1Field(unchecked: x).inverseByFermat().v
                } else {
                    expected = Secp256k1Scalar(unchecked: x).inverseByFermat().v
                }
                XCTAssertEqual(modulus.inverse(x), expected, "ct inverse of \(hex(x)) mod \(hex(m))")
                XCTAssertEqual(modulus.inverseVartime(x), expected, "vartime inverse of \(hex(x)) mod \(hex(m))")
            }
            // Zero has no inverse; both return 0 like the Fermat power.
            XCTAssertEqual(modulus.inverse(.zero), .zero)
            XCTAssertEqual(modulus.inverseVartime(.zero), .zero)
        }
        // Spot-check Fermat itself against the shift-and-add reference.
        for _ in 0..<3 {
            let a = randomField()
            XCTAssertEqual(a.inverseByFermat().v, Secp256k1Reference.invMod(a.v, Self.p))
            let s = randomScalar()
            XCTAssertEqual(s.inverseByFermat().v, Secp256k1Reference.invMod(s.v, Self.n))
        }
        // The public wrappers.
        let a = randomField(), s = randomScalar()
        XCTAssertEqual(a * a.inverse(), .one)
        XCTAssertEqual(a * a.inverseVartime(), .one)
        XCTAssertEqual(s * s.inverse(), .one)
        XCTAssertEqual(s * s.inverseVartime(), .one)
    }

    // MARK: endomorphism and recoding

    func testEndomorphismConstants() {
        let lambda = Secp256k1Endomorphism.lambda, beta = Secp256k1Endomorphism.beta
        XCTAssertEqual(lambda * lambda * lambda, .one)
        XCTAssertNotEqual(lambda, .one)
        XCTAssertEqual(beta * beta * beta, .one)
        XCTAssertNotEqual(beta, .one)
        // λ·G = (β·Gx, Gy), and likewise for another point.
        for base in [Secp256k1AffinePoint.generator, Secp256k1Reference.affine(Secp256k1Reference.multiply(randomScalar(), Secp256k1Reference.g))!] {
            let lp = Secp256k1Reference.affine(Secp256k1Reference.multiply(lambda, base.projective))
            XCTAssertEqual(lp, Secp256k1AffinePoint(x: base.x * beta, y: base.y))
        }
        // The lattice basis: a1 + b1·λ ≡ 0 and a2 + b2·λ ≡ 0 (mod n), with a1 = b2, b1 = −minusB1, b2 = −minusB2.
        let a1 = Secp256k1Scalar(unchecked: U256(0xE86C_90E4_9284_EB15, 0x3086_D221_A7D4_6BCD, 0, 0))
        let a2 = Secp256k1Scalar(unchecked: U256(0x57C1_108D_9D44_CFD8, 0x14CA_50F7_A8E2_F3F6, 1, 0))
        XCTAssertEqual(a1 + -(Secp256k1Endomorphism.minusB1 * lambda), .zero)
        XCTAssertEqual(a2 + -(Secp256k1Endomorphism.minusB2 * lambda), .zero)
        XCTAssertEqual(-Secp256k1Endomorphism.minusB2, a1)
        // g1, g2 = round(2^384·b2/n), round(2^384·(−b1)/n): c = round(k·b2/n) for k = n − 1 is b2 − 0 or b2 − 1.
        let c = Secp256k1Endomorphism.mulShift384(U256.sub(Self.n, .one).0, Secp256k1Endomorphism.g1)
        XCTAssertTrue(c == a1.v || c == U256.sub(a1.v, .one).0)
    }

    func testGLVSplitRecombinesWithShortHalves() {
        let lambda = Secp256k1Endomorphism.lambda
        var inputs: [Secp256k1Scalar] = [.zero, .one, -.one, lambda, -lambda, lambda * lambda,
                                         Secp256k1Scalar(unchecked: Secp256k1Scalar.halfN),
                                         Secp256k1Scalar(unchecked: Secp256k1Scalar.halfN) + .one,
                                         Secp256k1Scalar(unchecked: U256(0, 0, 1, 0)),
                                         Secp256k1Scalar(unchecked: U256(0, 0, 0, 1 << 63))]
        inputs += edgeValues(below: Self.n).map { Secp256k1Scalar(unchecked: $0) }
        for _ in 0..<2000 { inputs.append(randomScalar()) }
        for k in inputs {
            let (k1, k2) = Secp256k1Endomorphism.split(k)
            XCTAssertEqual(k1 + k2 * lambda, k, "split of \(hex(k.v))")
            for half in [k1, k2] {
                let m = half.signedMagnitude.magnitude
                XCTAssertTrue(m.l2 == 0 && m.l3 == 0, "half of \(hex(k.v)) above 2^128: \(hex(m))")
            }
        }
    }

    func testWNAFRecoding() {
        var values: [U256] = [.zero, .one, U256(.max, .max, .max, .max), U256(0, 0, 1, 0), U256(.max, .max, 0, 0),
                              Self.n, U256.sub(Self.n, .one).0, U256(0xAAAA_AAAA_AAAA_AAAA, 0x5555_5555_5555_5555, 0, 0)]
        for _ in 0..<200 { values.append(randomU256()) }
        for w in [2, 3, 4, 5, 8, 10, 12, 16] {
            let capacity = Secp256k1WNAF.capacity(width: w)
            let digits = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            defer { digits.deallocate() }
            for k in values {
                digits.initialize(repeating: 0, count: capacity)
                let length = Secp256k1WNAF.recode(k, width: w, into: digits)
                // Σ d_i·2^i reconstructs k (modulo 2^256 − here exactly, since the top carry is a digit).
                var positive = U256.zero, negative = U256.zero
                var lastNonZero = -w
                for i in 0..<capacity where digits[i] != 0 {
                    let d = digits[i]
                    XCTAssertTrue(d & 1 == 1 || d & 1 == -1, "even digit")
                    XCTAssertLessThan(Int(d.magnitude), 1 << (w - 1))
                    XCTAssertGreaterThanOrEqual(i - lastNonZero, w, "adjacent non-zero digits")
                    XCTAssertLessThan(i, length)
                    lastNonZero = i
                    let term = shifted(UInt64(d.magnitude), by: i)
                    if d > 0 { positive = U256.add(positive, term).0 } else { negative = U256.add(negative, term).0 }
                }
                XCTAssertEqual(length, lastNonZero < 0 ? 0 : lastNonZero + 1)
                XCTAssertEqual(U256.sub(positive, negative).0, k, "w = \(w), k = \(hex(k))")
            }
        }
    }

    /// x·2^i modulo 2^256.
    private func shifted(_ x: UInt64, by i: Int) -> U256 {
        var limbs: [UInt64] = [0, 0, 0, 0, 0]
        let limb = i >> 6, s = UInt64(i & 63)
        if limb < 4 { limbs[limb] = x << s }
        if s > 0, limb + 1 < 5 { limbs[limb + 1] = x >> (64 - s) }
        return U256(limbs[0], limbs[1], limbs[2], limbs[3])
    }

    // MARK: points

    private func randomPoint() -> Secp256k1AffinePoint {
        Secp256k1Reference.affine(Secp256k1Reference.multiply(randomScalar(), Secp256k1Reference.g))!
    }

    private func assertSame(_ fast: Secp256k1JacobianPoint, _ reference: Secp256k1Point, _ message: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(fast.affineVartime, Secp256k1Reference.affine(reference), message, file: file, line: line)
    }

    func testJacobianFormulasAndExceptionalCases() {
        let p = randomPoint(), q = randomPoint()
        let jp = Secp256k1JacobianPoint(p)
        // Doubling, mixed addition, P + P, P + (−P), ∞ + P, general addition.
        assertSame(jp.doubledVartime(), p.projective.doubled(), "2P")
        assertSame(jp.addingVartime(q.x, q.y), p.projective + q, "P + Q")
        assertSame(jp.addingVartime(p.x, p.y), p.projective.doubled(), "P + P")
        XCTAssertTrue(jp.addingVartime(p.x, -p.y).isInfinity, "P + (−P)")
        assertSame(Secp256k1JacobianPoint.infinity.addingVartime(q.x, q.y), q.projective, "∞ + Q")
        XCTAssertTrue(Secp256k1JacobianPoint.infinity.doubledVartime().isInfinity)
        let j2 = jp.doubledVartime()   // a Jacobian point with Z ≠ 1
        let q2 = Secp256k1JacobianPoint(q).doubledVartime()
        assertSame(j2.addingVartime(q2), p.projective.doubled() + q.projective.doubled(), "J + J")
        assertSame(j2.addingVartime(j2), p.projective.doubled().doubled(), "J + J (same)")
        XCTAssertTrue(j2.addingVartime(j2.negated).isInfinity, "J + (−J)")
        assertSame(j2.addingVartime(.infinity), p.projective.doubled(), "J + ∞")
        // The scaled-curve addition: a point on the curve scaled by u plus a true affine point.
        let u = randomField(), u2 = u.squared(), u3 = u2 * u
        let scaled = Secp256k1JacobianPoint(x: j2.x * u2, y: j2.y * u3, z: j2.z)   // true Z = z·u
        let sum = scaled.addingVartime(q.x, q.y, zScale: u, zScale2: u2, zScale3: u3)
        assertSame(Secp256k1JacobianPoint(x: sum.x, y: sum.y, z: sum.z * u), p.projective.doubled() + q, "scaled + affine")
        let same = scaled.addingVartime(j2.affineVartime!.x, j2.affineVartime!.y, zScale: u, zScale2: u2, zScale3: u3)
        assertSame(Secp256k1JacobianPoint(x: same.x, y: same.y, z: same.z * u), p.projective.doubled().doubled(), "scaled doubling case")
        let opposite = scaled.addingVartime(j2.affineVartime!.x, -j2.affineVartime!.y, zScale: u, zScale2: u2, zScale3: u3)
        XCTAssertTrue(opposite.isInfinity, "scaled + its negation")
        // x comparison without inversion.
        let pj = jp.doubledVartime()
        let x = pj.affineVartime!.x
        XCTAssertTrue(pj.xReducedEquals(Secp256k1Scalar(reducing: x.v)))
        XCTAssertFalse(pj.xReducedEquals(Secp256k1Scalar(reducing: x.v) + .one))
        XCTAssertFalse(Secp256k1JacobianPoint.infinity.xReducedEquals(.one))
    }

    func testGeneratorOddMultiplesTables() {
        let tables = Secp256k1GeneratorOddMultiples.shared
        let count = 1 << (Secp256k1DoubleMultiplication.windowG - 2)
        XCTAssertEqual(tables.g.count, count)
        XCTAssertEqual(tables.g128.count, count)
        let twoTo128 = Secp256k1Scalar(unchecked: U256(0, 0, 1, 0))
        for i in [0, 1, 2, count / 2, count - 1] {
            let k = Secp256k1Scalar(unchecked: U256(UInt64(2 * i + 1), 0, 0, 0))
            XCTAssertEqual(tables.g[i], Secp256k1Reference.affine(Secp256k1Reference.multiply(k, Secp256k1Reference.g)))
            XCTAssertEqual(tables.g128[i], Secp256k1Reference.affine(Secp256k1Reference.multiply(k * twoTo128, Secp256k1Reference.g)))
        }
    }

    func testDoubleMultiplicationMatchesReference() {
        let g = Secp256k1AffinePoint.generator
        let minusG = Secp256k1AffinePoint(x: g.x, y: -g.y)
        let q = randomPoint()
        let k = randomScalar()
        let lambda = Secp256k1Endomorphism.lambda
        var cases: [(Secp256k1Scalar, Secp256k1Scalar, Secp256k1AffinePoint, String)] = [
            (.zero, randomScalar(), q, "u1 = 0"),
            (randomScalar(), .zero, q, "u2 = 0"),
            (.zero, .zero, q, "both 0 (infinity)"),
            (.one, .one, g, "G + G (doubling inside the loop)"),
            (.one, -.one, g, "G − G (infinity)"),
            (k, -k, g, "kG − kG (infinity)"),
            (k, k, g, "Q = G"),
            (k, k, minusG, "Q = −G (infinity)"),
            (k, randomScalar(), minusG, "Q = −G"),
            (-.one, -.one, q, "u = n − 1"),
            (lambda, lambda, q, "u = λ"),
            (Secp256k1Scalar(unchecked: Secp256k1Scalar.halfN), Secp256k1Scalar(unchecked: Secp256k1Scalar.halfN), q, "u = n/2"),
            (Secp256k1Scalar(unchecked: U256(0, 0, 1, 0)), .one, q, "u1 = 2^128"),
        ]
        // u1·G + u2·Q with Q = c·G and u1 = −u2·c: the sum is the identity.
        let c = randomScalar(), u2 = randomScalar()
        let qc = Secp256k1Reference.affine(Secp256k1Reference.multiply(c, Secp256k1Reference.g))!
        cases.append((-(u2 * c), u2, qc, "u1·G = −u2·Q (infinity)"))
        for i in 0..<150 { cases.append((randomScalar(), randomScalar(), i % 2 == 0 ? randomPoint() : q, "random \(i)")) }
        for (u1, u2, point, name) in cases {
            let fast = Secp256k1DoubleMultiplication.multiply(u1: u1, u2: u2, q: point)
            let reference = Secp256k1Reference.doubleMultiply(u1, u2, point)
            assertSame(fast, reference, "\(name): u1 = \(hex(u1.v)), u2 = \(hex(u2.v))")
        }
    }

    func testGeneratorMultipleMatchesReference() {
        var scalars: [Secp256k1Scalar] = [.zero, .one, -.one, Secp256k1Scalar(unchecked: U256(0, 0, 1, 0)),
                                          Secp256k1Scalar(unchecked: Secp256k1Scalar.halfN)]
        // Every signed 5-bit window at the recoding's boundaries: 15, 16 (largest positive
        // digit), 17 (smallest carrying one, digit −15), 31 (digit −1) and 0.
        for window: UInt64 in [15, 16, 17, 31, 1] {
            var limbs: [UInt64] = [0, 0, 0, 0]
            for i in 0..<51 {
                for b in 0..<5 where (window >> UInt64(b)) & 1 == 1 {
                    let bit = 5 * i + b
                    limbs[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
            scalars.append(Secp256k1Scalar(reducing: U256(limbs[0], limbs[1], limbs[2], limbs[3])))
        }
        for _ in 0..<20 { scalars.append(randomScalar()) }
        for k in scalars {
            let fast = Secp256k1Point.generatorMultiple(k)
            let reference = Secp256k1Reference.multiply(k, Secp256k1Reference.g)
            XCTAssertEqual(Secp256k1Reference.affine(fast), Secp256k1Reference.affine(reference), hex(k.v))
        }
    }

    // MARK: ECDSA

    /// Random keys and digests: the fast verify/recover agree with the textbook ones on valid,
    /// tampered and high-s signatures.
    func testVerifyAndRecoverMatchReference() throws {
        for i in 0..<24 {
            let key = randomKey()
            let q = key.publicKey.point
            var digest = rng.bytes(32)
            if i == 0 { digest = [UInt8](repeating: 0, count: 32) }           // z = 0: u1 = 0
            if i == 1 { digest = Self.n.bigEndianBytes }                       // z = n ≡ 0
            if i == 2 { digest = [UInt8](repeating: 0xff, count: 32) }         // z ≥ n
            let sig = key.sign(digest: digest)
            let r = sig.rScalar, s = sig.sScalar
            XCTAssertTrue(key.publicKey.isValidSignature(sig, digest: digest))
            XCTAssertTrue(Secp256k1Reference.verify(q, r: r, s: s, digest: digest))
            XCTAssertEqual(try Secp256k1PublicKey.recover(digest: digest, signature: sig).point,
                           Secp256k1Reference.recover(r: r, s: s, recoveryID: sig.recoveryID, digest: digest))
            // Tampered digest, r, s; every recovery id; high s (a third of the keys: the
            // reference is slow in debug builds).
            guard i % 3 == 0 else { continue }
            var other = digest
            other[31] ^= 1
            let tampered: [(Secp256k1Scalar, Secp256k1Scalar, [UInt8])] = [(r, s, other), (r + .one, s, digest), (r, s + .one, digest),
                                                                            (r, -s, digest), (s, r, digest)]
            for (tr, ts, td) in tampered {
                let candidate = Secp256k1Signature(r: tr, s: ts, recoveryID: sig.recoveryID)
                XCTAssertEqual(key.publicKey.isValidSignature(candidate, digest: td),
                               Secp256k1Reference.verify(q, r: tr, s: ts, digest: td))
                for id: UInt8 in 0..<4 {
                    let c = Secp256k1Signature(r: tr, s: ts, recoveryID: id)
                    XCTAssertEqual(try? Secp256k1PublicKey.recover(digest: td, signature: c).point,
                                   Secp256k1Reference.recover(r: tr, s: ts, recoveryID: id, digest: td),
                                   "recovery id \(id), key \(i)")
                }
            }
        }
    }

    /// Keys ±1 (Q = ±G) sign, verify and recover.
    func testKeysPlusMinusOne() throws {
        for d in [Secp256k1Scalar.one, -Secp256k1Scalar.one] {
            let key = Secp256k1PrivateKey(scalar: d)
            for _ in 0..<5 {
                let digest = rng.bytes(32)
                let sig = key.sign(digest: digest)
                XCTAssertTrue(key.publicKey.isValidSignature(sig, digest: digest))
                XCTAssertEqual(try Secp256k1PublicKey.recover(digest: digest, signature: sig), key.publicKey)
                XCTAssertTrue(Secp256k1Reference.verify(key.publicKey.point, r: sig.rScalar, s: sig.sScalar, digest: digest))
            }
        }
    }

    /// Recovery whose result is the identity (s·R = z·G) fails; verification whose sum is the
    /// identity (z = −r·d) is false.
    func testResultsAtInfinity() throws {
        let k = randomScalar()
        let nonce = Secp256k1Reference.affine(Secp256k1Reference.multiply(k, Secp256k1Reference.g))!
        let r = Secp256k1Scalar(reducing: nonce.x.v)
        let s = randomScalar()
        let z = s * k
        let recid: UInt8 = (nonce.y.isOdd ? 1 : 0) | (U256.lessThan(nonce.x.v, Self.n) ? 0 : 2)
        let sig = Secp256k1Signature(r: r, s: s, recoveryID: recid)
        XCTAssertNil(Secp256k1Reference.recover(r: r, s: s, recoveryID: recid, digest: z.bigEndianBytes))
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: z.bigEndianBytes, signature: sig)) { e in
            XCTAssertEqual(e as? SignatureError, .recoveryFailed)
        }
        let key = randomKey()
        let lowS = s.isHigh ? -s : s
        let zInf = -(r * key.scalar)
        let candidate = Secp256k1Signature(r: r, s: lowS, recoveryID: 0)
        XCTAssertFalse(key.publicKey.isValidSignature(candidate, digest: zInf.bigEndianBytes))
        XCTAssertFalse(Secp256k1Reference.verify(key.publicKey.point, r: r, s: lowS, digest: zInf.bigEndianBytes))
    }

    /// Recovery ids 2 and 3 (the nonce point's x was r + n): x must stay below p. With a small r
    /// such that r + n is on the curve, the recovered key verifies (r, s), which exercises the
    /// r + n branch of the Jacobian x comparison.
    func testRecoveryWithXAboveOrder() throws {
        var found = 0
        var r = U256(1, 0, 0, 0)
        while found < 6 {
            r = U256.add(r, U256(rng.next() >> 1, 0, 0, 0)).0
            let x = U256.add(r, Self.n).0
            guard let fx = Secp256k1Field(x), Secp256k1AffinePoint(x: fx, yIsOdd: false) != nil else { continue }
            found += 1
            let rs = Secp256k1Scalar(unchecked: r)
            var s = randomScalar()
            if s.isHigh { s = -s }
            let digest = rng.bytes(32)
            for id: UInt8 in [2, 3] {
                let sig = Secp256k1Signature(r: rs, s: s, recoveryID: id)
                let key = try Secp256k1PublicKey.recover(digest: digest, signature: sig)
                XCTAssertEqual(key.point, Secp256k1Reference.recover(r: rs, s: s, recoveryID: id, digest: digest))
                XCTAssertTrue(key.isValidSignature(sig, digest: digest), "r + n branch")
                XCTAssertTrue(Secp256k1Reference.verify(key.point, r: rs, s: s, digest: digest))
                // Ids 0/1 take x = r itself: whatever they give must match the reference too.
                let low = try? Secp256k1PublicKey.recover(digest: digest, signature: Secp256k1Signature(r: rs, s: s, recoveryID: id - 2))
                XCTAssertEqual(low?.point, Secp256k1Reference.recover(r: rs, s: s, recoveryID: id - 2, digest: digest))
            }
        }
        // r + n ≥ p: ids 2 and 3 fail.
        let bigR = Secp256k1Scalar(unchecked: U256.sub(Self.n, .one).0)
        for id: UInt8 in [2, 3, 4, 255] {
            let sig = Secp256k1Signature(r: bigR, s: .one, recoveryID: id)
            XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: [UInt8](repeating: 1, count: 32), signature: sig)) { e in
                XCTAssertEqual(e as? SignatureError, .recoveryFailed)
            }
        }
    }
}
