/// A double-double number: the unevaluated sum `hi + lo` of two `Double`s with |lo| ≤ ulp(hi)/2,
/// about 106 significant bits — tfhe-rs's `f128` (tfhe-fft), the number format of its 128-bit
/// Fourier keys. Only what the Fourier128 conversions need: exact error-free sums and products
/// (Knuth's two-sum, a fused multiply-add for the product error), and the torus conversions of
/// signed 128-bit integers.
///
/// ```swift
/// let x = DoubleDouble(signed: U128(low: 3, high: 1 << 62))      // 2^126 + 3, held exactly
/// (x * DoubleDouble(0.5)).roundedModulo128()                      // 2^125 + 2 (rounded half up)
/// ```
package struct DoubleDouble: Sendable, Equatable {
    package var hi: Double
    package var lo: Double

    @inlinable package init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    package static let zero = DoubleDouble(0)

    /// `a + b` exactly as `s + e` (Knuth's two-sum).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(s, (a - (s - bb)) + (b - bb))
    }

    /// `a + b` exactly as `s + e` when |a| ≥ |b| or a = 0.
    @inlinable static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    /// `a · b` exactly as `p + e` (the error from one fused multiply-add).
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(p, (-p).addingProduct(a, b))
    }

    @inlinable package static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi), t = twoSum(a.lo, b.lo)
        let u = quickTwoSum(s.hi, s.lo + t.hi)
        return quickTwoSum(u.hi, u.lo + t.lo)
    }

    @inlinable package static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(-a.hi, -a.lo) }

    @inlinable package static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inlinable package static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(a.hi, b.hi)
        return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
    }

    /// The value scaled by a power of two (exact).
    @inlinable package func scaled(by power: Int) -> DoubleDouble {
        DoubleDouble(Double(sign: .plus, exponent: power, significand: 1) * hi, Double(sign: .plus, exponent: power, significand: 1) * lo)
    }

    /// A u128 read as a signed 128-bit integer (two's complement), to about 106 bits: the high
    /// limb rounded to a double, the rest of the integer (|r| < 2^75) added exactly as a sum.
    package init(signed x: U128) {
        let h = Int64(bitPattern: x.high)
        let a = Double(h)                              // rounded: |h − a| ≤ 2^10
        // h − a is exact in Int64 unless a rounded up to 2^63 (h near Int64.max).
        let top = a >= 0x1p63 ? DoubleDouble(0x1p127) + DoubleDouble(Double(h &- Int64.max) - 1).scaled(by: 64)
                              : DoubleDouble(a * 0x1p64) + DoubleDouble(Double(h - Int64(a))).scaled(by: 64)
        // The low limb split into two exact doubles.
        let low = DoubleDouble.twoSum(Double((x.low >> 11) << 11), Double(x.low & 0x7ff))
        self = top + low
    }

    /// round(x) mod 2^128 for one double (ties away from zero; |x| may exceed 2^128).
    static func roundedModulo128(_ x: Double) -> U128 {
        guard x.isFinite else { return .zero }
        let r = x.rounded(.toNearestOrAwayFromZero)
        let m = abs(r)
        if m < 0x1p64 {
            let v = U128(UInt64(m))
            return r < 0 ? .zero &- v : v
        }
        // m = significand · 2^e with a 53-bit integer significand, e ≥ 11.
        let e = Int(m.exponent) - 52
        if e >= 128 { return .zero }
        let v = U128(m.significandBitPattern | (1 << 52)) << e
        return r < 0 ? .zero &- v : v
    }

    /// round(hi + lo) mod 2^128.
    package func roundedModulo128() -> U128 {
        let h = hi.rounded(.toNearestOrAwayFromZero)
        return DoubleDouble.roundedModulo128(h) &+ DoubleDouble.roundedModulo128((hi - h) + lo)
    }
}

/// A complex double-double.
package struct ComplexDoubleDouble: Sendable, Equatable {
    package var re: DoubleDouble
    package var im: DoubleDouble

    @inlinable package init(_ re: DoubleDouble, _ im: DoubleDouble) {
        self.re = re
        self.im = im
    }

    package static let zero = ComplexDoubleDouble(.zero, .zero)

    @inlinable package static func + (a: ComplexDoubleDouble, b: ComplexDoubleDouble) -> ComplexDoubleDouble {
        ComplexDoubleDouble(a.re + b.re, a.im + b.im)
    }

    @inlinable package static func - (a: ComplexDoubleDouble, b: ComplexDoubleDouble) -> ComplexDoubleDouble {
        ComplexDoubleDouble(a.re - b.re, a.im - b.im)
    }

    @inlinable package static func * (a: ComplexDoubleDouble, b: ComplexDoubleDouble) -> ComplexDoubleDouble {
        ComplexDoubleDouble(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    /// The complex conjugate.
    @inlinable package var conjugate: ComplexDoubleDouble { ComplexDoubleDouble(re, -im) }
}

extension DoubleDouble {
    /// π to about 106 bits.
    static let pi = DoubleDouble(3.141592653589793116, 1.2246467991473531772e-16)

    /// The value divided by a nonzero double (one correction step: about 106 bits).
    func divided(by d: Double) -> DoubleDouble {
        let q1 = hi / d
        let r = self - DoubleDouble.twoProduct(q1, d)
        let q2 = (r.hi + r.lo) / d
        return DoubleDouble.quickTwoSum(q1, q2)
    }

    /// (cos θ, sin θ) for |θ| ≤ π/4 by their Taylor series, to double-double precision.
    static func cosSinSmall(_ theta: DoubleDouble) -> (DoubleDouble, DoubleDouble) {
        let t2 = theta * theta
        var c = DoubleDouble(1), s = theta
        var cTerm = DoubleDouble(1), sTerm = theta
        var k = 1.0
        // |θ|^n / n! < 2^-110 for n ≥ 30 when |θ| ≤ π/4.
        while k < 32 {
            cTerm = -(cTerm * t2).divided(by: (2 * k - 1) * (2 * k))
            sTerm = -(sTerm * t2).divided(by: (2 * k) * (2 * k + 1))
            c = c + cTerm
            s = s + sTerm
            k += 1
        }
        return (c, s)
    }

    /// (cos, sin) of π·m / d for 0 ≤ m < 2d, d a power of two ≥ 4: reduced to |θ| ≤ π/4 by the
    /// symmetries of the circle, so every value has double-double precision.
    package static func cosSinPi(_ m: Int, over d: Int) -> (cos: DoubleDouble, sin: DoubleDouble) {
        if m >= d {                                    // θ = π + θ'
            let (c, s) = cosSinPi(m - d, over: d)
            return (-c, -s)
        }
        if 2 * m > d {                                 // θ = π − θ'
            let (c, s) = cosSinPi(d - m, over: d)
            return (-c, s)
        }
        if 4 * m > d {                                 // θ = π/2 − θ'
            let (c, s) = cosSinPi(d / 2 - m, over: d)
            return (s, c)
        }
        return cosSinSmall((pi * DoubleDouble(Double(m))).divided(by: Double(d)))
    }
}
