/// The identifier of one threshold decryption session. It keys the noise-flooding masks: every
/// party must use the same id for the same request, and an id must never serve two different
/// requests (their masks would repeat). kms-core derives it from the request id.
///
/// ```swift
/// let session = try ThresholdSessionID(requestID: Hex.decode("0123…"))   // 20 bytes
/// let fromData = ThresholdSessionID(digestOf: ciphertextBytes)
/// ```
public struct ThresholdSessionID: Sendable, Hashable, CustomStringConvertible {
    /// The u128 id, little-endian.
    public let bytes: [UInt8]

    /// An id from 16 bytes (the u128 little-endian).
    /// - Throws: `ThresholdError.invalidParameters` unless 16 bytes.
    public init(bytes: [UInt8]) throws(ThresholdError) {
        guard bytes.count == 16 else { throw .invalidParameters("a session id is 16 bytes, got \(bytes.count)") }
        self.bytes = bytes
    }

    /// kms-core's session of a 20-byte request id: bytes 4..<20 read as a big-endian u128.
    /// - Throws: `ThresholdError.invalidParameters` unless 20 bytes.
    public init(requestID: [UInt8]) throws(ThresholdError) {
        guard requestID.count == 20 else { throw .invalidParameters("a request id is 20 bytes, got \(requestID.count)") }
        self.bytes = Array(requestID[4..<20].reversed())
    }

    /// An id bound to some bytes (the first 16 bytes of their SHA3-256): the same request
    /// content gives the same id, and so the same masks and the same shares.
    public init(digestOf data: [UInt8]) {
        self.bytes = Array(SHA3.hash256(data).prefix(16))
    }

    public var description: String { Hex.encode(bytes) }
}
