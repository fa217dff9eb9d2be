/// Reading and writing the small JSON objects of the fhEVM gateway's `/reencrypt` endpoint
/// (hex strings without `0x`, addresses as EIP-55 strings), on top of the project's `JSONValue`
/// parser. Internal helpers of `GatewayReencryptionRequest` / `GatewayReencryptionResponse`.
enum GatewayJSON {
    /// Largest JSON document accepted (a response for ebytes256 with several parties stays far below).
    static let maxByteCount = 1 << 26

    /// Parses `bytes` as a JSON object.
    static func object(_ bytes: [UInt8]) throws(ReencryptionError) -> [String: JSONValue] {
        guard bytes.count <= maxByteCount else { throw .malformedJSON("document larger than \(maxByteCount) bytes") }
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: bytes)
        } catch {
            throw .malformedJSON(error.description)
        }
        guard case .object(let object) = parsed else { throw .malformedJSON("top level is not an object") }
        return object
    }

    /// The string field `key` of `object`.
    static func string(_ object: [String: JSONValue], _ key: String) throws(ReencryptionError) -> String {
        guard let value = object[key] else { throw .malformedJSON("missing field \"\(key)\"") }
        guard let s = value.stringValue else { throw .malformedJSON("field \"\(key)\" is not a string") }
        return s
    }

    /// The hex field `key` of `object` (with or without `0x`), of exactly `length` bytes if given.
    static func hex(_ object: [String: JSONValue], _ key: String, length: Int? = nil) throws(ReencryptionError) -> [UInt8] {
        let s = try string(object, key)
        do {
            return try Hex.decode(s, length: length)
        } catch {
            throw .malformedJSON("field \"\(key)\": \(error)")
        }
    }

    /// `s` as a JSON string literal.
    static func quote(_ s: String) -> String { JSONValue.quote(s) }

    /// `{"k1":v1,"k2":v2,…}` from already encoded values, in the given order (the gateway's order,
    /// which `JSONValue.description` would sort).
    static func encodeObject(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
