/// A 20-byte key identifier, printed as 40 lowercase hex digits (the reference KMS's
/// `RequestId`/handle form): the first 20 bytes of the SHA3-256 digest of the serialized public key.
public struct KeyID: Sendable, Hashable, CustomStringConvertible, Codable {
    /// Length in bytes.
    package static let byteCount = 20
    /// The 20 bytes.
    public let bytes: [UInt8]

    /// Wraps 20 bytes.
    public init(bytes: [UInt8]) throws(SerializationError) {
        guard bytes.count == Self.byteCount else { throw .invalidValue(what: "key id length \(bytes.count) (expected 20)") }
        self.bytes = bytes
    }

    /// Parses 40 hex digits (a `0x` prefix is accepted).
    public init(hex: String) throws(SerializationError) {
        guard let b = try? Hex.decode(hex, length: Self.byteCount) else {
            throw .invalidValue(what: "key id '\(hex)' (expected 40 hex digits)")
        }
        bytes = b
    }

    /// The id of serialized public material: SHA3-256 truncated to 20 bytes.
    package init(digestOf serialized: [UInt8]) {
        bytes = Array(SHA3.hash256(serialized).prefix(Self.byteCount))
    }

    /// 40 lowercase hex digits.
    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        try self.init(hex: s)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}
