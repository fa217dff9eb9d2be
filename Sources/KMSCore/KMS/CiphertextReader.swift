/// The one way from untrusted ciphertext bytes to `FheCiphertext` values: a native ciphertext
/// file or any tfhe-rs ciphertext object (`FheUint`/`FheBool`, seeded `CompressedFheUint`,
/// `CompactCiphertextList` packed or not, `CompressedCiphertextList` — what fhEVM stores), in any
/// of its encodings. The input is bounded (`TfheRsLimits.ciphertext`: fhEVM's 16 MiB for tfhe-rs
/// objects, 64 MiB for native files of expanded LWE blocks, by default),
/// a native file's key id must be this key set's, and every modulus, dimension and shape must be
/// the parameters' — all before anything is decrypted or expanded.
///
/// Decryption, signed decryption and reencryption all read through it and decrypt through
/// `FheDecryptor`, so a single client key and threshold parties take the same inputs.
///
/// ```swift
/// let reader = CiphertextReader(keys: keySet)
/// let cts = try reader.read(bytes)                      // one FheCiphertext per value
/// let values = try cts.map(keySet.clientKey.decrypt)
/// ```
public struct CiphertextReader: Sendable {
    /// The key set native ciphertext files must name (`nil`: not checked, e.g. with a bare
    /// tfhe-rs client key, which has no key id).
    public let keyID: KeyID?
    /// Its parameters.
    public let parameters: ParameterSet
    /// Input bounds.
    public let limits: TfheRsLimits

    /// A reader for ciphertexts of key set `keyID` with `parameters`.
    public init(keyID: KeyID?, parameters: ParameterSet, limits: TfheRsLimits = .ciphertext) {
        self.keyID = keyID
        self.parameters = parameters
        self.limits = limits
    }

    /// A reader for ciphertexts of `keys`.
    public init(keys: KeySet, limits: TfheRsLimits = .ciphertext) {
        self.init(keyID: keys.keyID, parameters: keys.parameters, limits: limits)
    }

    /// Every value `bytes` holds, in order.
    /// - Parameters:
    ///   - bytes: a native ciphertext file or a serialized tfhe-rs ciphertext object.
    ///   - type: the type of a single tfhe-rs `FheUint` (its width is not in the bytes); by
    ///     default the fhEVM type with that many blocks.
    public func read(_ bytes: [UInt8], as type: FheType? = nil) throws(CiphertextReadError) -> [FheCiphertext] {
        if bytes.starts(with: NativeFormat.magic) {
            // Native files hold expanded LWE blocks (an ebytes256 under 2048-dimension keys is
            // 16.8 MB): they are bounded by the expanded-size limit.
            guard bytes.count <= limits.maxExpandedSize else { throw .tooLarge(size: bytes.count, limit: limits.maxExpandedSize) }
            let file: CiphertextFile
            do {
                file = try CiphertextFile(decoding: bytes, limits: NativeFormat.Limits(
                    maxFileSize: limits.maxExpandedSize, maxDimension: limits.maxDimension, maxBlocks: limits.maxListLength))
            } catch { throw .native(error) }
            if let id = file.keyID, let keyID, id != keyID { throw .wrongKey(ciphertext: id, keys: keyID) }
            try check(file.ciphertext)
            if let type, type != file.ciphertext.type { throw .typeMismatch(expected: type, found: file.ciphertext.type) }
            return [file.ciphertext]
        }
        guard bytes.count <= limits.sizeLimit else { throw .tooLarge(size: bytes.count, limit: limits.sizeLimit) }
        do {
            return try TfheRsFile.decode(bytes, limits: limits).object.ciphertexts(parameters: parameters, as: type)
        } catch { throw .tfheRs(error) }
    }

    /// The single value `bytes` holds.
    /// - Throws: `.valueCount` when the bytes hold a list of another length.
    public func readOne(_ bytes: [UInt8], as type: FheType? = nil) throws(CiphertextReadError) -> FheCiphertext {
        let all = try read(bytes, as: type)
        guard all.count == 1 else { throw .valueCount(expected: 1, found: all.count) }
        return all[0]
    }

    /// A native ciphertext's encoding and dimensions against the parameters.
    private func check(_ ct: FheCiphertext) throws(CiphertextReadError) {
        let c = parameters.compute, p = parameters.effectiveCompactPublicKey
        switch ct.body {
        case .lwe(let list, let key):
            let n = key == .big ? c.bigLweDimension : c.lweDimension
            guard ct.encoding == c.encoding, list.lweDimension == n.value else {
                throw .parameterMismatch("LWE blocks of dimension \(list.lweDimension) with moduli \(ct.encoding.messageModulus)/\(ct.encoding.carryModulus); the key has \(n) and \(c.messageModulus)/\(c.carryModulus)")
            }
        case .compact(let list, _, _):
            guard ct.encoding == p.encoding, list.lweDimension == p.encryptionLweDimension.value else {
                throw .parameterMismatch("compact list of dimension \(list.lweDimension) with moduli \(ct.encoding.messageModulus)/\(ct.encoding.carryModulus); the key has \(p.encryptionLweDimension) and \(p.messageModulus)/\(p.carryModulus)")
            }
        case .seeded, .compressed:
            throw .parameterMismatch("native files hold only LWE blocks and compact lists")
        }
    }
}

/// Why ciphertext bytes were refused.
public enum CiphertextReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is larger than the limit.
    case tooLarge(size: Int, limit: Int)
    /// A malformed native ciphertext file.
    case native(SerializationError)
    /// A malformed, unsupported or mismatching tfhe-rs object (`TfheRsError.mismatch` names the
    /// field that is not the key's).
    case tfheRs(TfheRsError)
    /// A native file made under another key set.
    case wrongKey(ciphertext: KeyID, keys: KeyID)
    /// A native file whose moduli or dimensions are not the key's.
    case parameterMismatch(String)
    /// A value of another type than asked for.
    case typeMismatch(expected: FheType, found: FheType)
    /// A list of another length than expected.
    case valueCount(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .tooLarge(let s, let l): "ciphertext of \(s) bytes exceeds the limit of \(l) bytes"
        case .native(let e): "\(e)"
        case .tfheRs(let e): "\(e)"
        case .wrongKey(let c, let k): "the ciphertext was encrypted under key \(c.hex), not \(k.hex)"
        case .parameterMismatch(let d): "ciphertext does not match the key's parameters: \(d)"
        case .typeMismatch(let e, let f): "expected a \(e), the ciphertext holds a \(f)"
        case .valueCount(let e, let f): "expected \(e) value\(e == 1 ? "" : "s"), the ciphertext holds \(f)"
        }
    }
}
