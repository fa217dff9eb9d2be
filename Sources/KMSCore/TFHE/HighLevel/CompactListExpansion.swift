/// Expansion of compact-list entries to compute blocks (tfhe-rs `CompactCiphertextList::expand`
/// with casting): entry j of a bin is the LWE with mask `mask·X^j` under the compact-PKE key;
/// the casting key switches it to the small key, and a bootstrap brings it to the big key with
/// a clean block — the message of an unpacked entry, or the low (`x mod msg`) and high
/// (`x / msg`) blocks of a packed one.
extension FheEvaluator {
    /// `ct` as LWE blocks under the big key: compact lists cast to the compute key, compressed
    /// lists decompressed, seeded blocks expanded; LWE blocks unchanged (the evaluator checks
    /// them when they are used).
    public func expanded(_ ct: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        switch ct.body {
        case .compact, .compressed, .seeded: return try ciphertext(ct.type, blocks(ct))
        default: return ct
        }
    }

    func expandCompact(_ list: LweCompactCiphertextList, blocks range: Range<Int>, packed: Bool) throws(TFHEError) -> [UInt64] {
        guard let cast = serverKey.castingKey else {
            throw .missingKey("the server key has no casting key for compact lists (parameters without a dedicated compact public key, or a tfhe-rs server key without one)")
        }
        let d = list.lweDimension
        guard cast.inputLweDimension.value == d else {
            throw .ciphertextMismatch("compact list of dimension \(d) for a casting key from dimension \(cast.inputLweDimension)")
        }
        let entriesNeeded = packed ? (range.upperBound + 1) / 2 : range.upperBound
        guard range.lowerBound >= 0, entriesNeeded <= list.count else {
            throw .ciphertextMismatch("blocks \(range) of a compact list of \(list.count) entries")
        }
        let m = messageModulus
        let low = table { $0 % m }, high = table { ($0 / m) % m }
        let count = range.count, size = blockSize, key = serverKey
        let small = key.parameters.compute.lweDimension.value
        var out = [UInt64](repeating: 0, count: count * size)
        let workers = min(ParallelWork.workerCount, max(count, 1))
        list.masks.withUnsafeBufferPointer { masks in
            out.withUnsafeMutableBufferPointer { outBuf in
                let target = SharedMutablePointer(outBuf.baseAddress!)
                ParallelWork.run(workers: workers) { worker in
                    let w = PBSWorkspace(bsk: key.bootstrapKey, keyswitchLevels: max(cast.decomposer.levelCount.value, key.keyswitchKey.decomposer.levelCount.value))
                    var entry = [UInt64](repeating: 0, count: d + 1)
                    var switched = [UInt64](repeating: 0, count: small + 1)
                    var digits = [Int64](repeating: 0, count: cast.decomposer.levelCount.value)
                    var k = worker
                    while k < count {
                        let block = range.lowerBound + k
                        let index = packed ? block / 2 : block
                        let bin = index / d, j = index % d
                        entry.withUnsafeMutableBufferPointer { e in
                            NegacyclicRotation.rotate(masks.baseAddress! + bin * d, by: j, size: d, into: e.baseAddress!)
                            e[d] = list.bodies[index]
                            switched.withUnsafeMutableBufferPointer { s in
                                digits.withUnsafeMutableBufferPointer { dg in
                                    LweKeyswitch.keyswitch(e.baseAddress!, key: cast, into: s.baseAddress!, digits: dg.baseAddress!)
                                }
                                let lut = packed && block % 2 == 1 ? high : low
                                lut.body.withUnsafeBufferPointer { l in
                                    ProgrammableBootstrap.bootstrap(s.baseAddress!, lut: l.baseAddress!, bsk: key.bootstrapKey,
                                                                    modulusSwitch: key.modulusSwitchMode,
                                                                    into: target.pointer + k * size, workspace: w)
                                }
                            }
                        }
                        k += workers
                    }
                }
            }
        }
        return out
    }
}
