@testable import KMSCore

/// Test-only helpers for the u128 negacyclic engine: a seeded generator, random inputs, an
/// O(N²) schoolbook product and a primality check.
enum Negacyclic128Reference {
    /// SplitMix64: a small deterministic generator for reproducible random tests.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A random u128 polynomial (interleaved, 2·N words).
    static func randomKey(_ n: Int, _ g: inout Generator) -> [UInt64] {
        (0..<2 * n).map { _ in g.next() }
    }

    /// N random digits in [−bound, bound].
    static func randomDigits(_ n: Int, bound: Int64 = Negacyclic128Engine.maxDigitMagnitude,
                             _ g: inout Generator) -> [Int64] {
        (0..<n).map { _ in Int64.random(in: -bound...bound, using: &g) }
    }

    /// `out += K·D mod (X^N + 1, 2^128)` by the definition (interleaved words).
    static func schoolbookAdd(key: [UInt64], digits: [Int64], into out: inout [UInt64]) {
        let n = digits.count
        var acc = [U128](repeating: .zero, count: n)
        for i in 0..<n {
            let k = U128(low: key[2 * i], high: key[2 * i + 1])
            for j in 0..<n where digits[j] != 0 {
                let t = k &* digits[j]
                if i + j < n { acc[i + j] = acc[i + j] &+ t } else { acc[i + j - n] = acc[i + j - n] &- t }
            }
        }
        for k in 0..<n {
            let s = U128(low: out[2 * k], high: out[2 * k + 1]) &+ acc[k]
            out[2 * k] = s.low
            out[2 * k + 1] = s.high
        }
    }

    /// K·D by the definition.
    static func schoolbook(key: [UInt64], digits: [Int64]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 2 * digits.count)
        schoolbookAdd(key: key, digits: digits, into: &out)
        return out
    }

    /// Deterministic Miller–Rabin for 64-bit n.
    static func isPrime(_ n: UInt64) -> Bool {
        if n < 2 { return false }
        let bases: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        for b in bases where n % b == 0 { return n == b }
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (h, l) = a.multipliedFullWidth(by: b)
            return n.dividingFullWidth((h, l)).remainder
        }
        var d = n - 1
        var s = 0
        while d & 1 == 0 { d >>= 1; s += 1 }
        outer: for a in bases {
            var x: UInt64 = 1, base = a % n, e = d
            while e > 0 {
                if e & 1 == 1 { x = mulmod(x, base) }
                base = mulmod(base, base)
                e >>= 1
            }
            if x == 1 || x == n - 1 { continue }
            for _ in 1..<max(s, 1) {
                x = mulmod(x, x)
                if x == n - 1 { continue outer }
            }
            return false
        }
        return true
    }
}
