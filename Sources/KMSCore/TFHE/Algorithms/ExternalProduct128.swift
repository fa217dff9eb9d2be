/// The external product GGSW ⊡ GLWE over Z_{2^128} and the CMUX built on it, with the GGSW
/// taken from a noise-squashing key (tfhe-rs's f128 `add_external_product_assign` / `cmux`,
/// computed exactly with `Negacyclic128Engine`).
///
/// Every coefficient of the k+1 input polynomials is decomposed into L balanced digits
/// (`U128Decomposer`); digit polynomial (level ℓ, row r) is transformed once and multiplied into
/// the k+1 accumulators by the GGSW's (level, row) spectra; each accumulator returns to
/// Z_{2^128} once, added to the output.
package enum ExternalProduct128 {
    /// `out += key[ggsw] ⊡ input`; `input` and `out` are (k+1)·N u128, interleaved. With a
    /// helper workspace, the (k+1)·L digit polynomials are split between this thread and one
    /// more; the helper's share returns to Z_{2^128} in its own buffer and is added at the end.
    package static func addExternalProduct(key: NoiseSquashingKey, ggsw: Int, input: UnsafePointer<UInt64>,
                                           into out: UnsafeMutablePointer<UInt64>, workspace w: Bootstrap128Workspace) {
        let k1 = key.parameters.glweDimension.value + 1, size = key.parameters.polynomialSize.value
        let total = k1 * key.decomposer.levelCount
        guard let helper = w.helper else {
            addPartialProduct(key: key, ggsw: ggsw, input: input, digitPolynomials: 0 ..< total, into: out, workspace: w)
            return
        }
        let split = (total + 1) / 2
        helper.partial.update(repeating: 0, count: k1 * 2 * size)
        ParallelWork.run(workers: 2) { worker in
            if worker == 0 {
                addPartialProduct(key: key, ggsw: ggsw, input: input, digitPolynomials: 0 ..< split, into: out, workspace: w)
            } else {
                addPartialProduct(key: key, ggsw: ggsw, input: input, digitPolynomials: split ..< total, into: helper.partial,
                                  workspace: helper)
            }
        }
        U128Polynomial.add(helper.partial, into: out, count: k1 * size)
    }

    /// `out += Σ` over the digit polynomials `q` in `digitPolynomials` (q = r·L + t: row r, level
    /// block t) of GGSW(level block t, row r) times digit polynomial q of `input`.
    static func addPartialProduct(key: NoiseSquashingKey, ggsw: Int, input: UnsafePointer<UInt64>, digitPolynomials: Range<Int>,
                                  into out: UnsafeMutablePointer<UInt64>, workspace w: Bootstrap128Workspace) {
        let k1 = key.parameters.glweDimension.value + 1, size = key.parameters.polynomialSize.value
        let levels = key.decomposer.levelCount
        let engine = key.engine
        let base = ggsw * key.ggswStride
        var decomposedRow = -1
        for q in digitPolynomials {
            let r = q / levels, t = q % levels
            if r != decomposedRow {
                key.decomposer.decompose(polynomial: UnsafeBufferPointer(start: input + r * 2 * size, count: 2 * size),
                                         into: UnsafeMutableBufferPointer(start: w.digits, count: levels * size))
                decomposedRow = r
            }
            // Level block t is level L − t: digit polynomial L − t − 1.
            engine.forwardDigits(UnsafeBufferPointer(start: w.digits + (levels - 1 - t) * size, count: size), into: &w.spectrum)
            let row = base + (t * k1 + r) * k1
            for c in 0..<k1 {
                engine.multiplyAccumulate(&w.accumulators[c], key.spectra[row + c], w.spectrum)
            }
        }
        for c in 0..<k1 {
            engine.backwardAdd(&w.accumulators[c], into: UnsafeMutableBufferPointer(start: out + c * 2 * size, count: 2 * size))
        }
    }

    /// CMUX with the GGSW of bit s: `acc ← acc·X^(rotation·s)` (negacyclic), i.e.
    /// `acc += GGSW(s) ⊡ (acc·X^rotation − acc)`. `rotation` is in 0 ..< 2N.
    package static func cmuxRotate(key: NoiseSquashingKey, ggsw: Int, rotation: Int,
                                   accumulator acc: UnsafeMutablePointer<UInt64>, workspace w: Bootstrap128Workspace) {
        let k1 = key.parameters.glweDimension.value + 1, size = key.parameters.polynomialSize.value
        for c in 0..<k1 {
            NegacyclicRotation128.rotateMinusSelf(acc + c * 2 * size, by: rotation, size: size, into: w.difference + c * 2 * size)
        }
        addExternalProduct(key: key, ggsw: ggsw, input: w.difference, into: acc, workspace: w)
    }
}

/// Scratch memory of one u128 bootstrapping thread, sized for one (k, N, L): digit polynomials,
/// a digit spectrum, k+1 spectrum accumulators, the CMUX difference and the GLWE accumulator
/// (interleaved u128). Allocated once and reused; never shared between threads.
package final class Bootstrap128Workspace {
    package let glweSize: Int
    package let polynomialSize: Int
    package let levelCount: Int
    let digits: UnsafeMutablePointer<Int64>
    var spectrum: DigitSpectrum
    var accumulators: [SpectrumAccumulator]
    let difference: UnsafeMutablePointer<UInt64>
    /// The GLWE accumulator, (k+1)·N u128 (interleaved).
    package let accumulator: UnsafeMutablePointer<UInt64>
    /// A second thread's workspace: external products are split between the two.
    let helper: Bootstrap128Workspace?
    /// The helper's share of an external product, (k+1)·N u128 (interleaved).
    let partial: UnsafeMutablePointer<UInt64>

    /// A workspace for `key`'s shape; with `twoThreads`, external products run on two threads
    /// (for a single squashing on a machine with a core to spare).
    package init(for key: NoiseSquashingKey, twoThreads: Bool = false) {
        helper = twoThreads ? Bootstrap128Workspace(for: key) : nil
        glweSize = key.parameters.glweDimension.value + 1
        polynomialSize = key.parameters.polynomialSize.value
        levelCount = key.parameters.decompositionLevelCount.value
        digits = .allocate(capacity: levelCount * polynomialSize)
        digits.initialize(repeating: 0, count: levelCount * polynomialSize)
        spectrum = key.engine.makeDigitSpectrum()
        accumulators = (0..<glweSize).map { _ in key.engine.makeAccumulator() }
        difference = .allocate(capacity: glweSize * 2 * polynomialSize)
        difference.initialize(repeating: 0, count: glweSize * 2 * polynomialSize)
        accumulator = .allocate(capacity: glweSize * 2 * polynomialSize)
        accumulator.initialize(repeating: 0, count: glweSize * 2 * polynomialSize)
        partial = .allocate(capacity: glweSize * 2 * polynomialSize)
        partial.initialize(repeating: 0, count: glweSize * 2 * polynomialSize)
    }

    deinit {
        digits.deallocate()
        difference.deallocate()
        accumulator.deallocate()
        partial.deallocate()
    }

    /// Whether this workspace fits `key`.
    package func fits(_ key: NoiseSquashingKey) -> Bool {
        glweSize == key.parameters.glweDimension.value + 1 && polynomialSize == key.parameters.polynomialSize.value
            && levelCount == key.parameters.decompositionLevelCount.value
    }
}
