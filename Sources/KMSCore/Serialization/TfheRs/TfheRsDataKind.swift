/// tfhe-rs `DataKind`: what one entry of a ciphertext list holds, and so how many blocks it spans.
///
/// Layout: `T[0]` · u32 variant (0 `Unsigned(usize)`, 1 `Signed(usize)`, 2 `Boolean`,
/// 3 `String { n_chars: u32, padded: bool }` — tfhe-rs 1.0 only).
public enum TfheRsDataKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// An unsigned integer of this many blocks.
    case unsigned(blocks: Int)
    /// A signed integer of this many blocks.
    case signed(blocks: Int)
    /// A boolean (one block).
    case boolean
    /// An ASCII string (tfhe-rs 1.0 `FheAsciiString`).
    case string(characters: UInt32, padded: Bool)

    /// Number of blocks the entry spans (`DataKind::num_blocks`).
    package func blockCount(messageModulus: Int) -> Int {
        switch self {
        case .unsigned(let n), .signed(let n): return n
        case .boolean: return 1
        case .string(let chars, _):
            let bits = max(1, messageModulus.trailingZeroBitCount)
            return Int(chars) * ((7 + bits - 1) / bits)
        }
    }

    /// The fhEVM type of the entry, when it is one: `ebool`, or the unsigned type whose width is
    /// `blocks · log2(messageModulus)` bits.
    package func fheType(messageModulus: Int) -> FheType? {
        switch self {
        case .boolean: return .ebool
        case .unsigned(let n):
            let bits = messageModulus.trailingZeroBitCount
            guard bits > 0 else { return nil }
            return FheType.allCases.first { $0 != .ebool && $0.blockCount(messageBits: bits) == n && $0.bitWidth == n * bits }
        default: return nil
        }
    }

    /// The kind of a value of fhEVM type `type`.
    package init(_ type: FheType, messageModulus: Int) {
        if type == .ebool {
            self = .boolean
        } else {
            self = .unsigned(blocks: type.blockCount(messageBits: messageModulus.trailingZeroBitCount))
        }
    }

    public var description: String {
        switch self {
        case .unsigned(let n): "Unsigned(\(n))"
        case .signed(let n): "Signed(\(n))"
        case .boolean: "Boolean"
        case .string(let c, let p): "String(\(c) chars\(p ? ", padded" : ""))"
        }
    }
}

extension TfheRsDecoder {
    /// A `Vec<DataKind>`.
    mutating func dataKinds() throws(TfheRsError) -> [TfheRsDataKind] {
        // Each entry takes at least 8 bytes (tag + variant) versioned, 4 plain.
        let n = try vecLength("data kind count", max: min(limits.maxListLength, remaining / (versioned ? 8 : 4)))
        var kinds: [TfheRsDataKind] = []
        kinds.reserveCapacity(n)
        for _ in 0..<n {
            try version(TfheRsVersions.dataKind)
            let at = offset
            switch try variant("DataKind", count: 4) {
            case 0: kinds.append(.unsigned(blocks: try count("Unsigned block count", max: limits.maxListLength)))
            case 1: kinds.append(.signed(blocks: try count("Signed block count", max: limits.maxListLength)))
            case 2: kinds.append(.boolean)
            default:
                try require(.from(.v1_0), what: "DataKind::String", at: at)
                let chars = try u32()
                guard chars <= UInt32(limits.maxListLength) else { throw .invalidField("string of \(chars) characters at offset \(at)") }
                kinds.append(.string(characters: chars, padded: try bool()))
            }
        }
        return kinds
    }
}

extension TfheRsEncoder {
    mutating func dataKinds(_ kinds: [TfheRsDataKind]) throws(TfheRsError) {
        count(kinds.count)
        for k in kinds {
            version(TfheRsVersions.dataKind)
            switch k {
            case .unsigned(let n): u32(0); count(n)
            case .signed(let n): u32(1); count(n)
            case .boolean: u32(2)
            case .string(let c, let p):
                guard layout >= .v1_0 else { throw .unsupported("string entries cannot be written in the \(layout) layout (tfhe-rs 1.0 or later is needed)") }
                u32(3); u32(c); bool(p)
            }
        }
    }
}
