/// The external product GGSW ⊡ GLWE and the CMUX built on it (tfhe-rs
/// `add_external_product_assign`, `cmux`), with the GGSW taken from a Fourier bootstrapping key.
///
/// Every coefficient of the k+1 input polynomials is decomposed into L balanced digits; digit
/// polynomial (level ℓ, row r) is transformed once and multiplied into the k+1 Fourier
/// accumulators by the GGSW's (level, row) polynomials; each accumulator returns to the torus
/// once, added to the output.
package enum ExternalProduct {
    /// `out += bsk[ggsw] ⊡ input`; `input` and `out` are (k+1)·N words.
    package static func addExternalProduct(bsk: FourierLweBootstrapKey, ggsw: Int, input: UnsafePointer<UInt64>,
                                           into out: UnsafeMutablePointer<UInt64>, workspace w: BootstrapWorkspace) {
        let k1 = bsk.glweDimension.value + 1, size = bsk.polynomialSize.value, half = size / 2
        let levels = bsk.decomposer.levelCount.value
        let transform = bsk.transform
        w.accumulators.clear()
        bsk.re.withUnsafeBufferPointer { keyRe in
            bsk.im.withUnsafeBufferPointer { keyIm in
                let ggswRe = keyRe.baseAddress! + ggsw * bsk.ggswStride
                let ggswIm = keyIm.baseAddress! + ggsw * bsk.ggswStride
                for r in 0..<k1 {
                    let poly = input + r * size
                    for j in 0..<size { bsk.decomposer.decompose(poly[j], into: w.digits + j, stride: size) }
                    for t in 0..<levels {
                        // Level block t is level L − t: digit polynomial L − t − 1.
                        transform.forwardInteger(w.digits + (levels - 1 - t) * size, re: w.spectrum.re, im: w.spectrum.im)
                        let row = (t * k1 + r) * k1 * half
                        for c in 0..<k1 {
                            transform.multiplyAccumulate(accRe: w.accumulators.re(c), accIm: w.accumulators.im(c),
                                                         aRe: w.spectrum.re, aIm: w.spectrum.im,
                                                         bRe: ggswRe + row + c * half, bIm: ggswIm + row + c * half)
                        }
                    }
                }
            }
        }
        for c in 0..<k1 {
            transform.backwardAddTorus(re: w.accumulators.re(c), im: w.accumulators.im(c), into: out + c * size)
        }
    }

    /// CMUX with the GGSW of bit s: `acc ← acc·X^(rotation·s)` (negacyclic), i.e.
    /// `acc += GGSW(s) ⊡ (acc·X^rotation − acc)`. `rotation` is in 0 ..< 2N.
    package static func cmuxRotate(bsk: FourierLweBootstrapKey, ggsw: Int, rotation: Int,
                                   accumulator acc: UnsafeMutablePointer<UInt64>, workspace w: BootstrapWorkspace) {
        let k1 = bsk.glweDimension.value + 1, size = bsk.polynomialSize.value
        for c in 0..<k1 {
            NegacyclicRotation.rotateMinusSelf(acc + c * size, by: rotation, size: size, into: w.difference + c * size)
        }
        addExternalProduct(bsk: bsk, ggsw: ggsw, input: w.difference, into: acc, workspace: w)
    }
}

/// Scratch memory of one bootstrapping thread, sized for one (k, N, L): digit polynomials,
/// a digit spectrum, k+1 Fourier accumulators, the CMUX difference and the GLWE accumulator.
/// Allocated once and reused; never shared between threads.
package final class BootstrapWorkspace {
    package let glweSize: Int
    package let polynomialSize: Int
    package let levelCount: Int
    let digits: UnsafeMutablePointer<Int64>
    let spectrum: FourierBuffer
    let accumulators: FourierBuffer
    let difference: UnsafeMutablePointer<UInt64>
    package let accumulator: UnsafeMutablePointer<UInt64>

    package init(glweDimension: GlweDimension, polynomialSize: PolynomialSize, levelCount: DecompositionLevelCount) {
        glweSize = glweDimension.value + 1
        self.polynomialSize = polynomialSize.value
        self.levelCount = levelCount.value
        digits = .allocate(capacity: levelCount.value * polynomialSize.value)
        digits.initialize(repeating: 0, count: levelCount.value * polynomialSize.value)
        spectrum = FourierBuffer(size: polynomialSize.value / 2)
        accumulators = FourierBuffer(size: polynomialSize.value / 2, count: glweSize)
        difference = .allocate(capacity: glweSize * polynomialSize.value)
        difference.initialize(repeating: 0, count: glweSize * polynomialSize.value)
        accumulator = .allocate(capacity: glweSize * polynomialSize.value)
        accumulator.initialize(repeating: 0, count: glweSize * polynomialSize.value)
    }

    /// A workspace for `bsk`'s shape.
    package convenience init(for bsk: FourierLweBootstrapKey) {
        self.init(glweDimension: bsk.glweDimension, polynomialSize: bsk.polynomialSize, levelCount: bsk.decomposer.levelCount)
    }

    deinit {
        digits.deallocate()
        difference.deallocate()
        accumulator.deallocate()
    }

    /// Whether this workspace fits `bsk`.
    package func fits(_ bsk: FourierLweBootstrapKey) -> Bool {
        glweSize == bsk.glweDimension.value + 1 && polynomialSize == bsk.polynomialSize.value
            && levelCount == bsk.decomposer.levelCount.value
    }
}
