/// Conversions between our squashed values (`SquashedNoiseCiphertext`) and tfhe-rs's
/// `SquashedNoiseFheUint` / `SquashedNoiseFheBool` objects (`TfheRsSquashedNoiseCiphertext`), so a
/// squashed value can be written as a tfhe-rs file and read back.
///
/// ```swift
/// let file = TfheRsFile(object: .squashedNoiseCiphertext(try squashed.tfheRs()), layout: .v1_4)
/// let bytes = try file.encode()
/// let read = try TfheRsFile.decode(bytes, limits: .ciphertext)
/// if case .squashedNoiseCiphertext(let c) = read.object {
///     let again = try SquashedNoiseCiphertext(tfheRs: c)       // type from the block count
/// }
/// ```
extension SquashedNoiseCiphertext {
    /// The tfhe-rs object: `SquashedNoiseFheBool` for `ebool`, else `SquashedNoiseFheUint`, each
    /// block as tfhe-rs's u128 LWE (16 little-endian bytes per coefficient) with its degree and
    /// moduli.
    /// - Throws: `TfheRsError.invalidField` only if the value could not be expressed (it always can
    ///   when built by this library).
    public func tfheRs(tag: [UInt8] = []) throws(TfheRsError) -> TfheRsSquashedNoiseCiphertext {
        var out: [TfheRsSquashedNoiseBlock] = []
        out.reserveCapacity(blocks.count)
        for (block, degree) in zip(blocks, degrees) {
            var bytes = [UInt8](repeating: 0, count: block.count * 8)
            for (i, w) in block.enumerated() {
                for b in 0..<8 { bytes[8 * i + b] = UInt8(truncatingIfNeeded: w >> UInt64(8 * b)) }
            }
            out.append(try TfheRsSquashedNoiseBlock(lwe: TfheRsBulk(bytes: bytes[...], elementSize: 16), degree: degree,
                                                    messageModulus: messageModulus, carryModulus: carryModulus))
        }
        return try TfheRsSquashedNoiseCiphertext(kind: type == .ebool ? .boolean : .unsigned, blocks: out,
                                                 originalBlockCount: originalBlockCount, state: .normal, tag: tag)
    }

    /// A squashed value from a tfhe-rs object. The bit width is not in the bytes: `type` names it,
    /// or by default it is the fhEVM type with the object's original block count (unique for
    /// 2-bit blocks); a `SquashedNoiseFheBool` is `ebool`.
    /// - Throws: `TfheRsError.unsupported` for `SquashedNoiseFheInt` (no signed fhEVM type),
    ///   `.mismatch` when no type (or not `type`) has the object's block count, `.invalidField`
    ///   for moduli or shapes a squashed value cannot have.
    public init(tfheRs c: TfheRsSquashedNoiseCiphertext, type: FheType? = nil) throws(TfheRsError) {
        guard let first = c.blocks.first else { throw .invalidField("a squashed-noise ciphertext without blocks") }
        let msg = first.messageModulus
        let resolved: FheType
        switch c.kind {
        case .signed:
            throw .unsupported("SquashedNoiseFheInt: fhEVM has no signed types")
        case .boolean:
            resolved = .ebool
        case .unsigned:
            let bits = msg > 0 && msg & (msg - 1) == 0 ? msg.trailingZeroBitCount : 0
            let candidates = FheType.allCases.filter { $0 != .ebool && $0.blockCount(messageBits: bits) == c.originalBlockCount }
            if let type {
                guard candidates.contains(type) else {
                    throw .mismatch("\(type) has \(type.blockCount(messageBits: bits)) blocks, the squashed value \(c.originalBlockCount)")
                }
                resolved = type
            } else {
                guard candidates.count == 1, let only = candidates.first else {
                    throw .mismatch("no single fhEVM type has \(c.originalBlockCount) blocks of \(bits) bits")
                }
                resolved = only
            }
        }
        if c.kind == .boolean, let type, type != .ebool {
            throw .mismatch("a SquashedNoiseFheBool is an ebool, not \(type)")
        }
        let blocks = c.blocks.map { b in
            [UInt64](unsafeUninitializedCapacity: 2 * b.lwe.count) { buf, n in
                for i in 0 ..< b.lwe.count {
                    let (low, high) = b.coefficient(i)
                    buf[2 * i] = low
                    buf[2 * i + 1] = high
                }
                n = 2 * b.lwe.count
            }
        }
        self = try TfheRsError.invalid("squashed-noise ciphertext") { () throws(TFHEError) in
            try SquashedNoiseCiphertext(type: resolved, lweDimension: first.lweDimension, blocks: blocks,
                                        degrees: c.blocks.map(\.degree), messageModulus: msg, carryModulus: first.carryModulus)
        }
    }
}
