/// The 40-byte bincode form shared by `BoxPublicKey` and `BoxSecretKey`: bincode of a 32-byte
/// key = u64 little-endian 32 (`2000000000000000`) ‖ the 32 bytes.
enum BoxKeyEncoding {
    static let keyByteCount = 32
    static let prefix: [UInt8] = [32, 0, 0, 0, 0, 0, 0, 0]

    /// The prefix (the key is always 32 bytes) followed by the key.
    static func encode(_ key: [UInt8]) -> [UInt8] {
        prefix + key
    }

    static func decode(_ blob: [UInt8], what: String) throws(BoxError) -> [UInt8] {
        guard blob.count == 8 + keyByteCount else {
            throw .invalidKeyEncoding("\(what) must be 40 bytes (u64 length 32 ‖ 32 bytes), got \(blob.count)")
        }
        guard blob[0..<8].elementsEqual(prefix) else {
            throw .invalidKeyEncoding("\(what) must start with the length prefix 2000000000000000")
        }
        return Array(blob[8...])
    }

    static func decodeHex(_ hex: String, what: String) throws(BoxError) -> [UInt8] {
        let ws: Set<Character> = [" ", "\t", "\n", "\r"]
        var s = Substring(hex)
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        do {
            return try Hex.decode(String(s))
        } catch {
            throw .invalidKeyEncoding("\(what) is not hex: \(error)")
        }
    }
}
