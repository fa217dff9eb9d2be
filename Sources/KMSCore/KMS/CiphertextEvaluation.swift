/// One homomorphic operation on ciphertext files, the result written in the format of the
/// left operand: a native ciphertext file stays native (with the key id), a tfhe-rs `FheUint`
/// or `FheBool` stays a tfhe-rs value of the same layout and encoding (so tfhe-rs reads it), a
/// tfhe-rs `Vec<FheUint>` is combined element by element into a `Vec` again. Compressed,
/// compact and seeded tfhe-rs inputs give `FheUint`/`FheBool` results (bootstrapped blocks; a
/// `Vec` for several values) in their layout and encoding. Results feed further evaluations.
///
/// ```swift
/// let sum = try CiphertextEvaluation(keys: keySet, serverKey: serverKey)
///     .evaluate(.add, lhs: lhsBytes, rhs: .ciphertext(rhsBytes))
/// let doubled = try evaluation.evaluate(.mul, lhs: sum, rhs: .scalar(2))
/// ```
public struct CiphertextEvaluation: Sendable {
    /// The right operand: another ciphertext file, or a clear value (reduced to the type).
    public enum Operand: Sendable {
        case ciphertext([UInt8])
        case scalar(UInt64)
    }

    public let reader: CiphertextReader
    public let evaluator: FheEvaluator

    /// Evaluation with `serverKey` of ciphertexts of `keys` (checked as decryption checks them).
    public init(keys: KeySet, serverKey: ServerKey) {
        reader = CiphertextReader(keys: keys)
        evaluator = FheEvaluator(serverKey: serverKey)
    }

    /// Evaluation with `serverKey` of ciphertexts of key set `keyID` (`nil`: native files'
    /// key ids are not checked, e.g. for bare tfhe-rs keys).
    public init(keyID: KeyID?, serverKey: ServerKey) {
        reader = CiphertextReader(keyID: keyID, parameters: serverKey.parameters)
        evaluator = FheEvaluator(serverKey: serverKey)
    }

    /// `lhs op rhs`, in the format of `lhs`; `type` names the width of tfhe-rs `FheUint` values.
    public func evaluate(_ op: FheEvaluator.Operation, lhs: [UInt8], rhs: Operand,
                         as type: FheType? = nil) throws(CiphertextEvaluationError) -> [UInt8] {
        let left: [FheCiphertext]
        do { left = try reader.read(lhs, as: type) } catch { throw .read(error) }
        let right: [FheCiphertext]?
        switch rhs {
        case .ciphertext(let bytes):
            do { right = try reader.read(bytes, as: type ?? left.first?.type) } catch { throw .read(error) }
            guard right?.count == left.count else {
                throw .shape("the left operand holds \(left.count) values, the right one \(right?.count ?? 0)")
            }
        case .scalar:
            right = nil
        }
        var results: [FheCiphertext] = []
        do throws(TFHEError) {
            for (i, a) in left.enumerated() {
                switch rhs {
                case .ciphertext: results.append(try evaluator.evaluate(op, a, right![i]))
                case .scalar(let s): results.append(try evaluator.evaluate(op, a, scalar: s))
                }
            }
        } catch {
            throw .evaluation(error)
        }
        return try write(results, like: lhs)
    }

    /// The results in the format of `original`.
    func write(_ results: [FheCiphertext], like original: [UInt8]) throws(CiphertextEvaluationError) -> [UInt8] {
        if original.starts(with: NativeFormat.magic) {
            guard results.count == 1 else { throw .shape("a native file holds one value") }
            do { return try CiphertextFile(keyID: reader.keyID, ciphertext: results[0]).encoded() } catch { throw .write("\(error)") }
        }
        do throws(TfheRsError) {
            let file = try TfheRsFile.decode(original, limits: reader.limits)
            let parameters = reader.parameters
            func object(_ ct: FheCiphertext) throws(TfheRsError) -> TfheRsFheCiphertext {
                guard case .ciphertext(let c) = try TfheRsObject(ct, parameters: parameters, layout: file.layout) else {
                    throw .unsupported("the result is not an LWE ciphertext")
                }
                return c
            }
            let out: TfheRsObject
            switch file.object {
            case .ciphertextVec:
                var items: [TfheRsFheCiphertext] = []
                for r in results { items.append(try object(r)) }
                out = .ciphertextVec(items)
            case .ciphertext, .seededCiphertext, .compactCiphertextList, .compressedCiphertextList:
                // Results are bootstrapped LWE blocks: one value is an FheUint/FheBool, several a Vec.
                if results.count == 1 {
                    out = .ciphertext(try object(results[0]))
                } else {
                    var items: [TfheRsFheCiphertext] = []
                    for r in results { items.append(try object(r)) }
                    out = .ciphertextVec(items)
                }
            default:
                throw .unsupported("\(file.object.type.typeName) is not a ciphertext")
            }
            return try TfheRsFile(object: out, layout: file.layout, safeSerialized: file.header != nil, versioned: file.versioned).encode()
        } catch {
            throw .write("\(error)")
        }
    }
}

/// Why an evaluation failed.
public enum CiphertextEvaluationError: Error, Sendable, CustomStringConvertible {
    /// An operand could not be read or does not belong to the keys.
    case read(CiphertextReadError)
    /// The operands do not fit together.
    case shape(String)
    /// The evaluator refused the operands (types, forms, parameters).
    case evaluation(TFHEError)
    /// The result could not be written in the input's format.
    case write(String)

    public var description: String {
        switch self {
        case .read(let e): "cannot read the operand: \(e)"
        case .shape(let d): "operands do not match: \(d)"
        case .evaluation(let e): "cannot evaluate: \(e)"
        case .write(let d): "cannot write the result: \(d)"
        }
    }
}
