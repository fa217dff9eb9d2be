/// Errors of typed-data hashing (EIP-712), ABI encoding and fhEVM handle parsing.
public enum EIP712Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// Malformed JSON text.
    case invalidJSON(String)
    /// A typed-data document without the required members, or a malformed type definition.
    case invalidTypedData(String)
    /// A type name that is neither an EIP-712 atomic/dynamic type nor defined in `types`.
    case unknownType(String)
    /// A value that does not fit its declared type (`path` locates it, e.g. `message.to.wallet`).
    case invalidValue(path: String, reason: String)
    /// A handle that is not 32 bytes or whose type byte is not an fhEVM type code.
    case invalidHandle(String)
    /// Inputs to an ABI encoder that do not match (e.g. counts or widths).
    case invalidABIInput(String)

    public var description: String {
        switch self {
        case .invalidJSON(let w): "invalid JSON: \(w)"
        case .invalidTypedData(let w): "invalid typed data: \(w)"
        case .unknownType(let t): "unknown EIP-712 type \"\(t)\""
        case .invalidValue(let p, let r): "invalid value at \(p): \(r)"
        case .invalidHandle(let w): "invalid fhEVM handle: \(w)"
        case .invalidABIInput(let w): "invalid ABI input: \(w)"
        }
    }
}
