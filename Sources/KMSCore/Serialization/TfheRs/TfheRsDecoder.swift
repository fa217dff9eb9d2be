/// Reads tfhe-rs bincode — versioned (`tfhe-versionable`: a u32 version tag before every
/// versioned type) or plain — from untrusted bytes, on top of `BincodeReader`.
///
/// Every count is checked against `limits` and against the bytes left before anything is
/// allocated; every version tag is checked against the layouts still possible, so unknown or
/// mixed versions are rejected at the offset where they appear.
///
/// ```swift
/// var d = try TfheRsDecoder(bytes, versioned: true)
/// _ = try d.version(TfheRsVersions.lweCiphertext)
/// let data = try d.words(max: 4097)
/// ```
package struct TfheRsDecoder: Sendable {
    var reader: BincodeReader
    /// Whether version tags are present.
    package let versioned: Bool
    /// The hard limits in force.
    package let limits: TfheRsLimits
    /// The layouts compatible with every tag read so far (a single one for plain bincode).
    package private(set) var layouts: TfheRsLayoutSet
    /// When non-nil, the offset and kind of every structural field read (version tags, lengths,
    /// enum variants, `Option` tags) — for tests that corrupt exactly those fields.
    var trace: [StructuralField]?

    /// A structural field of the input.
    struct StructuralField: Equatable {
        enum Kind: Equatable {
            case version, length, option
            /// An enum variant index with this many valid values.
            case variant(count: UInt32)
        }
        let offset: Int
        let kind: Kind
    }

    /// Starts reading `bytes` at `offset`.
    /// - Parameters:
    ///   - versioned: whether the data carries version tags.
    ///   - layouts: the candidate layouts; plain data needs exactly one.
    /// - Throws: `sizeLimitExceeded` when `bytes` is larger than `limits.sizeLimit`.
    package init(_ bytes: [UInt8], offset: Int = 0, versioned: Bool, layouts: TfheRsLayoutSet = .all,
                limits: TfheRsLimits = .default) throws(TfheRsError) {
        guard bytes.count <= limits.sizeLimit else { throw .sizeLimitExceeded(size: bytes.count, limit: limits.sizeLimit) }
        guard !layouts.isEmpty, versioned || layouts.layouts.count == 1 else {
            throw .unsupported("plain (unversioned) bincode needs exactly one tfhe-rs layout")
        }
        reader = BincodeReader(bytes, offset: offset)
        self.versioned = versioned
        self.limits = limits
        self.layouts = layouts
    }

    /// Offset of the next byte.
    package var offset: Int { reader.offset }
    /// Bytes not yet read.
    package var remaining: Int { reader.remaining }
    /// The whole input.
    var bytes: [UInt8] { reader.bytes }

    /// Throws unless every byte has been read.
    package func finish() throws(TfheRsError) {
        do { try reader.finish() } catch { throw .malformed(error) }
    }

    // MARK: versioning

    /// Reads the version tag of `rule`'s type (versioned data) and narrows the candidate
    /// layouts; in plain data returns the version of the layout without reading anything.
    @discardableResult
    mutating func version(_ rule: TfheRsVersionRule) throws(TfheRsError) -> UInt32 {
        guard versioned else {
            // Plain data: the single layout decides.
            return rule.version(in: layouts.oldest ?? .v0_8)
        }
        let at = offset
        trace?.append(StructuralField(offset: at, kind: .version))
        let v = try u32()
        let compatible = rule.layouts(withVersion: v)
        if compatible.isEmpty { throw .unsupportedVersion(type: rule.type, version: v, offset: at) }
        let narrowed = layouts.intersection(compatible)
        if narrowed.isEmpty { throw .inconsistentVersions(type: rule.type, version: v, offset: at) }
        layouts = narrowed
        return v
    }

    /// Restricts the candidate layouts to `allowed` (a field that exists only in some releases).
    mutating func require(_ allowed: TfheRsLayoutSet, what: String, at: Int) throws(TfheRsError) {
        let narrowed = layouts.intersection(allowed)
        if narrowed.isEmpty { throw .inconsistentVersions(type: what, version: 0, offset: at) }
        layouts = narrowed
    }

    /// Whether the (single, or every candidate) layout satisfies `predicate`. Used in plain data
    /// where no tag tells the layout.
    func layoutIs(_ predicate: (TfheRsLayout) -> Bool) -> Bool {
        layouts.layouts.allSatisfy(predicate)
    }

    // MARK: primitives

    mutating func u8() throws(TfheRsError) -> UInt8 {
        do { return try reader.read(UInt8.self) } catch { throw .malformed(error) }
    }

    mutating func u32() throws(TfheRsError) -> UInt32 {
        do { return try reader.read(UInt32.self) } catch { throw .malformed(error) }
    }

    mutating func u64() throws(TfheRsError) -> UInt64 {
        do { return try reader.read(UInt64.self) } catch { throw .malformed(error) }
    }

    mutating func u128() throws(TfheRsError) -> (low: UInt64, high: UInt64) {
        do { return try reader.readU128() } catch { throw .malformed(error) }
    }

    mutating func f64() throws(TfheRsError) -> Double {
        do { return try reader.readDouble() } catch { throw .malformed(error) }
    }

    mutating func bool() throws(TfheRsError) -> Bool {
        do { return try reader.readBool() } catch { throw .malformed(error) }
    }

    /// An `Option` tag: `true` for `Some`.
    mutating func option() throws(TfheRsError) -> Bool {
        let here = offset
        trace?.append(StructuralField(offset: here, kind: .option))
        do { return try reader.readOptionTag() } catch { throw .malformed(error) }
    }

    /// A `usize` that must fit `0...max`.
    mutating func count(_ what: String, max: Int) throws(TfheRsError) -> Int {
        let at = offset
        let v = try u64()
        guard v <= UInt64(max) else { throw .invalidField("\(what) = \(v) at offset \(at) exceeds \(max)") }
        return Int(v)
    }

    /// The length of a `Vec` of structured items, within `0...max`.
    mutating func vecLength(_ what: String, max: Int) throws(TfheRsError) -> Int {
        let here = offset
        trace?.append(StructuralField(offset: here, kind: .length))
        return try count(what, max: max)
    }

    /// An enum variant index in `0..<count`.
    mutating func variant(_ type: String, count: UInt32) throws(TfheRsError) -> UInt32 {
        let at = offset
        trace?.append(StructuralField(offset: at, kind: .variant(count: count)))
        let v = try u32()
        guard v < count else { throw .unknownVariant(type: type, value: v, offset: at) }
        return v
    }

    /// A sequence length prefix for items of `elementSize` bytes, checked against `max` and the
    /// bytes left.
    mutating func length(max: Int, elementSize: Int) throws(TfheRsError) -> Int {
        let here = offset
        trace?.append(StructuralField(offset: here, kind: .length))
        do { return try reader.readLength(max: max, elementSize: elementSize) } catch { throw .malformed(error) }
    }

    /// A `Vec<u64>` of at most `max` words.
    mutating func words(max: Int) throws(TfheRsError) -> [UInt64] {
        let here = offset
        trace?.append(StructuralField(offset: here, kind: .length))
        do { return try reader.readWords(max: max) } catch { throw .malformed(error) }
    }

    /// Skips `n` bytes (already counted by a length check).
    mutating func skip(_ n: Int) throws(TfheRsError) {
        do { try reader.skip(n) } catch { throw .malformed(error) }
    }

    /// A `Vec<u8>` / `&[u8]` of at most `max` bytes.
    mutating func byteVector(max: Int) throws(TfheRsError) -> [UInt8] {
        let here = offset
        trace?.append(StructuralField(offset: here, kind: .length))
        do { return try reader.readBytes(max: max) } catch { throw .malformed(error) }
    }

    /// A `String` of at most `max` bytes.
    mutating func string(max: Int) throws(TfheRsError) -> String {
        do { return try reader.readString(max: max) } catch { throw .malformed(error) }
    }

    // MARK: common tfhe-rs shapes

    /// A versioned newtype over `usize` (`LweDimension`, `PolynomialSize`, `Degree`, …):
    /// tag 0 then a u64 that must be in `0...max`.
    mutating func newtype(_ name: String, max: Int) throws(TfheRsError) -> Int {
        try version(TfheRsVersionRule(name))
        return try count(name, max: max)
    }

    /// A unit enum (`EncryptionKeyChoice`, `PBSOrder`, …): tag 0 then the variant index.
    mutating func unitEnum(_ rule: TfheRsVersionRule, count: UInt32) throws(TfheRsError) -> UInt32 {
        try version(rule)
        return try variant(rule.type, count: count)
    }
}
