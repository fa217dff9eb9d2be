/// Malformed JSON text: what is wrong and the byte offset where the parser found it.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong (e.g. "unterminated array").
    public let reason: String
    /// Byte offset in the input.
    public let offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "invalid JSON: \(reason) at byte \(offset)" }
}
