/// Malformed JSON text: what is wrong and the byte offset where the parser found it.
package struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong (e.g. "unterminated array").
    package let reason: String
    /// Byte offset in the input.
    package let offset: Int

    package init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    package var description: String { "invalid JSON: \(reason) at byte \(offset)" }
}
