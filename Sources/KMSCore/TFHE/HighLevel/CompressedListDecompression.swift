/// Decompression of compressed-list blocks to compute blocks (tfhe-rs
/// `CompressedCiphertextList::get` with its `DecompressionKey`): block i is coefficient
/// `i mod lwe_per_glwe` of GLWE `i / lwe_per_glwe`, sample-extracted as an LWE under the
/// compression key (its values already on the 2^storage grid), modulus-switched to 2N and
/// bootstrapped with the decompression key through the table `x / message_modulus` (the list
/// stores `m · message_modulus · Δ`), giving a clean block under the big key.
extension FheEvaluator {
    func decompress(_ list: CompressedCiphertextList, blocks range: Range<Int>) throws(TFHEError) -> [UInt64] {
        guard let dk = serverKey.decompressionKey, let z = serverKey.parameters.compression else {
            throw .missingKey("the server key has no decompression key (generate it with compression keys, or import a tfhe-rs server key that has one)")
        }
        guard range.lowerBound >= 0, range.upperBound <= list.count else {
            throw .ciphertextMismatch("blocks \(range) of a compressed list of \(list.count)")
        }
        guard list.messageModulus == encoding.messageModulus, list.carryModulus == encoding.carryModulus else {
            throw .ciphertextMismatch("a compressed list with moduli \(list.messageModulus)/\(list.carryModulus)")
        }
        let kc = z.packingKsGlweDimension.value, nc = z.packingKsPolynomialSize.value
        guard list.lwePerGlwe > 0, list.lwePerGlwe <= nc else {
            throw .ciphertextMismatch("\(list.lwePerGlwe) blocks per GLWE of \(nc) coefficients")
        }
        // The GLWEs the blocks live in, back on the 2^64 torus (each once).
        var glwes: [Int: [UInt64]] = [:]
        for b in range {
            let g = b / list.lwePerGlwe
            guard glwes[g] == nil else { continue }
            guard g < list.glweCiphertexts.count else { throw .ciphertextMismatch("block \(b) beyond the list's GLWEs") }
            let glwe = list.glweCiphertexts[g]
            guard glwe.glweDimension.value == kc, glwe.polynomialSize.value == nc else {
                throw .ciphertextMismatch("compressed GLWE \(glwe.glweDimension)×\(glwe.polynomialSize), the decompression key takes \(kc)×\(nc)")
            }
            glwes[g] = glwe.extract().data
        }
        let m = messageModulus
        let lut = table { $0 / m }
        let count = range.count, size = blockSize, per = list.lwePerGlwe
        var out = [UInt64](repeating: 0, count: count * size)
        let workers = min(ParallelWork.workerCount, max(count, 1))
        let sources = glwes
        out.withUnsafeMutableBufferPointer { outBuf in
            let target = SharedMutablePointer(outBuf.baseAddress!)
            ParallelWork.run(workers: workers) { worker in
                let w = PBSWorkspace(bsk: dk, keyswitchLevels: 1)
                var lwe = [UInt64](repeating: 0, count: kc * nc + 1)
                var k = worker
                while k < count {
                    let block = range.lowerBound + k
                    let glwe = sources[block / per]!
                    glwe.withUnsafeBufferPointer { g in
                        lwe.withUnsafeMutableBufferPointer { l in
                            SampleExtraction.extract(g.baseAddress!, coefficient: block % per, glweDimension: kc, polynomialSize: nc,
                                                     into: l.baseAddress!)
                            lut.body.withUnsafeBufferPointer { t in
                                ProgrammableBootstrap.bootstrap(l.baseAddress!, lut: t.baseAddress!, bsk: dk, modulusSwitch: .standard,
                                                                into: target.pointer + k * size, workspace: w)
                            }
                        }
                    }
                    k += workers
                }
            }
        }
        return out
    }
}
