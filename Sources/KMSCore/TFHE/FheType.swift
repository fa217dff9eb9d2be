/// The twelve encrypted types of fhEVM, with their on-chain type codes (fhEVM `Common`,
/// KMS proto `FheType`, coprocessor `type_num`).
///
/// Every type is a radix ciphertext of 2-bit blocks (least significant block first); `ebool`
/// is a single block holding 0 or 1.
///
/// ```swift
/// let t = try FheType(code: 5)          // .euint64
/// print(t.name, t.bitWidth, t.blockCount(messageBits: 2))   // euint64 64 32
/// ```
public enum FheType: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case ebool = 0
    case euint4 = 1
    case euint8 = 2
    case euint16 = 3
    case euint32 = 4
    case euint64 = 5
    case euint128 = 6
    case eaddress = 7
    case euint256 = 8
    case ebytes64 = 9
    case ebytes128 = 10
    case ebytes256 = 11

    /// Creates the type for an fhEVM type code (0–11).
    /// - Throws: `TFHEError.unknownFheTypeCode` for any other code.
    public init(code: UInt8) throws(TFHEError) {
        guard let t = FheType(rawValue: code) else { throw .unknownFheTypeCode(code) }
        self = t
    }

    /// Parses a type name as printed by `name` (`"euint64"`, `"eaddress"`, …), case-insensitively.
    /// `"euint160"` is accepted for `eaddress` and `"euint2048"` style names are not.
    /// - Throws: `TFHEError.unknownFheTypeName`.
    public init(name: String) throws(TFHEError) {
        let lower = name.lowercased()
        if lower == "euint160" { self = .eaddress; return }
        guard let t = FheType.allCases.first(where: { $0.name == lower }) else {
            throw .unknownFheTypeName(name)
        }
        self = t
    }

    /// The fhEVM type code.
    public var code: UInt8 { rawValue }

    /// The Solidity-facing name (`ebool`, `euint8`, …, `eaddress`, `ebytes256`).
    public var name: String {
        switch self {
        case .ebool: "ebool"
        case .euint4: "euint4"
        case .euint8: "euint8"
        case .euint16: "euint16"
        case .euint32: "euint32"
        case .euint64: "euint64"
        case .euint128: "euint128"
        case .eaddress: "eaddress"
        case .euint256: "euint256"
        case .ebytes64: "ebytes64"
        case .ebytes128: "ebytes128"
        case .ebytes256: "ebytes256"
        }
    }

    public var description: String { name }

    /// Width of the clear value in bits (1 for `ebool`, 160 for `eaddress`, 2048 for `ebytes256`).
    public var bitWidth: Int {
        switch self {
        case .ebool: 1
        case .euint4: 4
        case .euint8: 8
        case .euint16: 16
        case .euint32: 32
        case .euint64: 64
        case .euint128: 128
        case .eaddress: 160
        case .euint256: 256
        case .ebytes64: 512
        case .ebytes128: 1024
        case .ebytes256: 2048
        }
    }

    /// Width of the clear value in whole bytes (1 for `ebool` and `euint4`).
    package var byteWidth: Int { (bitWidth + 7) / 8 }

    /// Number of radix blocks for a block message width of `messageBits` bits
    /// (tfhe-rs: `N / log2(message_modulus)`; `ebool` is always one block). A width below one
    /// bit (no valid `BlockEncoding` has one) counts as one bit rather than dividing by zero.
    public func blockCount(messageBits: Int) -> Int {
        if self == .ebool { return 1 }
        let b = max(messageBits, 1)
        return (bitWidth + b - 1) / b
    }
}
