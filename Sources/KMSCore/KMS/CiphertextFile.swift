/// A ciphertext as stored in a native file: the `FheCiphertext` plus the id of the key set it
/// was encrypted under, so a decryption with the wrong keys fails with a clear message.
///
/// Body layout (bincode): `Option<[u8; 20]>` key id, type code u8, message modulus u64, carry
/// modulus u64, body variant u32 — `0` LWE list: key choice u32, lwe dimension u64, block count
/// u64, `count·(n+1)` words; `1` compact list: lwe dimension u64, entry count u64, `⌈count/N⌉·N`
/// mask words, `count` body words.
///
/// ```swift
/// let bytes = try CiphertextFile(keyID: keys.keyID, ciphertext: ct).encoded()
/// let back = try CiphertextFile(decoding: bytes)
/// ```
public struct CiphertextFile: Sendable, Equatable {
    /// The key set the ciphertext was encrypted under, when recorded.
    public let keyID: KeyID?
    /// The ciphertext.
    public let ciphertext: FheCiphertext

    /// A file for `ciphertext` (optionally naming its key set).
    public init(keyID: KeyID?, ciphertext: FheCiphertext) {
        self.keyID = keyID
        self.ciphertext = ciphertext
    }

    /// The native-format bytes.
    /// - Throws: `SerializationError.invalidValue` for the forms the native format does not hold
    ///   (seeded ciphertexts, compressed lists, part of a compact list or a packed one): those stay
    ///   in their tfhe-rs files.
    public func encoded() throws(SerializationError) -> [UInt8] {
        var w = NativeFormat.header(.ciphertext)
        w.writeOptionTag(keyID != nil)
        if let k = keyID { w.writeRaw(k.bytes) }
        w.write(ciphertext.type.code)
        w.write(UInt64(ciphertext.encoding.messageModulus))
        w.write(UInt64(ciphertext.encoding.carryModulus))
        switch ciphertext.body {
        case .lwe(let list, let key):
            w.write(UInt32(0))
            w.write(key.rawValue)
            w.write(UInt64(list.lweDimension))
            w.write(UInt64(list.count))
            w.writeRawWords(list.data)
        case .compact(let list, let blocks, false) where blocks == 0..<list.count:
            w.write(UInt32(1))
            w.write(UInt64(list.lweDimension))
            w.write(UInt64(list.count))
            w.writeRawWords(list.masks)
            w.writeRawWords(list.bodies)
        case .compact, .seeded, .compressed:
            throw .invalidValue(what: "ciphertext form (the native format holds LWE blocks and whole unpacked compact lists)")
        }
        return w.bytes
    }

    /// Reads a native ciphertext file (within the default native limits).
    public init(decoding bytes: [UInt8]) throws(SerializationError) {
        try self.init(decoding: bytes, limits: .default)
    }

    /// Reads a native ciphertext file within `limits`.
    package init(decoding bytes: [UInt8], limits: NativeFormat.Limits) throws(SerializationError) {
        var r = try NativeFormat.open(bytes, expecting: .ciphertext, limits: limits)
        var id: KeyID?
        if try r.readOptionTag() { id = try KeyID(bytes: r.readRaw(KeyID.byteCount)) }
        let code: UInt8 = try r.read()
        guard let type = FheType(rawValue: code) else { throw .unknownTag(what: "fhEVM type code", value: UInt64(code)) }
        let msg: UInt64 = try r.read(), carry: UInt64 = try r.read()
        guard msg <= UInt64(BlockEncoding.maxModulusProduct), carry <= UInt64(BlockEncoding.maxModulusProduct),
              let encoding = try? BlockEncoding(messageModulus: Int(msg), carryModulus: Int(carry)) else {
            throw .invalidValue(what: "block moduli \(msg)/\(carry)")
        }
        let variant: UInt32 = try r.read()
        let body: FheCiphertext.Body
        switch variant {
        case 0:
            let keyTag: UInt32 = try r.read()
            guard let key = EncryptionKeyChoice(rawValue: keyTag) else { throw .unknownTag(what: "key choice", value: UInt64(keyTag)) }
            let n = try Self.bounded(&r, limits.maxDimension, "LWE dimension")
            let count = try Self.bounded(&r, limits.maxBlocks, "block count")
            let data = try r.readRawWords(count * (n + 1))
            guard let list = try? LweCiphertextList(lweDimension: n, data: data) else {
                throw .invalidValue(what: "LWE ciphertext list")
            }
            body = .lwe(list, key: key)
        case 1:
            let n = try Self.bounded(&r, limits.maxDimension, "compact list dimension")
            let count = try Self.bounded(&r, limits.maxBlocks, "entry count")
            let bins = (count + n - 1) / n
            let masks = try r.readRawWords(bins * n)
            let bodies = try r.readRawWords(count)
            guard let list = try? LweCompactCiphertextList(lweDimension: n, masks: masks, bodies: bodies) else {
                throw .invalidValue(what: "compact ciphertext list")
            }
            body = .compact(list, blocks: 0..<list.count, packed: false)
        default:
            throw .unknownTag(what: "ciphertext body variant", value: UInt64(variant))
        }
        try r.finish()
        do {
            ciphertext = try FheCiphertext(type: type, encoding: encoding, body: body)
        } catch {
            throw .invalidValue(what: "ciphertext (\(error))")
        }
        keyID = id
    }

    private static func bounded(_ r: inout BincodeReader, _ max: Int, _ what: String) throws(SerializationError) -> Int {
        let v: UInt64 = try r.read()
        guard v >= 1, v <= UInt64(max) else { throw .invalidValue(what: "\(what) \(v) (allowed 1...\(max))") }
        return Int(v)
    }
}
