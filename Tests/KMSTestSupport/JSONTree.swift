import Foundation

/// A JSON document kept as a typed tree, for tests that pass a fragment on unchanged (or with
/// one field changed) without modelling it, e.g. the kmsctl tests writing light blocks to files.
/// Integers stay integers, so a re-encoded fragment has the same values.
public enum JSONTree: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsignedInteger(UInt64)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let u = try? c.decode(UInt64.self) { self = .unsignedInteger(u) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONTree].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONTree].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .unsignedInteger(let u): try c.encode(u)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONTree? {
        get { if case .object(let o) = self { o[key] } else { nil } }
        set {
            guard case .object(var o) = self else { return }
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The value at `path` (object keys from the root).
    public subscript(path path: [String]) -> JSONTree? {
        get { path.reduce(Optional(self)) { $0?[$1] } }
        set {
            guard let first = path.first else { if let newValue { self = newValue }; return }
            var child = self[first] ?? .object([:])
            child[path: Array(path.dropFirst())] = newValue
            self[first] = child
        }
    }

    /// The text of a string value.
    public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// Compact JSON text.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}

/// A member that must be present and may be `null` (a plain optional cannot tell a `null`
/// member from a missing one).
public enum JSONNullable<Wrapped: Decodable>: Decodable {
    case null
    case value(Wrapped)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .null : .value(try c.decode(Wrapped.self))
    }

    /// The value, or nil for `null`.
    public var wrapped: Wrapped? { if case .value(let w) = self { w } else { nil } }

    public var isNull: Bool { if case .null = self { true } else { false } }
}
