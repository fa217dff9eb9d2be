import Foundation

/// Reading and writing CometBFT JSON (RPC results, light-block files).
///
/// ```swift
/// let block = try ChainJSON.decodeLightBlock(bytes)          // {"signed_header", "validator_set", "next_validator_set"}
/// let header = try ChainJSON.decode(Header.self, from: bytes)
/// let text = ChainJSON.encode(block)                          // CometBFT RPC shape, pretty-printed
/// ```
public enum ChainJSON {
    /// Decodes any of the chain types (or an RPC result shape) from JSON bytes.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(ChainJSONError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ChainJSONError(type: String(describing: T.self), reason: describe(error))
        } catch {
            throw ChainJSONError(type: String(describing: T.self), reason: "not valid JSON")
        }
    }

    /// Decodes a light block `{"signed_header":{"header","commit"},"validator_set","next_validator_set"}`.
    public static func decodeLightBlock(_ bytes: [UInt8]) throws(ChainJSONError) -> LightBlock {
        try decode(LightBlock.self, from: bytes)
    }

    /// Encodes a value in CometBFT RPC shape (sorted keys; pretty-printed unless `compact`).
    public static func encode<T: Encodable>(_ value: T, compact: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // The chain types encode only strings, integers, arrays and objects: this cannot fail.
        return (try? [UInt8](encoder.encode(value))) ?? []
    }

    /// A readable one-line account of a decoding error, with the JSON path.
    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            let s = p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return s.isEmpty ? "top level" : String(s.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "missing key \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case .valueNotFound(_, let ctx):
            return "null or missing value at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx):
            return "wrong JSON type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return "not valid JSON" }
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "undecodable JSON"
        }
    }
}

/// A JSON document that is not the expected CometBFT shape.
public struct ChainJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The type being decoded (e.g. `LightBlock`).
    public let type: String
    /// What is wrong and where.
    public let reason: String

    public var description: String { "malformed \(type) JSON: \(reason)" }
}
