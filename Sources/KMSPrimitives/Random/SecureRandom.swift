/// The operating system's CSPRNG (`getrandom(2)` on Linux, `arc4random_buf` on Apple platforms),
/// through Swift's `SystemRandomNumberGenerator`.
///
/// ```swift
/// let seed = SecureRandom.bytes(16)
/// ```
package enum SecureRandom {
    /// Fills `buffer` with system randomness.
    package static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var g = SystemRandomNumberGenerator()
        var i = 0
        while i + 8 <= buffer.count {
            buffer.storeBytes(of: g.next(), toByteOffset: i, as: UInt64.self)
            i += 8
        }
        if i < buffer.count {
            var last = g.next()
            while i < buffer.count {
                buffer[i] = UInt8(truncatingIfNeeded: last)
                last >>= 8
                i += 1
            }
        }
    }

    /// `count` bytes of system randomness.
    package static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { fill($0) }
        return out
    }
}
