/// Conversions between our compressed squashed-noise lists (`CompressedSquashedNoiseCiphertextList`)
/// and tfhe-rs's `CompressedSquashedNoiseCiphertextList` objects, so a list tfhe-rs (an fhEVM
/// coprocessor) made decrypts here and a list made here is written in tfhe-rs's layout.
///
/// ```swift
/// if let list = try CompressedSquashedNoiseCiphertextList.read(bytes) {
///     let values = try compressionPrivateKey.decrypt(list)
/// }
/// ```
extension CompressedSquashedNoiseCiphertextList {
    /// A list from a tfhe-rs object: every GLWE of one shape, all but the last full, the packed
    /// coefficients unpacked (and scaled back to 128 bits when stored with fewer), their total
    /// bounded by `limits.maxExpandedSize` before anything is unpacked.
    /// - Throws: `TfheRsError.invalidField` for shapes a list cannot have,
    ///   `.expansionLimitExceeded` beyond the limit.
    public init(tfheRs l: TfheRsCompressedSquashedNoiseCiphertextList, limits: TfheRsLimits = .ciphertext) throws(TfheRsError) {
        guard let meta = l.meta, let first = l.glweCiphertexts.first else {
            // tfhe-rs writes an empty list without metadata.
            self = try TfheRsError.invalid("compressed squashed-noise list") { () throws(TFHEError) in
                try CompressedSquashedNoiseCiphertextList(messageModulus: 4, carryModulus: 4, lwePerGlwe: 1, glweDimension: 1,
                                                          polynomialSize: 2, glwes: [], blockCount: 0, kinds: l.info)
            }
            return
        }
        for (at, g) in l.glweCiphertexts.enumerated() {
            guard g.glweDimension == first.glweDimension, g.polynomialSize == first.polynomialSize else {
                throw .invalidField("compressed squashed-noise GLWE \(at) is \(g.glweDimension)×\(g.polynomialSize), GLWE 0 \(first.glweDimension)×\(first.polynomialSize)")
            }
            guard at == l.glweCiphertexts.count - 1 || g.bodiesCount == meta.lwePerGlwe else {
                throw .invalidField("compressed squashed-noise GLWE \(at) holds \(g.bodiesCount) blocks, not the list's \(meta.lwePerGlwe)")
            }
        }
        guard meta.lwePerGlwe <= first.polynomialSize, first.glweDimension <= 16 else {
            throw .invalidField("a \(first.glweDimension)×\(first.polynomialSize) GLWE cannot pack \(meta.lwePerGlwe) blocks")
        }
        // Each GLWE unpacks to (k+1)·N u128 whatever its stored bit width (k ≤ 16, N ≤ 2^16).
        let expanded = l.glweCiphertexts.count.multipliedReportingOverflow(by: (first.glweDimension + 1) * first.polynomialSize * 16)
        guard !expanded.overflow, expanded.partialValue <= limits.maxExpandedSize else {
            throw .expansionLimitExceeded(size: expanded.overflow ? Int.max : expanded.partialValue, limit: limits.maxExpandedSize)
        }
        let glwes = l.glweCiphertexts.map(Self.unpacked)
        self = try TfheRsError.invalid("compressed squashed-noise list") { () throws(TFHEError) in
            try CompressedSquashedNoiseCiphertextList(messageModulus: meta.messageModulus, carryModulus: meta.carryModulus,
                                                      lwePerGlwe: meta.lwePerGlwe, glweDimension: first.glweDimension,
                                                      polynomialSize: first.polynomialSize, glwes: glwes, blockCount: l.blockCount,
                                                      kinds: l.info)
        }
    }

    /// The GLWE of a packed one: k·N mask coefficients and `bodiesCount` bodies of `logModulus`
    /// bits each (little-endian bit stream over u128 words), shifted back to the top bits; the
    /// remaining bodies zero.
    static func unpacked(_ g: TfheRsModulusSwitchedGlwe128) -> [UInt64] {
        let total = (g.glweDimension + 1) * g.polynomialSize
        var out = [UInt64](repeating: 0, count: 2 * total)
        let log = g.logModulus
        let bytes = g.packed.bytes
        func word(_ w: Int) -> U128 {
            U128(littleEndianBytes: bytes[(bytes.startIndex + 16 * w) ..< (bytes.startIndex + 16 * w + 16)]) ?? .zero
        }
        let keep = log == 128 ? U128.max : (U128(1) << log) &- U128(1)
        for v in 0..<g.initialLength {
            let bit = v * log, w = bit / 128, offset = bit % 128
            var x = word(w) >> offset
            if offset + log > 128 { x = x &+ (word(w + 1) << (128 - offset)) }
            x = U128(low: x.low & keep.low, high: x.high & keep.high) << (128 - log)
            out[2 * v] = x.low
            out[2 * v + 1] = x.high
        }
        return out
    }

    /// The tfhe-rs object: each GLWE's k·N mask coefficients and its blocks' bodies at 128 bits
    /// (tfhe-rs compresses squashed blocks without a modulus switch), with the list's metadata
    /// (none for an empty list, as tfhe-rs writes it).
    public func tfheRs(tag: [UInt8] = []) throws(TfheRsError) -> TfheRsCompressedSquashedNoiseCiphertextList {
        var packed: [TfheRsModulusSwitchedGlwe128] = []
        var remaining = blockCount
        for glwe in glwes {
            let bodies = min(remaining, lwePerGlwe)
            remaining -= bodies
            let values = glweDimension * polynomialSize + bodies
            var bytes = [UInt8](repeating: 0, count: 16 * values)
            for x in 0 ..< 2 * values {
                for b in 0..<8 { bytes[8 * x + b] = UInt8(truncatingIfNeeded: glwe[x] >> UInt64(8 * b)) }
            }
            packed.append(try TfheRsModulusSwitchedGlwe128(packed: TfheRsBulk(bytes: bytes[...], elementSize: 16), logModulus: 128,
                                                           glweDimension: glweDimension, polynomialSize: polynomialSize, bodiesCount: bodies))
        }
        let meta = kinds.isEmpty ? nil : TfheRsCompressedSquashedNoiseCiphertextList.Meta(
            messageModulus: messageModulus, carryModulus: carryModulus, lwePerGlwe: lwePerGlwe)
        return try TfheRsCompressedSquashedNoiseCiphertextList(glweCiphertexts: packed, meta: meta, info: kinds, tag: tag)
    }

    /// The list in `bytes` if they are a tfhe-rs `CompressedSquashedNoiseCiphertextList` (bounded
    /// by `limits`), `nil` for any other object.
    /// - Throws: `TfheRsError` for a list that is damaged or not a valid list.
    public static func read(_ bytes: [UInt8], limits: TfheRsLimits = .ciphertext) throws(TfheRsError) -> CompressedSquashedNoiseCiphertextList? {
        guard bytes.count <= limits.sizeLimit else { throw .sizeLimitExceeded(size: bytes.count, limit: limits.sizeLimit) }
        guard let file = try? TfheRsFile.decode(bytes, limits: limits) else { return nil }
        guard case .compressedSquashedNoiseCiphertextList(let l) = file.object else { return nil }
        return try CompressedSquashedNoiseCiphertextList(tfheRs: l, limits: limits)
    }

    /// The list as a tfhe-rs file of `layout` (1.3 on), `safe_serialize`.
    public func tfheRsFile(layout: TfheRsLayout = .v1_4) throws(TfheRsError) -> [UInt8] {
        try TfheRsFile(object: .compressedSquashedNoiseCiphertextList(try tfheRs()), layout: layout).encode()
    }
}
