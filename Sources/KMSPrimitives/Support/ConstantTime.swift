/// Comparisons whose running time does not depend on where two secrets differ.
package enum ConstantTime {
    /// Whether `a` and `b` are equal, examining every byte (lengths are not secret).
    package static func equal<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}
