import Foundation

/// Standard base64 (RFC 4648 §4, padded), the encoding of keys and signatures in CometBFT JSON.
///
/// ```swift
/// Base64.encode([1, 2, 3])          // "AQID"
/// try Base64.decode("AQID")         // [1, 2, 3]
/// ```
package enum Base64 {
    /// Text that is not padded standard base64.
    package struct DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Length of the rejected text.
        package let length: Int
        package var description: String { "invalid base64 (\(length) characters)" }
    }

    /// Encodes bytes.
    package static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// Decodes padded standard base64; the empty string gives no bytes.
    package static func decode(_ text: String) throws(DecodingError) -> [UInt8] {
        guard !text.isEmpty else { return [] }
        guard text.utf8.count % 4 == 0, let data = Data(base64Encoded: text) else {
            throw DecodingError(length: text.utf8.count)
        }
        return [UInt8](data)
    }
}
