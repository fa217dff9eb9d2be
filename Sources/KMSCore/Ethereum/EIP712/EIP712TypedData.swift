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
    package let domain: JSONValue
    /// The message object.
    package let message: JSONValue
    /// `Name(type1 name1,…)` of every struct type, built once.
    private let signatures: [String: String]
    /// The struct types each struct type's members name directly (array suffixes removed).
    private let references: [String: [String]]

    /// Most struct types a document may define.
    package static let maxTypes = 4096
    /// Most members one struct type may have.
    package static let maxMembers = 1024
    /// Most bytes of type encodings (`encodeType`) hashed for one document: each struct type
    /// used by a value is encoded once, but its encoding lists all its dependencies, so chained
    /// types could otherwise cost quadratic time.
    package static let maxTypeEncodingBytes = 16 << 20

    /// Parses `eth_signTypedData_v4` JSON.
    public init(json: [UInt8]) throws(EIP712Error) {
        let root: JSONValue
        do { root = try JSONValue(parsing: json) } catch { throw .invalidJSON("\(error.reason) at byte \(error.offset)") }
        guard case .object(let o) = root else { throw .invalidTypedData("the document must be a JSON object") }
        guard case .object(let typeDefs)? = o["types"] else { throw .invalidTypedData("missing \"types\" object") }
        guard case .string(let primary)? = o["primaryType"] else { throw .invalidTypedData("missing \"primaryType\" string") }
        guard let domain = o["domain"], case .object = domain else { throw .invalidTypedData("missing \"domain\" object") }
        let message = o["message"] ?? .object([:])
        guard typeDefs.count <= Self.maxTypes else {
            throw .invalidTypedData("\(typeDefs.count) struct types exceed the limit of \(Self.maxTypes)")
        }
        var types: [String: [EIP712Field]] = [:]
        for (name, def) in typeDefs {
            guard case .array(let members) = def else { throw .invalidTypedData("type \(name) must be an array of members") }
            guard members.count <= Self.maxMembers else {
                throw .invalidTypedData("type \(name) has \(members.count) members, above the limit of \(Self.maxMembers)")
            }
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
    package init(types: [String: [EIP712Field]], primaryType: String, domain: JSONValue, message: JSONValue) throws(EIP712Error) {
        var t = types
        if t["EIP712Domain"] == nil {
            guard case .object(let d) = domain else { throw .invalidTypedData("domain must be an object") }
            t["EIP712Domain"] = EIP712Domain.standardFields.filter { d[$0.name] != nil }
        }
        guard t.count <= Self.maxTypes else {
            throw .invalidTypedData("\(t.count) struct types exceed the limit of \(Self.maxTypes)")
        }
        var signatures: [String: String] = [:]
        var references: [String: [String]] = [:]
        for (name, fields) in t {
            guard Self.isIdentifier(name), Self.atomicKind(name) == nil else {
                throw .invalidTypedData("invalid struct type name \"\(name)\"")
            }
            guard fields.count <= Self.maxMembers else {
                throw .invalidTypedData("type \(name) has \(fields.count) members, above the limit of \(Self.maxMembers)")
            }
            var seen = Set<String>()
            var refs: [String] = []
            var refSet = Set<String>()
            for f in fields {
                guard Self.isIdentifier(f.name) else { throw .invalidTypedData("invalid member name \"\(f.name)\" in \(name)") }
                guard seen.insert(f.name).inserted else { throw .invalidTypedData("duplicate member \"\(f.name)\" in \(name)") }
                let base = try Self.baseType(f.type)
                guard Self.atomicKind(base) != nil || t[base] != nil else { throw .unknownType(f.type) }
                if t[base] != nil, refSet.insert(base).inserted { refs.append(base) }
            }
            signatures[name] = name + "(" + fields.map { "\($0.type) \($0.name)" }.joined(separator: ",") + ")"
            references[name] = refs
        }
        guard t[primaryType] != nil else { throw .unknownType(primaryType) }
        self.types = t
        self.primaryType = primaryType
        self.domain = domain
        self.message = message
        self.signatures = signatures
        self.references = references
    }

    // MARK: hashing

    /// `encodeType(name)`: the type's own string followed by its dependencies sorted by name.
    public func encodeType(_ name: String) throws(EIP712Error) -> String {
        var budget = Self.maxTypeEncodingBytes
        return try encodeType(name, budget: &budget)
    }

    /// keccak256(encodeType(name)).
    public func typeHash(_ name: String) throws(EIP712Error) -> [UInt8] {
        Keccak256.hash(Array(try encodeType(name).utf8))
    }

    /// hashStruct(type, value) = keccak256(typeHash ‖ encodeData(value)).
    package func hashStruct(_ type: String, _ value: JSONValue, path: String? = nil) throws(EIP712Error) -> [UInt8] {
        var context = HashingContext()
        return try hashStruct(type, value, path: path ?? type, context: &context)
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
        var context = HashingContext()
        var h = Keccak256.Hasher()
        h.update([0x19, 0x01])
        h.update(try hashStruct("EIP712Domain", domain, path: "domain", context: &context))
        if primaryType != "EIP712Domain" { h.update(try hashStruct(primaryType, message, path: "message", context: &context)) }
        return h.finalize()
    }

    // MARK: internals

    private static let maxDepth = 32

    /// State of one hashing run: every struct type's hash is computed once, and the bytes of
    /// type encodings hashed are counted against `maxTypeEncodingBytes`, so the total work is
    /// linear in the document.
    struct HashingContext {
        var typeHashes: [String: [UInt8]] = [:]
        var budget = EIP712TypedData.maxTypeEncodingBytes
    }

    private func hashStruct(_ type: String, _ value: JSONValue, path: String, context: inout HashingContext) throws(EIP712Error) -> [UInt8] {
        var h = Keccak256.Hasher()
        try encodeStruct(type, value, path: path, depth: 0, into: &h, context: &context)
        return h.finalize()
    }

    private func cachedTypeHash(_ name: String, context: inout HashingContext) throws(EIP712Error) -> [UInt8] {
        if let h = context.typeHashes[name] { return h }
        let h = Keccak256.hash(Array(try encodeType(name, budget: &context.budget).utf8))
        context.typeHashes[name] = h
        return h
    }

    /// `encodeType` with an explicit walk (no recursion, whatever the chain length) whose cost is
    /// charged to `budget` as it goes.
    private func encodeType(_ name: String, budget: inout Int) throws(EIP712Error) -> String {
        guard let own = signatures[name] else { throw .unknownType(name) }
        var spent = own.utf8.count
        var seen: Set<String> = [name]
        var dependencies: [String] = []
        var stack = [name]
        while let t = stack.popLast() {
            for r in references[t] ?? [] where seen.insert(r).inserted {
                spent += signatures[r]?.utf8.count ?? 0
                guard spent <= budget else {
                    throw .invalidTypedData("type encodings exceed the limit of \(Self.maxTypeEncodingBytes) bytes per document")
                }
                dependencies.append(r)
                stack.append(r)
            }
        }
        guard spent <= budget else {
            throw .invalidTypedData("type encodings exceed the limit of \(Self.maxTypeEncodingBytes) bytes per document")
        }
        budget -= spent
        var out = own
        out.reserveCapacity(spent)
        for d in dependencies.sorted() { out += signatures[d] ?? "" }
        return out
    }

    private func encodeStruct(_ type: String, _ value: JSONValue, path: String, depth: Int,
                              into h: inout Keccak256.Hasher, context: inout HashingContext) throws(EIP712Error) {
        guard depth < Self.maxDepth else { throw .invalidValue(path: path, reason: "nested deeper than \(Self.maxDepth)") }
        guard let fields = types[type] else { throw .unknownType(type) }
        guard case .object(let obj) = value else { throw .invalidValue(path: path, reason: "expected an object of type \(type)") }
        if obj.count != fields.count || fields.contains(where: { obj[$0.name] == nil }) {
            let declared = Set(fields.map(\.name))
            if let extra = obj.keys.sorted().first(where: { !declared.contains($0) }) {
                throw .invalidValue(path: path + "." + extra, reason: "member not declared in type \(type)")
            }
        }
        h.update(try cachedTypeHash(type, context: &context))
        for f in fields {
            guard let v = obj[f.name] else { throw .invalidValue(path: path + "." + f.name, reason: "missing member") }
            h.update(try encodeValue(f.type, v, path: path + "." + f.name, depth: depth + 1, context: &context))
        }
    }

    /// The 32-byte encoding of one value of `type`.
    private func encodeValue(_ type: String, _ value: JSONValue, path: String, depth: Int,
                             context: inout HashingContext) throws(EIP712Error) -> [UInt8] {
        guard depth < Self.maxDepth else { throw .invalidValue(path: path, reason: "nested deeper than \(Self.maxDepth)") }
        if let (element, length) = try Self.splitArray(type) {
            guard case .array(let items) = value else { throw .invalidValue(path: path, reason: "expected an array for \(type)") }
            if let length, items.count != length {
                throw .invalidValue(path: path, reason: "expected \(length) elements, got \(items.count)")
            }
            var h = Keccak256.Hasher()
            for (i, item) in items.enumerated() {
                h.update(try encodeValue(element, item, path: "\(path)[\(i)]", depth: depth + 1, context: &context))
            }
            return h.finalize()
        }
        if types[type] != nil {
            var h = Keccak256.Hasher()
            try encodeStruct(type, value, path: path, depth: depth + 1, into: &h, context: &context)
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
        let u = Array(type.utf8)
        guard u.last == UInt8(ascii: "]") else { return nil }
        guard let open = u.lastIndex(of: UInt8(ascii: "[")) else { throw .unknownType(type) }
        let inner = u[(open + 1) ..< (u.count - 1)]
        let element = String(decoding: u[..<open], as: UTF8.self)
        if inner.isEmpty { return (element, nil) }
        let text = String(decoding: inner, as: UTF8.self)
        guard inner.count <= 18, let n = Int(text), n >= 0, String(n) == text else { throw .unknownType(type) }
        return (element, n)
    }

    /// The type with every array suffix removed, in one backward pass over the bytes; at most
    /// `maxDepth` array dimensions (values cannot nest deeper anyway).
    static func baseType(_ type: String) throws(EIP712Error) -> String {
        let u = Array(type.utf8)
        var end = u.count
        var dimensions = 0
        while end > 0, u[end - 1] == UInt8(ascii: "]") {
            var i = end - 2
            while i >= 0, u[i] != UInt8(ascii: "[") {
                guard u[i] >= 0x30, u[i] <= 0x39 else { throw .unknownType(type) }
                i -= 1
            }
            // A fixed length must be a canonical decimal that fits an Int.
            guard i >= 0, end - 2 - i <= 18, end - 2 - i <= 1 || u[i + 1] != 0x30 else { throw .unknownType(type) }
            dimensions += 1
            guard dimensions <= maxDepth else {
                throw .invalidTypedData("type \(type.prefix(64))… has more than \(maxDepth) array dimensions")
            }
            end = i
        }
        guard end > 0 else { throw .unknownType(type) }
        return String(decoding: u[..<end], as: UTF8.self)
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x24 }
    }
}

/// The name this project's documents use for `EIP712TypedData`.
public typealias TypedData = EIP712TypedData
