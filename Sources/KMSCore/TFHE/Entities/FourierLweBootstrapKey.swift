/// A bootstrapping key in the Fourier domain (tfhe-rs `FourierLweBootstrapKey`): for every
/// coefficient s_i of the small LWE key, a GGSW encryption of s_i under the GLWE key, each of
/// its `L·(k+1)·(k+1)` polynomials stored as a spectrum of `FourierTransform`.
///
/// Layout (tfhe-rs's, outer to inner): GGSW i, level block t (decomposition level L − t: the
/// finest level first), row r (0…k), polynomial c (k masks, then the body), N/2 complex values
/// in the transform's bit-reversed internal order. Re and Im are separate arrays.
package struct FourierLweBootstrapKey: Sendable {
    package let inputLweDimension: LweDimension
    package let glweDimension: GlweDimension
    package let polynomialSize: PolynomialSize
    package let decomposer: SignedDecomposer
    package let transform: FourierTransform
    package let re: [Double]
    package let im: [Double]

    /// Wraps spectra, checking their count against the shape.
    package init(inputLweDimension: LweDimension, glweDimension: GlweDimension, polynomialSize: PolynomialSize,
                 decomposer: SignedDecomposer, re: [Double], im: [Double]) throws(TFHEError) {
        let transform = try FourierTransform.plan(polynomialSize: polynomialSize.value)
        let k1 = glweDimension.value + 1
        let expected = inputLweDimension.value.multipliedReportingOverflow(by: decomposer.levelCount.value * k1 * k1 * (polynomialSize.value / 2))
        guard inputLweDimension.value > 0, glweDimension.value > 0, !expected.overflow,
              re.count == expected.partialValue, im.count == expected.partialValue else {
            throw .keyMismatch("Fourier bootstrapping key of \(re.count) values for n=\(inputLweDimension), k=\(glweDimension), N=\(polynomialSize), L=\(decomposer.levelCount)")
        }
        self.inputLweDimension = inputLweDimension
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.decomposer = decomposer
        self.transform = transform
        self.re = re
        self.im = im
    }

    /// Complex values per GGSW: L·(k+1)²·N/2.
    package var ggswStride: Int {
        let k1 = glweDimension.value + 1
        return decomposer.levelCount.value * k1 * k1 * (polynomialSize.value / 2)
    }

    /// Number of polynomials: n·L·(k+1)².
    package var polynomialCount: Int { re.count / (polynomialSize.value / 2) }
}
