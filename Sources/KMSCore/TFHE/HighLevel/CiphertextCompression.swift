extension CompressedCiphertextList {
    /// Compresses LWE blocks as tfhe-rs's `compress_ciphertexts_into_list` does: each block is
    /// multiplied by the message modulus, `lwe_per_glwe` blocks at a time are packing-key-switched
    /// into a GLWE, which is modulus-switched to 2^`storage_log_modulus` and packed.
    /// - Parameter blocks: fresh blocks (empty carries) under the packing key's input key.
    package static func compress(_ blocks: LweCiphertextList, packingKey: LwePackingKeyswitchKey,
                                parameters: CompressionParameters, encoding: BlockEncoding) throws(TFHEError) -> CompressedCiphertextList {
        let per = parameters.lwePerGlwe
        guard per > 0, per <= packingKey.polynomialSize.value else { throw .invalidParameters("lwe_per_glwe must be in 1…N") }
        let size = blocks.lweSize
        let factor = UInt64(encoding.messageModulus)
        var glwes: [ModulusSwitchedGlweCiphertext] = []
        var start = 0
        while start < blocks.count {
            let end = min(start + per, blocks.count)
            let scaled = blocks.data[start * size ..< end * size].map { $0 &* factor }
            let chunk = LweCiphertextList(trusted: blocks.lweDimension, scaled)
            let glwe = try LwePackingKeyswitch.keyswitchAndPack(chunk, key: packingKey)
            glwes.append(try .compress(glwe, bodiesCount: end - start, logModulus: parameters.storageLogModulus))
            start = end
        }
        return try CompressedCiphertextList(glweCiphertexts: glwes, messageModulus: encoding.messageModulus,
                                            carryModulus: encoding.carryModulus, lwePerGlwe: per, count: blocks.count)
    }
}
