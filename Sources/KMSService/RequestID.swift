import GRPCCore

/// A V09 request id: 20 bytes as exactly 40 lowercase hex digits, no `0x` (kms.md §1.2). Key ids
/// have the same form.
struct RequestID: Sendable, Hashable, CustomStringConvertible {
    /// The 40 lowercase hex digits.
    let hex: String

    /// Validates `text`; uppercase digits and a `0x` prefix are refused, as the reference does.
    init?(_ text: String) {
        let utf8 = text.utf8
        guard utf8.count == 40, utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return nil
        }
        hex = text
    }

    /// The id in a request field; a missing or malformed one is `INVALID_ARGUMENT`.
    static func parse(_ message: Kms_RequestId?, field: String) throws(RPCError) -> RequestID {
        guard let message else { throw RPCError(code: .invalidArgument, message: "\(field) is missing") }
        guard let id = RequestID(message.requestID) else {
            throw RPCError(code: .invalidArgument, message: "\(field) must be 40 lowercase hex digits (20 bytes, no 0x)")
        }
        return id
    }

    var description: String { hex }
}
