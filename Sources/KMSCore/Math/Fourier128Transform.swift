/// tfhe-rs's 128-bit Fourier form of a polynomial in Z_{2^128}[X]/(X^N + 1) (tfhe-fft's
/// `fft128` plan as `Fourier128LweBootstrapKey` uses it): the N/2 complex double-double values
/// `Z_p = P̃(ζ^(1 + 4·brv(p)))`, ζ = e^(iπ/N), p = 0 … N/2 − 1 with brv the bit reversal over
/// log2(N/2) bits, where P̃ is the polynomial with coefficients read as signed integers and
/// scaled by 2^−128 (a torus value in [−½, ½)). Each value is stored as four doubles: real high
/// and low, imaginary high and low (`re0`, `re1`, `im0`, `im1`).
///
/// Method: with n = N/2 and z_j = (P̃_j + i·P̃_{j+n})·ζ^j, `Z_p = Σ_j z_j·ξ^(j·brv(p))`, ξ = e^(2πi/n)
/// — a twisted DFT of size n whose decimation-in-frequency form leaves the outputs in exactly
/// this bit-reversed order; the inverse runs decimation in time with conjugate twiddles, divides
/// by n and untwists. Twiddles are computed to double-double precision (Taylor series after
/// reduction to |θ| ≤ π/4). A round trip loses what 106 bits cannot hold of a 128-bit
/// coefficient (errors of about 2^22–2^25, far below any noise-squashing key's noise).
///
/// ```swift
/// let t = Fourier128Transform(polynomialSize: 2048)!
/// let spectrum = t.forward(polynomialWords)        // 1024 complex double-doubles (u128 interleaved in)
/// let back = t.backward(spectrum)                    // ≈ the polynomial (mod 2^128)
/// ```
package final class Fourier128Transform: Sendable {
    /// N.
    package let polynomialSize: Int
    /// ζ^j for j < n.
    let twist: [ComplexDoubleDouble]
    /// ξ^k for k < n/2.
    let roots: [ComplexDoubleDouble]

    /// A transform for N, a power of two in 4…65536; nil otherwise.
    package init?(polynomialSize size: Int) {
        guard size >= 4, size <= 1 << 16, size & (size - 1) == 0 else { return nil }
        polynomialSize = size
        let n = size / 2
        twist = (0..<n).map { j in
            let (c, s) = DoubleDouble.cosSinPi(j, over: size)
            return ComplexDoubleDouble(c, s)
        }
        // ξ^k = e^(2πik/n) = e^(iπ·4k/N).
        roots = (0 ..< max(n / 2, 1)).map { k in
            let (c, s) = DoubleDouble.cosSinPi(4 * k, over: size)
            return ComplexDoubleDouble(c, s)
        }
    }

    /// The spectrum of `polynomial` (N interleaved u128 words, 2N `UInt64`): N/2 values in
    /// tfhe-rs's order.
    package func forward(_ polynomial: UnsafeBufferPointer<UInt64>) -> [ComplexDoubleDouble] {
        let n = polynomialSize / 2
        var x = [ComplexDoubleDouble](repeating: .zero, count: n)
        for j in 0..<n {
            let re = DoubleDouble(signed: U128(low: polynomial[2 * j], high: polynomial[2 * j + 1])).scaled(by: -128)
            let im = DoubleDouble(signed: U128(low: polynomial[2 * (j + n)], high: polynomial[2 * (j + n) + 1])).scaled(by: -128)
            x[j] = ComplexDoubleDouble(re, im) * twist[j]
        }
        // Decimation in frequency: natural input, bit-reversed output.
        var len = n
        while len >= 2 {
            let half = len / 2, step = n / len
            var start = 0
            while start < n {
                for k in 0..<half {
                    let a = x[start + k], b = x[start + k + half]
                    x[start + k] = a + b
                    x[start + k + half] = (a - b) * roots[k * step]
                }
                start += len
            }
            len = half
        }
        return x
    }

    /// The polynomial of a spectrum of N/2 values: N interleaved u128, each coefficient rounded
    /// to the nearest integer modulo 2^128.
    package func backward(_ spectrum: [ComplexDoubleDouble]) -> [UInt64] {
        let n = polynomialSize / 2
        var x = spectrum
        // Decimation in time: bit-reversed input, natural output, conjugate twiddles.
        var len = 2
        while len <= n {
            let half = len / 2, step = n / len
            var start = 0
            while start < n {
                for k in 0..<half {
                    let a = x[start + k], b = x[start + k + half] * roots[k * step].conjugate
                    x[start + k] = a + b
                    x[start + k + half] = a - b
                }
                start += len
            }
            len *= 2
        }
        var out = [UInt64](repeating: 0, count: 2 * polynomialSize)
        let scale = 128 - (n.trailingZeroBitCount)
        for j in 0..<n {
            let z = x[j] * twist[j].conjugate
            let re = z.re.scaled(by: scale).roundedModulo128(), im = z.im.scaled(by: scale).roundedModulo128()
            out[2 * j] = re.low
            out[2 * j + 1] = re.high
            out[2 * (j + n)] = im.low
            out[2 * (j + n) + 1] = im.high
        }
        return out
    }
}
