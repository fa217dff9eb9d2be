/// Errors reading, writing or converting tfhe-rs serialized objects.
///
/// Every malformed, truncated, oversized or unsupported input ends in one of these cases, with a
/// description naming the offending field (never any key material).
public enum TfheRsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Low-level bincode failure: truncated input, trailing bytes, a length above its limit, a
    /// bool/`Option` byte that is not 0 or 1, invalid UTF-8.
    case malformed(SerializationError)
    /// The whole input is larger than the configured limit (tfhe-rs `safe_deserialize` limit).
    case sizeLimitExceeded(size: Int, limit: Int)
    /// The object would expand (regenerated masks) beyond `TfheRsLimits.maxExpandedSize`.
    case expansionLimitExceeded(size: Int, limit: Int)
    /// A `Versionize` version tag this reader does not know for `type`.
    case unsupportedVersion(type: String, version: UInt32, offset: Int)
    /// Version tags from different tfhe-rs releases mixed in one object.
    case inconsistentVersions(type: String, version: UInt32, offset: Int)
    /// An enum variant index that does not exist for `type`.
    case unknownVariant(type: String, value: UInt32, offset: Int)
    /// The `safe_serialize` header is not one this reader understands.
    case unsupportedHeader(String)
    /// The object is not of the requested tfhe-rs type.
    case unexpectedObject(expected: String, found: String)
    /// A field whose value breaks the object's invariants (a length that does not match a
    /// dimension, a non-binary secret key, a non-native ciphertext modulus, …).
    case invalidField(String)
    /// A valid tfhe-rs object that this library does not handle (multi-bit or WoPBS parameters,
    /// modulus-switched single ciphertexts, signed integers where fhEVM has none, …).
    case unsupported(String)
    /// The object does not fit the key or parameters it is used with.
    case mismatch(String)

    public var description: String {
        switch self {
        case .malformed(let e): "malformed tfhe-rs data: \(e)"
        case .sizeLimitExceeded(let s, let l): "tfhe-rs input of \(s) bytes exceeds the size limit of \(l) bytes"
        case .expansionLimitExceeded(let s, let l): "tfhe-rs object would expand to \(s) bytes, above the expansion limit of \(l) bytes"
        case .unsupportedVersion(let t, let v, let o): "unsupported version \(v) of \(t) at offset \(o)"
        case .inconsistentVersions(let t, let v, let o): "version \(v) of \(t) at offset \(o) does not belong to the same tfhe-rs release as the rest of the object"
        case .unknownVariant(let t, let v, let o): "unknown \(t) variant \(v) at offset \(o)"
        case .unsupportedHeader(let d): "unsupported safe_serialize header: \(d)"
        case .unexpectedObject(let e, let f): "expected a tfhe-rs \(e), found \(f)"
        case .invalidField(let d): "invalid tfhe-rs field: \(d)"
        case .unsupported(let d): "unsupported tfhe-rs content: \(d)"
        case .mismatch(let d): "tfhe-rs object does not match: \(d)"
        }
    }
}

extension TfheRsError {
    /// Runs `body`, turning a `TFHEError` into `invalidField` with `context`.
    static func invalid<T>(_ context: String, _ body: () throws(TFHEError) -> T) throws(TfheRsError) -> T {
        do { return try body() } catch { throw .invalidField("\(context): \(error)") }
    }

    /// Runs `body`, turning a `TFHEError` into `mismatch` with `context`.
    static func mismatching<T>(_ context: String, _ body: () throws(TFHEError) -> T) throws(TfheRsError) -> T {
        do { return try body() } catch { throw .mismatch("\(context): \(error)") }
    }
}
