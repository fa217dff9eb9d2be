/// Writes tfhe-rs bincode for one layout, versioned (a u32 version tag before every versioned
/// type, as `tfhe-versionable` emits) or plain — the mirror of `TfheRsDecoder`, on top of
/// `BincodeWriter`.
///
/// ```swift
/// var e = TfheRsEncoder(versioned: true, layout: .v0_8)
/// e.version(TfheRsVersions.lweCiphertext)
/// e.words(data)
/// let bytes = e.bytes
/// ```
package struct TfheRsEncoder: Sendable {
    var writer: BincodeWriter
    /// Whether version tags are written.
    package let versioned: Bool
    /// The layout written.
    package let layout: TfheRsLayout

    package init(versioned: Bool, layout: TfheRsLayout, capacity: Int = 0) {
        writer = BincodeWriter(capacity: capacity)
        self.versioned = versioned
        self.layout = layout
    }

    /// The bytes written so far.
    package var bytes: [UInt8] { writer.bytes }

    /// Writes the version tag of `rule`'s type for this layout (versioned data only) and returns it.
    @discardableResult
    mutating func version(_ rule: TfheRsVersionRule) -> UInt32 {
        let v = rule.version(in: layout)
        if versioned { writer.write(v) }
        return v
    }

    mutating func u8(_ v: UInt8) { writer.write(v) }
    mutating func u32(_ v: UInt32) { writer.write(v) }
    mutating func u64(_ v: UInt64) { writer.write(v) }
    mutating func u128(low: UInt64, high: UInt64) { writer.writeU128(low: low, high: high) }
    mutating func f64(_ v: Double) { writer.write(v) }
    mutating func bool(_ v: Bool) { writer.write(v) }
    mutating func option(_ isSome: Bool) { writer.writeOptionTag(isSome) }
    mutating func count(_ n: Int) { writer.writeLength(n) }
    mutating func words(_ w: [UInt64]) { writer.writeWords(w) }
    mutating func rawWords(_ w: [UInt64]) { writer.writeRawWords(w) }
    mutating func byteVector(_ b: [UInt8]) { writer.writeBytes(b) }
    mutating func string(_ s: String) { writer.write(s) }

    /// `count` words of `buffer` starting at `start`, no length prefix.
    mutating func rawWords(_ buffer: [UInt64], from start: Int, count: Int) {
        #if _endian(little)
        buffer.withUnsafeBytes { writer.writeRaw(UnsafeRawBufferPointer(rebasing: $0[start * 8 ..< (start + count) * 8])) }
        #else
        for i in start ..< start + count { writer.write(buffer[i]) }
        #endif
    }

    /// A versioned newtype over `usize`.
    mutating func newtype(_ name: String, _ v: Int) {
        version(TfheRsVersionRule(name))
        writer.writeLength(v)
    }

    mutating func newtype(_ name: String, _ v: some TFHEParameter) {
        newtype(name, v.value)
    }

    /// A unit enum variant.
    mutating func unitEnum(_ rule: TfheRsVersionRule, _ variant: UInt32) {
        version(rule)
        writer.write(variant)
    }
}
