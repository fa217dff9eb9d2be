/// Errors raised while reading or writing serialized objects (bincode, key files, tfhe-rs layouts).
public enum SerializationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended before a field of `needed` bytes at `offset`.
    case truncated(offset: Int, needed: Int)
    /// Bytes remained after the object was fully read.
    case trailingBytes(count: Int)
    /// A length prefix larger than the allowed limit or than the remaining input.
    case lengthTooLarge(offset: Int, length: UInt64, limit: UInt64)
    /// An enum variant or version tag that is not known.
    case unknownTag(what: String, value: UInt64)
    /// A field whose value is not allowed (bool not 0/1, invalid UTF-8, wrong magic, …).
    case invalidValue(what: String)
    /// The whole input is larger than the configured size limit.
    case sizeLimitExceeded(size: Int, limit: Int)

    public var description: String {
        switch self {
        case .truncated(let o, let n): "input truncated: needed \(n) bytes at offset \(o)"
        case .trailingBytes(let c): "\(c) unexpected trailing bytes after the object"
        case .lengthTooLarge(let o, let l, let lim): "length \(l) at offset \(o) exceeds the limit \(lim)"
        case .unknownTag(let w, let v): "unknown \(w) \(v)"
        case .invalidValue(let w): "invalid \(w)"
        case .sizeLimitExceeded(let s, let l): "input of \(s) bytes exceeds the size limit of \(l) bytes"
        }
    }
}
