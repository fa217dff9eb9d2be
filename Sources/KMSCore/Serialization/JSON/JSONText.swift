import Foundation

/// Compact, sorted-key JSON text of `Encodable` results, as the library's `json` properties and
/// the command-line tool print them.
package enum JSONText {
    /// The JSON text of `value` (`{}` if it cannot be encoded, which the library's own result
    /// types never cause: they encode strings, numbers, arrays and objects only).
    package static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
