// 256-bit unsigned integers as four little-endian 64-bit limbs, with the branch-free carry,
// borrow, select and widening-multiply primitives the secp256k1 field and scalar use.

internal import CConstantTime

/// A 256-bit unsigned integer, least significant limb first. A plain value: no heap storage.
package struct U256: Sendable, Equatable, Hashable {
    package var l0: UInt64
    package var l1: UInt64
    package var l2: UInt64
    package var l3: UInt64

    @inline(__always)
    package init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
    }

    package static let zero = U256(0, 0, 0, 0)
    static let one = U256(1, 0, 0, 0)

    /// Reads 32 big-endian bytes starting at `p`.
    @inline(__always)
    init(bigEndian p: UnsafeRawPointer) {
        l3 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        l2 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        l1 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        l0 = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Reads exactly 32 big-endian bytes; `nil` for any other length.
    package init?<C: Collection>(bigEndianBytes bytes: C) where C.Element == UInt8 {
        guard bytes.count == 32 else { return nil }
        let value: U256? = bytes.withContiguousStorageIfAvailable { U256(bigEndian: UnsafeRawPointer($0.baseAddress!)) }
        self = value ?? Array(bytes).withUnsafeBytes { U256(bigEndian: $0.baseAddress!) }
    }

    /// Interprets any number of big-endian bytes as an integer and keeps its leftmost 256 bits
    /// (RFC 6979 `bits2int` for a 256-bit group order): shorter inputs are left-padded with zeros.
    init<C: Collection>(bits2int bytes: C) where C.Element == UInt8 {
        var buf = [UInt8](repeating: 0, count: 32)
        let arr = Array(bytes)
        if arr.count >= 32 {
            buf = Array(arr[0..<32])
        } else {
            buf.replaceSubrange((32 - arr.count)..<32, with: arr)
        }
        self = buf.withUnsafeBytes { U256(bigEndian: $0.baseAddress!) }
    }

    /// Writes 32 big-endian bytes at `p`.
    @inline(__always)
    func store(bigEndian p: UnsafeMutableRawPointer) {
        p.storeBytes(of: l3.bigEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: l2.bigEndian, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: l1.bigEndian, toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: l0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The value as 32 big-endian bytes.
    package var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buf, n in
            store(bigEndian: UnsafeMutableRawPointer(buf.baseAddress!))
            n = 32
        }
    }

    /// All-ones when zero, else 0 (branch-free).
    @inline(__always)
    var zeroMask: UInt64 {
        let t = l0 | l1 | l2 | l3
        // (t | -t) has its top bit set iff t != 0.
        return ((t | (0 &- t)) >> 63) &- 1
    }

    @inline(__always)
    package var isZero: Bool { (l0 | l1 | l2 | l3) == 0 }

    /// Bit `i` (0 = least significant).
    @inline(__always)
    package func bit(_ i: Int) -> UInt64 {
        let limb: UInt64
        switch i >> 6 {
        case 0: limb = l0
        case 1: limb = l1
        case 2: limb = l2
        default: limb = l3
        }
        return (limb >> UInt64(i & 63)) & 1
    }

    /// The 4-bit window starting at bit `4 * i` (i in 0..<64).
    @inline(__always)
    package func nibble(_ i: Int) -> Int {
        let limb: UInt64
        switch i >> 4 {
        case 0: limb = l0
        case 1: limb = l1
        case 2: limb = l2
        default: limb = l3
        }
        return Int((limb >> UInt64((i & 15) * 4)) & 0xF)
    }

    /// `mask` all-ones selects `b`, zero selects `a`.
    ///
    /// The compiler lowers this to conditional moves (constant time on x86-64 and arm64). Masks
    /// that select table entries from memory must go through `valueBarrier` first, or LLVM may
    /// replace the masked reads with a branch and a single load.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: U256, _ b: U256) -> U256 {
        U256((a.l0 & ~mask) | (b.l0 & mask), (a.l1 & ~mask) | (b.l1 & mask),
             (a.l2 & ~mask) | (b.l2 & mask), (a.l3 & ~mask) | (b.l3 & mask))
    }

    /// `a + b`, returning the carry out (0 or 1).
    @inline(__always)
    package static func add(_ a: U256, _ b: U256) -> (U256, UInt64) {
        var c: UInt64 = 0
        let r0 = addc(a.l0, b.l0, &c)
        let r1 = addc(a.l1, b.l1, &c)
        let r2 = addc(a.l2, b.l2, &c)
        let r3 = addc(a.l3, b.l3, &c)
        return (U256(r0, r1, r2, r3), c)
    }

    /// `a - b`, returning the borrow out (0 or 1).
    @inline(__always)
    package static func sub(_ a: U256, _ b: U256) -> (U256, UInt64) {
        var c: UInt64 = 0
        let r0 = subb(a.l0, b.l0, &c)
        let r1 = subb(a.l1, b.l1, &c)
        let r2 = subb(a.l2, b.l2, &c)
        let r3 = subb(a.l3, b.l3, &c)
        return (U256(r0, r1, r2, r3), c)
    }

    /// Whether `a < b` (variable time: for public values only).
    package static func lessThan(_ a: U256, _ b: U256) -> Bool { sub(a, b).1 == 1 }

    /// The full 512-bit product (operand scanning: each row is a chain of `mulAdd2`, whose
    /// 128-bit sums cannot overflow, so the compiler emits plain add/adc pairs).
    @inline(__always)
    static func mulWide(_ a: U256, _ b: U256) -> U512 {
        var c: UInt64, t0: UInt64, t1: UInt64, t2: UInt64, t3: UInt64, t4: UInt64, t5: UInt64, t6: UInt64, t7: UInt64
        (c, t0) = a.l0.multipliedFullWidth(by: b.l0)
        (c, t1) = mulAdd2(a.l0, b.l1, c, 0)
        (c, t2) = mulAdd2(a.l0, b.l2, c, 0)
        (t4, t3) = mulAdd2(a.l0, b.l3, c, 0)
        (c, t1) = mulAdd2(a.l1, b.l0, t1, 0)
        (c, t2) = mulAdd2(a.l1, b.l1, t2, c)
        (c, t3) = mulAdd2(a.l1, b.l2, t3, c)
        (t5, t4) = mulAdd2(a.l1, b.l3, t4, c)
        (c, t2) = mulAdd2(a.l2, b.l0, t2, 0)
        (c, t3) = mulAdd2(a.l2, b.l1, t3, c)
        (c, t4) = mulAdd2(a.l2, b.l2, t4, c)
        (t6, t5) = mulAdd2(a.l2, b.l3, t5, c)
        (c, t3) = mulAdd2(a.l3, b.l0, t3, 0)
        (c, t4) = mulAdd2(a.l3, b.l1, t4, c)
        (c, t5) = mulAdd2(a.l3, b.l2, t5, c)
        (t7, t6) = mulAdd2(a.l3, b.l3, t6, c)
        return U512(t0, t1, t2, t3, t4, t5, t6, t7)
    }

    /// The full 512-bit square: the six cross products once (operand scanning), doubled by a
    /// shift, plus the four squares on the diagonal in one carry chain (10 multiplications).
    @inline(__always)
    static func sqrWide(_ a: U256) -> U512 {
        var c: UInt64, t1: UInt64, t2: UInt64, t3: UInt64, t4: UInt64, t5: UInt64, t6: UInt64
        (c, t1) = a.l0.multipliedFullWidth(by: a.l1)
        (c, t2) = mulAdd2(a.l0, a.l2, c, 0)
        (t4, t3) = mulAdd2(a.l0, a.l3, c, 0)
        (c, t3) = mulAdd2(a.l1, a.l2, t3, 0)
        (t5, t4) = mulAdd2(a.l1, a.l3, t4, c)
        (t6, t5) = mulAdd2(a.l2, a.l3, t5, 0)
        let t7 = t6 >> 63
        t6 = (t6 << 1) | (t5 >> 63)
        t5 = (t5 << 1) | (t4 >> 63)
        t4 = (t4 << 1) | (t3 >> 63)
        t3 = (t3 << 1) | (t2 >> 63)
        t2 = (t2 << 1) | (t1 >> 63)
        t1 <<= 1
        let (h0, l0) = a.l0.multipliedFullWidth(by: a.l0)
        let (h1, l1) = a.l1.multipliedFullWidth(by: a.l1)
        let (h2, l2) = a.l2.multipliedFullWidth(by: a.l2)
        let (h3, l3) = a.l3.multipliedFullWidth(by: a.l3)
        var k: UInt64 = 0
        let r1 = addc(t1, h0, &k), r2 = addc(t2, l1, &k), r3 = addc(t3, h1, &k), r4 = addc(t4, l2, &k)
        let r5 = addc(t5, h2, &k), r6 = addc(t6, l3, &k), r7 = addc(t7, h3, &k)
        return U512(l0, r1, r2, r3, r4, r5, r6, r7)
    }
}

/// A 512-bit product, least significant limb first.
struct U512: Sendable {
    var t0, t1, t2, t3, t4, t5, t6, t7: UInt64

    @inline(__always)
    init(_ t0: UInt64, _ t1: UInt64, _ t2: UInt64, _ t3: UInt64,
         _ t4: UInt64, _ t5: UInt64, _ t6: UInt64, _ t7: UInt64) {
        self.t0 = t0; self.t1 = t1; self.t2 = t2; self.t3 = t3
        self.t4 = t4; self.t5 = t5; self.t6 = t6; self.t7 = t7
    }
}

/// `x`, through an optimization barrier: the compiler cannot tell that a mask passed through it
/// is 0 or all ones, so mask arithmetic on secrets stays arithmetic (LLVM otherwise rewrites
/// `x & mask` into a select and may lower that to a branch, or to a load on one side only).
/// An empty inline-assembly statement (C shim), free at run time.
@inline(__always)
func valueBarrier(_ x: UInt64) -> UInt64 { swiftkms_value_barrier_u64(x) }

/// A Bool as 0 or 1.
///
/// Carry chains are written with `addingReportingOverflow` and this conversion: LLVM then
/// emits plain add/adc (sub/sbb) sequences. The obvious `o ? 1 : 0` or `||` forms are turned
/// into conditional branches instead, which are slower on random data and not constant time.
/// A Bool is one byte holding 0 or 1, so the bit cast is exact.
@inline(__always)
func carryBit(_ b: Bool) -> UInt64 { UInt64(unsafeBitCast(b, to: UInt8.self)) }

/// `a + b + carry`, updating `carry` (0 or 1).
@inline(__always)
func addc(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = carryBit(o1) | carryBit(o2)
    return s2
}

/// `a - b - borrow`, updating `borrow` (0 or 1).
@inline(__always)
func subb(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    borrow = carryBit(o1) | carryBit(o2)
    return d2
}

/// `a * b + x + y` as (high, low); never overflows 128 bits.
@inline(__always)
func mulAdd2(_ a: UInt64, _ b: UInt64, _ x: UInt64, _ y: UInt64) -> (hi: UInt64, lo: UInt64) {
    let (h, l) = a.multipliedFullWidth(by: b)
    let (s1, o1) = l.addingReportingOverflow(x)
    let (s2, o2) = s1.addingReportingOverflow(y)
    return (h &+ carryBit(o1) &+ carryBit(o2), s2)
}
