/// Errors of the TFHE layer: parameters, keys, ciphertexts and clear values.
///
/// Descriptions never contain secret material.
public enum TFHEError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A type code outside 0–11.
    case unknownFheTypeCode(UInt8)
    /// A type name that is not one of the twelve fhEVM types.
    case unknownFheTypeName(String)
    /// A parameter-set name that is not known.
    case unknownParameterSet(String)
    /// Parameters that cannot work (zero dimension, moduli that are not powers of two, …).
    case invalidParameters(String)
    /// A clear value that does not fit its type.
    case valueOutOfRange(type: FheType, detail: String)
    /// A clear value that could not be parsed.
    case malformedValue(String)
    /// A ciphertext whose shape does not match the key or its type.
    case ciphertextMismatch(String)
    /// A key whose shape does not match its parameters.
    case keyMismatch(String)
    /// The key needed for this ciphertext is not part of the client key.
    case missingKey(String)

    public var description: String {
        switch self {
        case .unknownFheTypeCode(let c): "unknown fhEVM type code \(c) (expected 0-11)"
        case .unknownFheTypeName(let n): "unknown fhEVM type '\(n)' (expected ebool, euint4, euint8, euint16, euint32, euint64, euint128, eaddress, euint256, ebytes64, ebytes128 or ebytes256)"
        case .unknownParameterSet(let n): "unknown parameter set '\(n)' (expected default, 2m128 or test)"
        case .invalidParameters(let d): "invalid parameters: \(d)"
        case .valueOutOfRange(let t, let d): "value out of range for \(t): \(d)"
        case .malformedValue(let d): "malformed value: \(d)"
        case .ciphertextMismatch(let d): "ciphertext does not match: \(d)"
        case .keyMismatch(let d): "key does not match: \(d)"
        case .missingKey(let d): "missing key: \(d)"
        }
    }
}
