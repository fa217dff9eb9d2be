/// The few protobuf (proto3, gogoproto) encoding rules CometBFT hashes and signs.
///
/// Fields with the default value (0, empty bytes, empty string) are omitted; embedded
/// messages declared `(gogoproto.nullable) = false` are always emitted, even when empty
/// (`tag 0x00`). Negative `int64` varints take 10 bytes (two's complement).
///
/// ```swift
/// var w = ProtobufWriter()
/// w.uint64(field: 1, 11)                 // 08 0b
/// w.data(field: 2, [0xAB])               // 12 01 ab
/// w.message(field: 3, alwaysEmit: true) { _ in }   // 1a 00
/// w.bytes                                 // [0x08, 0x0b, 0x12, 0x01, 0xab, 0x1a, 0x00]
/// ```
package struct ProtobufWriter: Sendable {
    /// Wire types used by CometBFT messages.
    package enum WireType: UInt8, Sendable {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
    }

    /// The encoded bytes so far.
    package private(set) var bytes: [UInt8]

    /// A writer with `capacity` bytes reserved.
    package init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes of the unsigned varint encoding of `value`.
    @inline(__always)
    package static func varintSize(_ value: UInt64) -> Int {
        var v = value, n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    /// Appends the unsigned varint encoding of `value` to `out`.
    @inline(__always)
    package static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Appends a raw unsigned varint (no tag).
    package mutating func rawVarint(_ value: UInt64) { Self.appendVarint(value, to: &bytes) }

    /// Appends raw bytes (no tag, no length).
    package mutating func raw<C: Collection>(_ data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }

    /// Appends a field tag.
    package mutating func tag(field: UInt32, wireType: WireType) {
        rawVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// `uint64`/`uint32`/enum field (varint); omitted when 0.
    package mutating func uint64(field: UInt32, _ value: UInt64) {
        guard value != 0 else { return }
        tag(field: field, wireType: .varint)
        rawVarint(value)
    }

    /// `int64`/`int32` field (varint; negative values as 10-byte two's complement); omitted when 0.
    package mutating func int64(field: UInt32, _ value: Int64) {
        uint64(field: field, UInt64(bitPattern: value))
    }

    /// `sfixed64` field (8 bytes little-endian); omitted when 0.
    package mutating func sfixed64(field: UInt32, _ value: Int64) {
        guard value != 0 else { return }
        tag(field: field, wireType: .fixed64)
        Self.appendFixed64(value, to: &bytes)
    }

    /// Appends 8 bytes little-endian two's complement.
    @inline(__always)
    package static func appendFixed64(_ value: Int64, to out: inout [UInt8]) {
        let u = UInt64(bitPattern: value)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: u >> (8 * UInt64(i)))) }
    }

    /// `bytes`/`string` field; omitted when empty.
    package mutating func data<C: Collection>(field: UInt32, _ value: C) where C.Element == UInt8 {
        guard !value.isEmpty else { return }
        tag(field: field, wireType: .lengthDelimited)
        rawVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// `string` field (UTF-8); omitted when empty.
    package mutating func string(field: UInt32, _ value: String) {
        data(field: field, Array(value.utf8))
    }

    /// Embedded message field. With `alwaysEmit` (non-nullable gogoproto fields) an empty
    /// message is written as `tag 00`; otherwise an empty message is omitted.
    package mutating func message(field: UInt32, alwaysEmit: Bool, _ body: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter(capacity: 64)
        body(&inner)
        if inner.bytes.isEmpty && !alwaysEmit { return }
        tag(field: field, wireType: .lengthDelimited)
        rawVarint(UInt64(inner.bytes.count))
        bytes.append(contentsOf: inner.bytes)
    }
}
