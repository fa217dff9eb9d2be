/// One member of an EIP-712 struct type: `{"name": "...", "type": "..."}`.
public struct EIP712Field: Sendable, Hashable {
    public let name: String
    public let type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// A general EIP-712 typed-data document in the `eth_signTypedData_v4` JSON form
/// (`types`, `primaryType`, `domain`, `message`), with the standard's hashing:
///
/// - `encodeType`: `Name(type1 name1,…)` followed by every referenced struct type, sorted by name;
/// - `encodeData`: typehash ‖ one 32-byte word per member: atomic types as ABI words,
///   `bytes`/`string` as keccak256 of their content, arrays as keccak256 of the concatenated
///   encodings of their elements, structs as their `hashStruct`;
/// - `digest = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(primaryType, message))`
///   (just `keccak256(0x1901 ‖ domainSeparator)` when the primary type is `EIP712Domain`).
///
/// Values: integers as JSON numbers (< 2^53) or decimal / `0x` strings; `bytes`/`bytesN` as hex
/// (`bytesN` exactly N bytes); addresses as hex where mixed case must be a valid EIP-55
/// checksum; booleans as JSON booleans. Missing members, members not declared by the type,
/// and fixed-size arrays of the wrong length are errors (nothing is silently padded or dropped).
/// If `types` lacks `EIP712Domain`, it is inferred from the domain's keys in the standard order
/// (name, version, chainId, verifyingContract, salt), as ethers does.
///
/// ```swift
/// let td = try EIP712TypedData(json: Array(jsonText.utf8))
/// let digest = try td.digest()                    // 32 bytes
/// let sig = signer.signEthereum(digest: digest)   // 65 bytes r ‖ s ‖ v
/// ```
public struct EIP712TypedData: Sendable {
    /// Struct definitions by name (including `EIP712Domain`).
    public let types: [String: [EIP712Field]]
    public let primaryType: String
    /// The domain object.
    public let domain: JSONValue
    /// The message object.
    public let message: JSONValue

    /// Parses `eth_signTypedData_v4` JSON.
    public init(json: [UInt8]) throws(EIP712Error) {
        let root = try JSONValue(parsing: json)
        guard case .object(let o) = root else { throw .invalidTypedData("the document must be a JSON object") }
        guard case .object(let typeDefs)? = o["types"] else { throw .invalidTypedData("missing \"types\" object") }
        guard case .string(let primary)? = o["primaryType"] else { throw .invalidTypedData("missing \"primaryType\" string") }
        guard let domain = o["domain"], case .object = domain else { throw .invalidTypedData("missing \"domain\" object") }
        let message = o["message"] ?? .object([:])
        var types: [String: [EIP712Field]] = [:]
        for (name, def) in typeDefs {
            guard case .array(let members) = def else { throw .invalidTypedData("type \(name) must be an array of members") }
            var fields: [EIP712Field] = []
            for m in members {
                guard case .string(let fname)? = m["name"], case .string(let ftype)? = m["type"] else {
                    throw .invalidTypedData("each member of \(name) needs a \"name\" and a \"type\" string")
                }
                fields.append(EIP712Field(name: fname, type: ftype))
            }
            types[name] = fields
        }
        try self.init(types: types, primaryType: primary, domain: domain, message: message)
    }

    /// Builds a document from parts (validating type definitions).
    public init(types: [String: [EIP712Field]], primaryType: String, domain: JSONValue, message: JSONValue) throws(EIP712Error) {
        var t = types
        if t["EIP712Domain"] == nil {
            guard case .object(let d) = domain else { throw .invalidTypedData("domain must be an object") }
            t["EIP712Domain"] = EIP712Domain.standardFields.filter { d[$0.name] != nil }
        }
        for (name, fields) in t {
            guard Self.isIdentifier(name), Self.atomicKind(name) == nil else {
                throw .invalidTypedData("invalid struct type name \"\(name)\"")
            }
            var seen = Set<String>()
            for f in fields {
                guard Self.isIdentifier(f.name) else { throw .invalidTypedData("invalid member name \"\(f.name)\" in \(name)") }
                guard seen.insert(f.name).inserted else { throw .invalidTypedData("duplicate member \"\(f.name)\" in \(name)") }
                let base = try Self.baseType(f.type)
                guard Self.atomicKind(base) != nil || t[base] != nil else { throw .unknownType(f.type) }
            }
        }
        guard t[primaryType] != nil else { throw .unknownType(primaryType) }
        self.types = t
        self.primaryType = primaryType
        self.domain = domain
        self.message = message
    }

    // MARK: hashing

    /// `encodeType(name)`: the type's own string followed by its dependencies sorted by name.
    public func encodeType(_ name: String) throws(EIP712Error) -> String {
        var deps = Set<String>()
        try collectDependencies(name, into: &deps)
        deps.remove(name)
        return try ([name] + deps.sorted()).map { n throws(EIP712Error) in try typeSignature(n) }.joined()
    }

    /// keccak256(encodeType(name)).
    public func typeHash(_ name: String) throws(EIP712Error) -> [UInt8] {
        Keccak256.hash(Array(try encodeType(name).utf8))
    }

    /// hashStruct(type, value) = keccak256(typeHash ‖ encodeData(value)).
    public func hashStruct(_ type: String, _ value: JSONValue, path: String? = nil) throws(EIP712Error) -> [UInt8] {
        var h = Keccak256.Hasher()
        try encodeStruct(type, value, path: path ?? type, depth: 0, into: &h)
        return h.finalize()
    }

    /// The domain separator: hashStruct("EIP712Domain", domain).
    public func domainSeparator() throws(EIP712Error) -> [UInt8] {
        try hashStruct("EIP712Domain", domain, path: "domain")
    }

    /// hashStruct(primaryType, message).
    public func structHash() throws(EIP712Error) -> [UInt8] {
        try hashStruct(primaryType, message, path: "message")
    }

    /// The signing digest keccak256(0x1901 ‖ domainSeparator ‖ structHash).
    public func digest() throws(EIP712Error) -> [UInt8] {
        var h = Keccak256.Hasher()
        h.update([0x19, 0x01])
        h.update(try domainSeparator())
        if primaryType != "EIP712Domain" { h.update(try structHash()) }
        return h.finalize()
    }

    // MARK: internals

    private static let maxDepth = 32

    private func typeSignature(_ name: String) throws(EIP712Error) -> String {
        guard let fields = types[name] else { throw .unknownType(name) }
        return name + "(" + fields.map { "\($0.type) \($0.name)" }.joined(separator: ",") + ")"
    }

    private func collectDependencies(_ name: String, into deps: inout Set<String>) throws(EIP712Error) {
        guard let fields = types[name] else { throw .unknownType(name) }
        guard deps.insert(name).inserted else { return }
        for f in fields {
            let base = try Self.baseType(f.type)
            if types[base] != nil { try collectDependencies(base, into: &deps) }
        }
    }

    private func encodeStruct(_ type: String, _ value: JSONValue, path: String, depth: Int,
                              into h: inout Keccak256.Hasher) throws(EIP712Error) {
        guard depth < Self.maxDepth else { throw .invalidValue(path: path, reason: "nested deeper than \(Self.maxDepth)") }
        guard let fields = types[type] else { throw .unknownType(type) }
        guard case .object(let obj) = value else { throw .invalidValue(path: path, reason: "expected an object of type \(type)") }
        let declared = Set(fields.map(\.name))
        if let extra = obj.keys.sorted().first(where: { !declared.contains($0) }) {
            throw .invalidValue(path: path + "." + extra, reason: "member not declared in type \(type)")
        }
        h.update(try typeHash(type))
        for f in fields {
            guard let v = obj[f.name] else { throw .invalidValue(path: path + "." + f.name, reason: "missing member") }
            h.update(try encodeValue(f.type, v, path: path + "." + f.name, depth: depth + 1))
        }
    }

    /// The 32-byte encoding of one value of `type`.
    private func encodeValue(_ type: String, _ value: JSONValue, path: String, depth: Int) throws(EIP712Error) -> [UInt8] {
        guard depth < Self.maxDepth else { throw .invalidValue(path: path, reason: "nested deeper than \(Self.maxDepth)") }
        if let (element, length) = try Self.splitArray(type) {
            guard case .array(let items) = value else { throw .invalidValue(path: path, reason: "expected an array for \(type)") }
            if let length, items.count != length {
                throw .invalidValue(path: path, reason: "expected \(length) elements, got \(items.count)")
            }
            var h = Keccak256.Hasher()
            for (i, item) in items.enumerated() {
                h.update(try encodeValue(element, item, path: "\(path)[\(i)]", depth: depth + 1))
            }
            return h.finalize()
        }
        if types[type] != nil {
            var h = Keccak256.Hasher()
            try encodeStruct(type, value, path: path, depth: depth + 1, into: &h)
            return h.finalize()
        }
        do {
            return try Self.encodeAtomic(type, value)
        } catch {
            throw .invalidValue(path: path, reason: ABIWord.reason(of: error))
        }
    }

    enum AtomicKind: Equatable {
        case bool, address, string, bytes
        case fixedBytes(Int)
        case integer(bits: Int, signed: Bool)
    }

    static func atomicKind(_ t: String) -> AtomicKind? {
        switch t {
        case "bool": return .bool
        case "address": return .address
        case "string": return .string
        case "bytes": return .bytes
        default: break
        }
        if t.hasPrefix("bytes"), let n = Int(t.dropFirst(5)), (1...32).contains(n), String(n) == t.dropFirst(5) {
            return .fixedBytes(n)
        }
        for (prefix, signed) in [("uint", false), ("int", true)] where t.hasPrefix(prefix) {
            let rest = t.dropFirst(prefix.count)
            if let n = Int(rest), String(n) == rest, n % 8 == 0, (8...256).contains(n) {
                return .integer(bits: n, signed: signed)
            }
        }
        return nil
    }

    static func encodeAtomic(_ type: String, _ value: JSONValue) throws(EIP712Error) -> [UInt8] {
        guard let kind = atomicKind(type) else { throw .unknownType(type) }
        switch kind {
        case .bool:
            guard case .bool(let b) = value else { throw ABIWord.fail("expected true or false") }
            return [UInt8](repeating: 0, count: 31) + [b ? 1 : 0]
        case .address:
            guard case .string(let s) = value else { throw ABIWord.fail("expected an address string") }
            do {
                return try EthereumAddress(parsing: s).abiWord
            } catch {
                throw ABIWord.fail(error.description)
            }
        case .string:
            guard case .string(let s) = value else { throw ABIWord.fail("expected a string") }
            return Keccak256.hash(Array(s.utf8))
        case .bytes:
            return Keccak256.hash(try ABIWord.dynamicBytes(value))
        case .fixedBytes(let n):
            return try ABIWord.fixedBytes(value, count: n)
        case .integer(let bits, let signed):
            return try ABIWord.integer(value, bits: bits, signed: signed)
        }
    }

    /// The element type and fixed length (nil for `[]`) of an array type; nil if not an array.
    static func splitArray(_ type: String) throws(EIP712Error) -> (String, Int?)? {
        guard type.hasSuffix("]") else { return nil }
        guard let open = type.lastIndex(of: "[") else { throw .unknownType(type) }
        let inner = type[type.index(after: open)..<type.index(before: type.endIndex)]
        let element = String(type[..<open])
        if inner.isEmpty { return (element, nil) }
        guard let n = Int(inner), n >= 0, String(n) == inner else { throw .unknownType(type) }
        return (element, n)
    }

    /// The type with every array suffix removed.
    static func baseType(_ type: String) throws(EIP712Error) -> String {
        var t = type
        while let (element, _) = try splitArray(t) { t = element }
        guard !t.isEmpty else { throw .unknownType(type) }
        return t
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x24 }
    }
}

/// The name this project's documents use for `EIP712TypedData`.
public typealias TypedData = EIP712TypedData
