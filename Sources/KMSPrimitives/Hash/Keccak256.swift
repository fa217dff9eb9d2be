/// Keccak-256 as used by Ethereum (original Keccak padding `0x01…0x80`, rate 136 bytes,
/// 32-byte output). This is NOT FIPS 202 SHA3-256 (padding `0x06`), which is `SHA3_256`.
///
/// The Keccak-f[1600] permutation is fully unrolled inside each round over a fixed 25-lane
/// state held in local variables; hashing allocates only the 32-byte result.
///
/// ```swift
/// let d = Keccak256.hash(Array("abc".utf8))        // 4e03657a…6c45
/// var h = Keccak256.Hasher()
/// h.update([0x19, 0x01]); h.update(domainSeparator); h.update(structHash)
/// let digest = h.finalize()                          // keccak256(0x1901 ‖ … ‖ …)
/// ```
package enum Keccak256 {
    /// Digest length in bytes.
    package static let byteCount = 32
    /// Rate (block size) in bytes.
    package static let blockSize = 136

    /// The Keccak-256 digest of `data`.
    package static func hash<C: Collection>(_ data: C) -> [UInt8] where C.Element == UInt8 {
        if let d = data.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return d }
        return Array(data).withUnsafeBytes { hash($0) }
    }

    /// The Keccak-256 digest of raw memory.
    package static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var h = Hasher()
        h.update(data)
        return h.finalize()
    }

    /// An incremental Keccak-256 computation (value type: copying it forks the computation).
    package struct Hasher: Sendable {
        var state = KeccakState()
        /// Partial block not yet absorbed (always fewer than `blockSize` bytes are pending).
        var buffer = KeccakBlockBuffer()
        var buffered = 0

        /// A fresh computation.
        package init() {}

        /// Absorbs `data`.
        package mutating func update<C: Collection>(_ data: C) where C.Element == UInt8 {
            if data.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
            Array(data).withUnsafeBytes { update($0) }
        }

        /// Absorbs raw memory.
        package mutating func update(_ data: UnsafeRawBufferPointer) {
            guard var p = data.baseAddress, data.count > 0 else { return }
            var n = data.count
            if buffered > 0 {
                let take = min(n, Keccak256.blockSize - buffered)
                buffer.append(p, count: take, at: buffered)
                buffered += take
                p += take
                n -= take
                if buffered < Keccak256.blockSize { return }
                buffer.absorb(into: &state)
                buffered = 0
            }
            let blocks = n / Keccak256.blockSize
            if blocks > 0 {
                state.absorb(blocks: p, count: blocks)
                p += blocks * Keccak256.blockSize
                n -= blocks * Keccak256.blockSize
            }
            if n > 0 {
                buffer.append(p, count: n, at: 0)
                buffered = n
            }
        }

        /// Pads, permutes and returns the 32-byte digest.
        package consuming func finalize() -> [UInt8] {
            buffer.pad(from: buffered)
            buffer.absorb(into: &state)
            return [UInt8](unsafeUninitializedCapacity: Keccak256.byteCount) { buf, count in
                state.squeeze256(into: UnsafeMutableRawPointer(buf.baseAddress!))
                count = Keccak256.byteCount
            }
        }
    }
}

/// One 136-byte block as 17 lanes, without heap storage.
struct KeccakBlockBuffer: Sendable {
    var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    mutating func append(_ p: UnsafeRawPointer, count: Int, at offset: Int) {
        withUnsafeMutableBytes(of: &lanes) { dst in
            (dst.baseAddress! + offset).copyMemory(from: p, byteCount: count)
        }
    }

    /// Keccak padding: `0x01` after the data, `0x80` in the last byte, zeros between.
    mutating func pad(from offset: Int) {
        withUnsafeMutableBytes(of: &lanes) { dst in
            for i in offset..<Keccak256.blockSize { dst[i] = 0 }
            dst[offset] = 0x01
            dst[Keccak256.blockSize - 1] |= 0x80
        }
    }

    func absorb(into state: inout KeccakState) {
        withUnsafeBytes(of: lanes) { state.absorb(blocks: $0.baseAddress!, count: 1) }
    }
}

/// The 5×5 lanes of Keccak-f[1600], lane (x, y) named `a<y><x>`.
struct KeccakState: Sendable {
    var a00: UInt64 = 0
    var a01: UInt64 = 0
    var a02: UInt64 = 0
    var a03: UInt64 = 0
    var a04: UInt64 = 0
    var a05: UInt64 = 0
    var a06: UInt64 = 0
    var a07: UInt64 = 0
    var a08: UInt64 = 0
    var a09: UInt64 = 0
    var a10: UInt64 = 0
    var a11: UInt64 = 0
    var a12: UInt64 = 0
    var a13: UInt64 = 0
    var a14: UInt64 = 0
    var a15: UInt64 = 0
    var a16: UInt64 = 0
    var a17: UInt64 = 0
    var a18: UInt64 = 0
    var a19: UInt64 = 0
    var a20: UInt64 = 0
    var a21: UInt64 = 0
    var a22: UInt64 = 0
    var a23: UInt64 = 0
    var a24: UInt64 = 0

    @inline(__always)
    static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }

    static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]

    /// XORs `count` consecutive 136-byte blocks at `p` into the state, permuting after each.
    mutating func absorb(blocks p: UnsafeRawPointer, count: Int) {
        var p = p
        for _ in 0..<count {
            absorbLanes(p)
            permute()
            p += Keccak256.blockSize
        }
    }

    @inline(__always)
    mutating func absorbLanes(_ p: UnsafeRawPointer) {
        var s = self
        s.a00 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        s.a01 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        s.a02 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        s.a03 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        s.a04 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        s.a05 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
        s.a06 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
        s.a07 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
        s.a08 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 64, as: UInt64.self))
        s.a09 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 72, as: UInt64.self))
        s.a10 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 80, as: UInt64.self))
        s.a11 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 88, as: UInt64.self))
        s.a12 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 96, as: UInt64.self))
        s.a13 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 104, as: UInt64.self))
        s.a14 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 112, as: UInt64.self))
        s.a15 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 120, as: UInt64.self))
        s.a16 ^= UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 128, as: UInt64.self))
        self = s
    }

    func squeeze256(into out: UnsafeMutableRawPointer) {
        let s = self
        out.storeBytes(of: s.a00.littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: s.a01.littleEndian, toByteOffset: 8, as: UInt64.self)
        out.storeBytes(of: s.a02.littleEndian, toByteOffset: 16, as: UInt64.self)
        out.storeBytes(of: s.a03.littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι.
    mutating func permute() {
        var s = self
        var a00 = s.a00
        var a01 = s.a01
        var a02 = s.a02
        var a03 = s.a03
        var a04 = s.a04
        var a05 = s.a05
        var a06 = s.a06
        var a07 = s.a07
        var a08 = s.a08
        var a09 = s.a09
        var a10 = s.a10
        var a11 = s.a11
        var a12 = s.a12
        var a13 = s.a13
        var a14 = s.a14
        var a15 = s.a15
        var a16 = s.a16
        var a17 = s.a17
        var a18 = s.a18
        var a19 = s.a19
        var a20 = s.a20
        var a21 = s.a21
        var a22 = s.a22
        var a23 = s.a23
        var a24 = s.a24
        Self.roundConstants.withUnsafeBufferPointer { rc in
            for round in 0..<24 {
                let c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20
                let c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21
                let c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22
                let c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23
                let c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24
                let d0 = c4 ^ Self.rotl(c1, 1)
                let d1 = c0 ^ Self.rotl(c2, 1)
                let d2 = c1 ^ Self.rotl(c3, 1)
                let d3 = c2 ^ Self.rotl(c4, 1)
                let d4 = c3 ^ Self.rotl(c0, 1)
                let b00 = a00 ^ d0
                let b01 = Self.rotl(a06 ^ d1, 44)
                let b02 = Self.rotl(a12 ^ d2, 43)
                let b03 = Self.rotl(a18 ^ d3, 21)
                let b04 = Self.rotl(a24 ^ d4, 14)
                let b05 = Self.rotl(a03 ^ d3, 28)
                let b06 = Self.rotl(a09 ^ d4, 20)
                let b07 = Self.rotl(a10 ^ d0, 3)
                let b08 = Self.rotl(a16 ^ d1, 45)
                let b09 = Self.rotl(a22 ^ d2, 61)
                let b10 = Self.rotl(a01 ^ d1, 1)
                let b11 = Self.rotl(a07 ^ d2, 6)
                let b12 = Self.rotl(a13 ^ d3, 25)
                let b13 = Self.rotl(a19 ^ d4, 8)
                let b14 = Self.rotl(a20 ^ d0, 18)
                let b15 = Self.rotl(a04 ^ d4, 27)
                let b16 = Self.rotl(a05 ^ d0, 36)
                let b17 = Self.rotl(a11 ^ d1, 10)
                let b18 = Self.rotl(a17 ^ d2, 15)
                let b19 = Self.rotl(a23 ^ d3, 56)
                let b20 = Self.rotl(a02 ^ d2, 62)
                let b21 = Self.rotl(a08 ^ d3, 55)
                let b22 = Self.rotl(a14 ^ d4, 39)
                let b23 = Self.rotl(a15 ^ d0, 41)
                let b24 = Self.rotl(a21 ^ d1, 2)
                a00 = b00 ^ (~b01 & b02)
                a01 = b01 ^ (~b02 & b03)
                a02 = b02 ^ (~b03 & b04)
                a03 = b03 ^ (~b04 & b00)
                a04 = b04 ^ (~b00 & b01)
                a05 = b05 ^ (~b06 & b07)
                a06 = b06 ^ (~b07 & b08)
                a07 = b07 ^ (~b08 & b09)
                a08 = b08 ^ (~b09 & b05)
                a09 = b09 ^ (~b05 & b06)
                a10 = b10 ^ (~b11 & b12)
                a11 = b11 ^ (~b12 & b13)
                a12 = b12 ^ (~b13 & b14)
                a13 = b13 ^ (~b14 & b10)
                a14 = b14 ^ (~b10 & b11)
                a15 = b15 ^ (~b16 & b17)
                a16 = b16 ^ (~b17 & b18)
                a17 = b17 ^ (~b18 & b19)
                a18 = b18 ^ (~b19 & b15)
                a19 = b19 ^ (~b15 & b16)
                a20 = b20 ^ (~b21 & b22)
                a21 = b21 ^ (~b22 & b23)
                a22 = b22 ^ (~b23 & b24)
                a23 = b23 ^ (~b24 & b20)
                a24 = b24 ^ (~b20 & b21)

                a00 ^= rc[round]
            }
        }
        s.a00 = a00
        s.a01 = a01
        s.a02 = a02
        s.a03 = a03
        s.a04 = a04
        s.a05 = a05
        s.a06 = a06
        s.a07 = a07
        s.a08 = a08
        s.a09 = a09
        s.a10 = a10
        s.a11 = a11
        s.a12 = a12
        s.a13 = a13
        s.a14 = a14
        s.a15 = a15
        s.a16 = a16
        s.a17 = a17
        s.a18 = a18
        s.a19 = a19
        s.a20 = a20
        s.a21 = a21
        s.a22 = a22
        s.a23 = a23
        s.a24 = a24
        self = s
    }
}
