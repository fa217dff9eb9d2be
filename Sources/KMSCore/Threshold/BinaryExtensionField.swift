/// An element of GF(2^D) = GF(2)[X]/F(X) (F of the extension, reduced mod 2): the polynomial
/// basis, bit j of `bits` the coefficient of X^j. This is the Galois ring modulo 2; party i's
/// evaluation point is the element whose bits are those of i.
///
/// Multiplication and inversion run in time independent of the values (no tables, no
/// value-dependent branches).
package struct BinaryFieldElement<Extension: RingExtension>: Sendable, Hashable, CustomStringConvertible {
    /// The D coefficient bits (higher bits are zero).
    package let bits: UInt8

    /// The element with these coefficient bits; nil if a bit at or above D is set.
    package init?(bits: UInt8) {
        guard Int(bits) >> Extension.degree == 0 else { return nil }
        self.bits = bits
    }

    /// The element with the low D bits of `bits`.
    package init(truncating bits: UInt8) {
        self.bits = UInt8(truncatingIfNeeded: Int(bits) & ((1 << Extension.degree) - 1))
    }

    package static var zero: Self { Self(truncating: 0) }
    package static var one: Self { Self(truncating: 1) }

    package var isZero: Bool { bits == 0 }

    package var description: String { "0x" + String(bits, radix: 16) }

    /// Addition = subtraction = XOR.
    package static func + (a: Self, b: Self) -> Self { Self(truncating: a.bits ^ b.bits) }
    package static func - (a: Self, b: Self) -> Self { a + b }
    package static func += (a: inout Self, b: Self) { a = a + b }

    /// Carry-less product reduced by F, bit by bit.
    package static func * (a: Self, b: Self) -> Self {
        let d = Extension.degree
        let top = UInt16(1) << UInt16(d - 1)
        let mask = UInt16((1 << d) - 1)
        let low = UInt16(Extension.lowerModulusBits)
        var x = UInt16(a.bits)
        var acc: UInt16 = 0
        for j in 0..<d {
            // acc ^= x if bit j of b is set, without branching on it.
            acc ^= x & (0 &- UInt16((b.bits >> UInt8(j)) & 1))
            // x ← x·X mod F: the bit leaving the top folds back as F's lower part.
            let carry = 0 &- ((x & top) >> UInt16(d - 1))
            x = ((x << 1) & mask) ^ (low & carry)
        }
        return Self(truncating: UInt8(truncatingIfNeeded: acc))
    }

    package static func *= (a: inout Self, b: Self) { a = a * b }

    /// `self^e` by square-and-multiply over all bits of `e` (e is public).
    package func power(_ e: Int) -> Self {
        var result = Self.one
        var base = self
        var e = e
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            base = base * base
            e >>= 1
        }
        return result
    }

    /// The inverse, a^(2^D − 2); nil for zero. The exponent is fixed, so the time does not depend
    /// on the value (only the final zero check does).
    package var inverse: Self? {
        let inv = power((1 << Extension.degree) - 2)
        return isZero ? nil : inv
    }
}
