import KMSPrimitives

/// Tolerant readers and CometBFT-style writers for the scalar JSON encodings of the RPC:
/// 64-bit integers as strings (numbers accepted), uppercase hex (either case and `null`
/// accepted), standard base64 (`null` accepted), RFC 3339 times.
extension KeyedDecodingContainer {
    /// An integer written as a decimal string (CometBFT's 64-bit encoding) or as a JSON number.
    func chainInteger<T: FixedWidthInteger & Decodable>(_ key: Key) throws -> T {
        if let s = try? decode(String.self, forKey: key) {
            guard let v = T(s) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a decimal \(T.self), got \"\(s.prefix(30))\"")
            }
            return v
        }
        return try decode(T.self, forKey: key)
    }

    func chainInt64(_ key: Key) throws -> Int64 { try chainInteger(key) }
    func chainUInt64(_ key: Key) throws -> UInt64 { try chainInteger(key) }
    func chainInt32(_ key: Key) throws -> Int32 { try chainInteger(key) }
    func chainUInt32(_ key: Key) throws -> UInt32 { try chainInteger(key) }

    func chainInt64IfPresent(_ key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try chainInt64(key)
    }

    /// Hex bytes; a missing key, `null` or `""` gives no bytes.
    func chainHex(_ key: Key) throws -> [UInt8] {
        guard contains(key), try !decodeNil(forKey: key) else { return [] }
        let s = try decode(String.self, forKey: key)
        do {
            return try Hex.decode(s)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "invalid hex: \(error)")
        }
    }

    /// Base64 bytes; a missing key, `null` or `""` gives no bytes.
    func chainBase64(_ key: Key) throws -> [UInt8] {
        guard contains(key), try !decodeNil(forKey: key) else { return [] }
        let s = try decode(String.self, forKey: key)
        do {
            return try Base64.decode(s)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(error)")
        }
    }

    func chainTime(_ key: Key) throws -> Timestamp {
        let s = try decode(String.self, forKey: key)
        do {
            return try Timestamp(rfc3339: s)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(error)")
        }
    }
}

extension KeyedEncodingContainer {
    mutating func encodeChainInt64(_ value: Int64, forKey key: Key) throws {
        try encode(String(value), forKey: key)
    }

    mutating func encodeChainHex(_ value: [UInt8], forKey key: Key) throws {
        try encode(Hex.encode(value, uppercase: true), forKey: key)
    }

    mutating func encodeChainBase64(_ value: [UInt8], forKey key: Key) throws {
        if value.isEmpty { try encodeNil(forKey: key) } else { try encode(Base64.encode(value), forKey: key) }
    }

    mutating func encodeChainTime(_ value: Timestamp, forKey key: Key) throws {
        try encode(value.rfc3339, forKey: key)
    }
}
