/// `LweKeyswitchKey<u64>` (`T[2]`): `Vec<u64>`, NT base_log, NT level, NT output_lwe_size, CM.
/// Data order: per input key coefficient, `level` LWE ciphertexts (level L first) of
/// `output_lwe_size` words.
package struct TfheRsKeyswitchKey: Sendable, Equatable {
    package var data: TfheRsBulk
    package var baseLog: Int
    package var levelCount: Int
    package var outputLweSize: Int

    /// Number of input key coefficients.
    package var inputDimension: Int { data.count / max(levelCount * outputLweSize, 1) }
}

extension TfheRsKeyswitchKey {
    init(from d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.version(TfheRsVersions.lweKeyswitchKey)
        let at = d.offset
        data = try d.bulk(elementSize: 8, max: d.remaining / 8)
        baseLog = try d.decomposition("DecompositionBaseLog")
        levelCount = try d.decomposition("DecompositionLevelCount")
        outputLweSize = try d.newtype("LweSize", max: d.limits.maxDimension + 1)
        try d.nativeCiphertextModulus()
        guard baseLog > 0, levelCount > 0, baseLog * levelCount <= 64, outputLweSize >= 2,
              data.count % (levelCount * outputLweSize) == 0, data.count > 0 else {
            throw .invalidField("key-switching key at offset \(at): \(data.count) words for 2^\(baseLog)×\(levelCount) levels of size \(outputLweSize)")
        }
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.lweKeyswitchKey)
        e.bulk(data)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
        e.newtype("LweSize", outputLweSize)
        e.nativeCiphertextModulus()
    }
}

/// `LwePackingKeyswitchKey` (`T[2]`): `Vec<u64>`, NT base_log, NT level, NT output_glwe_size,
/// NT output_polynomial_size, CM.
package struct TfheRsPackingKeyswitchKey: Sendable, Equatable {
    package var data: TfheRsBulk
    package var baseLog: Int
    package var levelCount: Int
    package var outputGlweSize: Int
    package var outputPolynomialSize: Int
}

extension TfheRsPackingKeyswitchKey {
    init(from d: inout TfheRsDecoder, scalarBytes: Int = 8) throws(TfheRsError) {
        try d.version(TfheRsVersions.lwePackingKeyswitchKey)
        let at = d.offset
        data = try d.bulk(elementSize: scalarBytes, max: d.remaining / scalarBytes)
        baseLog = try d.newtype("DecompositionBaseLog", max: 8 * scalarBytes)
        levelCount = try d.newtype("DecompositionLevelCount", max: 8 * scalarBytes)
        outputGlweSize = try d.newtype("GlweSize", max: 65)
        outputPolynomialSize = try d.dimension("PolynomialSize")
        if scalarBytes == 16 { try d.nativeCiphertextModulus128() } else { try d.nativeCiphertextModulus() }
        let row = levelCount * outputGlweSize * outputPolynomialSize
        guard row > 0, data.count % row == 0 else {
            throw .invalidField("packing key-switching key at offset \(at): \(data.count) elements for rows of \(row)")
        }
    }

    func encode(to e: inout TfheRsEncoder) {
        e.version(TfheRsVersions.lwePackingKeyswitchKey)
        e.bulk(data)
        e.newtype("DecompositionBaseLog", baseLog)
        e.newtype("DecompositionLevelCount", levelCount)
        e.newtype("GlweSize", outputGlweSize)
        e.newtype("PolynomialSize", outputPolynomialSize)
        if data.elementSize == 16 { e.nativeCiphertextModulus128() } else { e.nativeCiphertextModulus() }
    }
}
