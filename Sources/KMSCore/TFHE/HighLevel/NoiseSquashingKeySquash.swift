/// tfhe-rs's high-level `squash_noise` (`NoiseSquashingKey::squash_radix_ciphertext_noise` and
/// `squash_boolean_block_noise`): radix blocks are packed in pairs as `high·message_modulus + low`
/// — an LWE linear combination, no bootstrapping, so both carries must be empty (true of fresh
/// encryptions and of bootstrapped blocks) — an odd last block goes alone, a boolean is one
/// block; every packed block is squashed (`NoiseSquashing.squashBlock`) on all cores.
extension NoiseSquashingKey {
    /// Squashes `ciphertext` with the compute `serverKey` of the same client key: blocks under
    /// the big key (as `ClientKey.encrypt` makes them), or a compact list (public-key
    /// encryption), cast to the compute key first as `FheEvaluator` does.
    /// - Throws: `TFHEError.keyMismatch` when `serverKey` does not belong with this key,
    ///   `.invalidParameters` when the parameters do not fit each other, `.ciphertextMismatch`
    ///   when the ciphertext is not LWE blocks under the big key of these parameters.
    public func squash(_ input: FheCiphertext, serverKey: ServerKey) throws(TFHEError) -> SquashedNoiseCiphertext {
        let (ciphertext, list) = try blocksToSquash(input, serverKey: serverKey)
        let msg = UInt64(parameters.messageModulus)
        let size = list.lweSize, count = list.count
        // Pack: (high·msg + low) word by word; degrees as tfhe-rs's (fresh blocks: msg − 1).
        let blockDegree = ciphertext.type == .ebool ? 1 : Int(msg) - 1
        var packed: [[UInt64]] = []
        var degrees: [Int] = []
        var i = 0
        while i < count {
            let low = list.data[i * size ..< (i + 1) * size]
            if ciphertext.type != .ebool, i + 1 < count {
                let high = list.data[(i + 1) * size ..< (i + 2) * size]
                packed.append(zip(low, high).map { $1 &* msg &+ $0 })
                degrees.append(blockDegree * Int(msg) + blockDegree)
                i += 2
            } else {
                packed.append(Array(low))
                degrees.append(blockDegree)
                i += 1
            }
        }
        let blocks = squashLwes(packed, keyswitchKey: serverKey.keyswitchKey)
        return try SquashedNoiseCiphertext(type: ciphertext.type, lweDimension: parameters.lweDimension.value, blocks: blocks,
                                           degrees: degrees, messageModulus: parameters.messageModulus,
                                           carryModulus: parameters.carryModulus)
    }

    /// kms-core's switch-and-squash (kms.md §4.4): every 64-bit block squashed on its own (no
    /// packing), so block j's u128 LWE encrypts that block's message and carry with
    /// Δ = 2^(127 − log2(message·carry)) — what threshold parties decrypt share-wise and what
    /// fhEVM clients of the 2024 KMS recombine 2 bits per block. Twice the bootstraps of `squash`.
    /// Returns one interleaved u128 LWE (2·(k·N + 1) words) per block, least significant first.
    /// - Throws: as `squash`.
    func squashBlocksSeparately(_ input: FheCiphertext, serverKey: ServerKey) throws(TFHEError) -> (type: FheType, blocks: [[UInt64]]) {
        let (ciphertext, list) = try blocksToSquash(input, serverKey: serverKey)
        let size = list.lweSize
        let blocks = (0..<list.count).map { Array(list.data[$0 * size ..< ($0 + 1) * size]) }
        return (ciphertext.type, squashLwes(blocks, keyswitchKey: serverKey.keyswitchKey))
    }

    /// The value's LWE blocks under the big key, after the checks both entry points share.
    private func blocksToSquash(_ input: FheCiphertext, serverKey: ServerKey) throws(TFHEError) -> (FheCiphertext, LweCiphertextList) {
        try parameters.validate(for: serverKey.parameters)
        let ciphertext = try FheEvaluator(serverKey: serverKey).expanded(input)
        let ksk = serverKey.keyswitchKey
        guard ksk.outputLweDimension == inputLweDimension else {
            throw .keyMismatch("the server key switches to dimension \(ksk.outputLweDimension), the noise-squashing key takes \(inputLweDimension)")
        }
        guard case .lwe(let list, let choice) = ciphertext.body, choice == .big else {
            throw .ciphertextMismatch("noise squashing takes LWE blocks under the big key (decompress or expand first)")
        }
        guard list.lweDimension == ksk.inputLweDimension.value else {
            throw .ciphertextMismatch("blocks of dimension \(list.lweDimension) for a key-switching key from dimension \(ksk.inputLweDimension)")
        }
        guard ciphertext.encoding.messageModulus == parameters.messageModulus, ciphertext.encoding.carryModulus == parameters.carryModulus else {
            throw .ciphertextMismatch("block moduli \(ciphertext.encoding.messageModulus)/\(ciphertext.encoding.carryModulus) are not the noise-squashing moduli \(parameters.messageModulus)/\(parameters.carryModulus)")
        }
        return (ciphertext, list)
    }

    /// Squashes u64 LWEs under the big key (k·N + 1 words each, shapes checked by the caller)
    /// on all cores — blocks side by side, and each block's external products on two threads
    /// when there are at least twice as many cores as blocks; one interleaved u128 LWE per input.
    private func squashLwes(_ inputs: [[UInt64]], keyswitchKey ksk: LweKeyswitchKey) -> [[UInt64]] {
        guard !inputs.isEmpty else { return [] }
        let outWords = 2 * (parameters.lweDimension.value + 1)
        var out = [UInt64](repeating: 0, count: inputs.count * outWords)
        let lut = LookupTable128(identityFor: parameters)
        let active = min(ParallelWork.workerCount, inputs.count)
        out.withUnsafeMutableBufferPointer { outBuf in
            let shared = SharedMutablePointer(outBuf.baseAddress!)
            ParallelWork.run(workers: active) { worker in
                let w = NoiseSquashingWorkspace(key: self, keyswitchLevels: ksk.decomposer.levelCount.value,
                                                twoThreads: ParallelWork.workerCount >= 2 * inputs.count)
                var j = worker
                while j < inputs.count {
                    inputs[j].withUnsafeBufferPointer {
                        NoiseSquashing.squashBlock($0.baseAddress!, keyswitchKey: ksk, key: self, lut: lut,
                                                   into: shared.pointer + j * outWords, workspace: w)
                    }
                    j += active
                }
            }
        }
        return (0..<inputs.count).map { Array(out[$0 * outWords ..< ($0 + 1) * outWords]) }
    }
}
