import Foundation

/// The f64 negacyclic Fourier transform of tfhe-rs (`tfhe-fft`, `FftView`), for products in
/// Z_{2^64}[X]/(X^N + 1): a polynomial of N coefficients becomes N/2 complex values, pointwise
/// products of two spectra are the spectrum of the negacyclic product, and the backward
/// transform brings a product back to the torus.
///
/// Convention (the one tfhe-rs serializes): fold `z_j = P_j + i·P_{j+N/2}` (coefficients read
/// as signed; torus values scaled by 2^-64), twist by ζ^j with ζ = e^{iπ/N}, then the
/// unnormalised forward DFT of size N/2 (e^{−2πi/n}). Value k of the natural-order spectrum is
/// the polynomial evaluated at ζ^{1−4k}.
///
/// Internally the spectrum is kept in **bit-reversed order** (a decimation-in-frequency forward
/// and a decimation-in-time backward need no reordering pass); `naturalIndex(_:)` maps a
/// position to the natural index tfhe-rs files use. Re and Im are separate contiguous arrays.
///
/// Products are not exact: the result of a product whose exact value lies within 2^51 of
/// torus units is correct up to the f64 rounding of its terms, as tfhe-rs's own products are
/// (tfhe-rs counts this in its noise model). Exact products with binary keys use
/// `exactBinaryProduct`.
///
/// Plans are immutable after creation and shared between threads (`plan(polynomialSize:)`).
package final class FourierTransform: @unchecked Sendable {
    /// N, the number of polynomial coefficients.
    package let polynomialSize: Int
    /// N/2, the number of complex values of a spectrum.
    package let count: Int
    /// Twist ζ^j, scaled by 2^-64 (torus input) and unscaled (integer input).
    private let twistRe: UnsafeMutablePointer<Double>, twistIm: UnsafeMutablePointer<Double>
    /// conj(ζ^j)/n: untwist and normalisation of the backward transform.
    private let untwistRe: UnsafeMutablePointer<Double>, untwistIm: UnsafeMutablePointer<Double>
    /// Stage twiddles, stage of half-size h at offset h − 1: e^{−2πi·j/(2h)} for j < h.
    private let twiddleRe: UnsafeMutablePointer<Double>, twiddleIm: UnsafeMutablePointer<Double>
    private let bitReversed: UnsafeMutablePointer<Int32>

    /// Polynomial sizes a plan accepts.
    package static let supportedSizes: ClosedRange<Int> = 4...(1 << 16)

    private init(polynomialSize: Int) {
        precondition(Self.supportedSizes.contains(polynomialSize) && polynomialSize & (polynomialSize - 1) == 0,
                     "FourierTransform: polynomial size must be a power of two in 4…65536 (checked by callers)")
        self.polynomialSize = polynomialSize
        let n = polynomialSize / 2
        count = n
        twistRe = .allocate(capacity: n); twistIm = .allocate(capacity: n)
        untwistRe = .allocate(capacity: n); untwistIm = .allocate(capacity: n)
        twiddleRe = .allocate(capacity: n); twiddleIm = .allocate(capacity: n)
        bitReversed = .allocate(capacity: n)
        let bigN = Double(polynomialSize)
        for j in 0..<n {
            // ζ^j = e^{iπj/N}, computed directly for every j (no recurrence drift).
            let angle = Double.pi * Double(j) / bigN
            twistRe[j] = cos(angle); twistIm[j] = sin(angle)
            untwistRe[j] = cos(angle) / Double(n); untwistIm[j] = -sin(angle) / Double(n)
        }
        var h = 1
        while h < n {
            for j in 0..<h {
                let angle = -Double.pi * Double(j) / Double(h)
                twiddleRe[h - 1 + j] = cos(angle)
                twiddleIm[h - 1 + j] = sin(angle)
            }
            h <<= 1
        }
        twiddleRe[n - 1] = 0; twiddleIm[n - 1] = 0
        let bits = n.trailingZeroBitCount
        for i in 0..<n {
            var r = 0, x = i
            for _ in 0..<bits { r = (r << 1) | (x & 1); x >>= 1 }
            bitReversed[i] = Int32(r)
        }
    }

    deinit {
        twistRe.deallocate(); twistIm.deallocate()
        untwistRe.deallocate(); untwistIm.deallocate()
        twiddleRe.deallocate(); twiddleIm.deallocate()
        bitReversed.deallocate()
    }

    private static let cache = PlanCache()

    /// The shared plan for polynomials of `polynomialSize` coefficients.
    /// - Throws: `TFHEError.invalidParameters` unless the size is a power of two in 4…65536.
    package static func plan(polynomialSize: Int) throws(TFHEError) -> FourierTransform {
        guard supportedSizes.contains(polynomialSize), polynomialSize & (polynomialSize - 1) == 0 else {
            throw .invalidParameters("polynomial size \(polynomialSize) is not a power of two in 4…65536")
        }
        return cache.plan(polynomialSize)
    }

    private final class PlanCache: @unchecked Sendable {
        private let lock = NSLock()
        private var plans: [Int: FourierTransform] = [:]
        func plan(_ size: Int) -> FourierTransform {
            lock.lock(); defer { lock.unlock() }
            if let p = plans[size] { return p }
            let p = FourierTransform(polynomialSize: size)
            plans[size] = p
            return p
        }
    }

    /// The natural (tfhe-rs file) index of spectrum position `position`; an involution.
    @inlinable package func naturalIndex(_ position: Int) -> Int { Int(bitReversedIndex(position)) }

    @usableFromInline func bitReversedIndex(_ i: Int) -> Int32 { bitReversed[i] }

    // MARK: Forward

    /// The spectrum of a torus polynomial (u64 coefficients read as signed, scaled by 2^-64).
    package func forwardTorus(_ p: UnsafePointer<UInt64>, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        let scale = 0x1p-64
        for j in 0..<n {
            let x = Double(Int64(bitPattern: p[j])) * scale
            let y = Double(Int64(bitPattern: p[j &+ n])) * scale
            let tr = twistRe[j], ti = twistIm[j]
            re[j] = x * tr - y * ti
            im[j] = x * ti + y * tr
        }
        forwardInPlace(re: re, im: im)
    }

    /// The spectrum of a polynomial of signed integers (decomposition digits), unscaled.
    package func forwardInteger(_ p: UnsafePointer<Int64>, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        for j in 0..<n {
            let x = Double(p[j])
            let y = Double(p[j &+ n])
            let tr = twistRe[j], ti = twistIm[j]
            re[j] = x * tr - y * ti
            im[j] = x * ti + y * tr
        }
        forwardInPlace(re: re, im: im)
    }

    /// Decimation in frequency: natural order in, bit-reversed order out, unnormalised.
    /// Stages with at least four butterflies per block run four at a time in SIMD registers.
    private func forwardInPlace(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        var h = n >> 1
        while h >= 1 {
            let wr = twiddleRe + (h - 1), wi = twiddleIm + (h - 1)
            var start = 0
            if h >= 4 {
                while start < n {
                    let a = start, b = start &+ h
                    var j = 0
                    while j < h {
                        let ar = Self.load(re + (a &+ j)), ai = Self.load(im + (a &+ j))
                        let br = Self.load(re + (b &+ j)), bi = Self.load(im + (b &+ j))
                        Self.store(ar + br, re + (a &+ j)); Self.store(ai + bi, im + (a &+ j))
                        let dr = ar - br, di = ai - bi
                        let tr = Self.load(wr + j), ti = Self.load(wi + j)
                        Self.store(dr * tr - di * ti, re + (b &+ j))
                        Self.store(dr * ti + di * tr, im + (b &+ j))
                        j &+= 4
                    }
                    start &+= h << 1
                }
            } else if h == 1 {
                while start < n {
                    let ar = re[start], ai = im[start], br = re[start &+ 1], bi = im[start &+ 1]
                    re[start] = ar + br; im[start] = ai + bi
                    re[start &+ 1] = ar - br; im[start &+ 1] = ai - bi
                    start &+= 2
                }
            } else {
                while start < n {
                    let a = start, b = start &+ h
                    for j in 0..<h {
                        let ar = re[a &+ j], ai = im[a &+ j], br = re[b &+ j], bi = im[b &+ j]
                        re[a &+ j] = ar + br; im[a &+ j] = ai + bi
                        let dr = ar - br, di = ai - bi
                        let tr = wr[j], ti = wi[j]
                        re[b &+ j] = dr * tr - di * ti
                        im[b &+ j] = dr * ti + di * tr
                    }
                    start &+= h << 1
                }
            }
            h >>= 1
        }
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always) static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always) static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    // MARK: Backward

    /// Decimation in time: bit-reversed order in, natural order out, unnormalised, conjugate
    /// twiddles (the inverse DFT up to the factor n). SIMD as the forward transform.
    private func backwardInPlace(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        var h = 1
        while h < n {
            let wr = twiddleRe + (h - 1), wi = twiddleIm + (h - 1)
            var start = 0
            if h >= 4 {
                while start < n {
                    let a = start, b = start &+ h
                    var j = 0
                    while j < h {
                        let xr = Self.load(re + (b &+ j)), xi = Self.load(im + (b &+ j))
                        let tr = Self.load(wr + j), ti = Self.load(wi + j)
                        let br = xr * tr + xi * ti
                        let bi = xi * tr - xr * ti
                        let ar = Self.load(re + (a &+ j)), ai = Self.load(im + (a &+ j))
                        Self.store(ar + br, re + (a &+ j)); Self.store(ai + bi, im + (a &+ j))
                        Self.store(ar - br, re + (b &+ j)); Self.store(ai - bi, im + (b &+ j))
                        j &+= 4
                    }
                    start &+= h << 1
                }
            } else if h == 1 {
                while start < n {
                    let ar = re[start], ai = im[start], br = re[start &+ 1], bi = im[start &+ 1]
                    re[start] = ar + br; im[start] = ai + bi
                    re[start &+ 1] = ar - br; im[start &+ 1] = ai - bi
                    start &+= 2
                }
            } else {
                while start < n {
                    let a = start, b = start &+ h
                    for j in 0..<h {
                        // b·conj(w)
                        let xr = re[b &+ j], xi = im[b &+ j]
                        let tr = wr[j], ti = wi[j]
                        let br = xr * tr + xi * ti
                        let bi = xi * tr - xr * ti
                        let ar = re[a &+ j], ai = im[a &+ j]
                        re[a &+ j] = ar + br; im[a &+ j] = ai + bi
                        re[b &+ j] = ar - br; im[b &+ j] = ai - bi
                    }
                    start &+= h << 1
                }
            }
            h <<= 1
        }
    }

    /// Transforms a spectrum back to the torus and **adds** it to `out` (N coefficients,
    /// wrapping). The spectrum buffers are used as scratch.
    package func backwardAddTorus(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<UInt64>) {
        backwardInPlace(re: re, im: im)
        let n = count
        for j in 0..<n {
            let xr = re[j], xi = im[j]
            let ur = untwistRe[j], ui = untwistIm[j]
            out[j] &+= Self.fromTorus(xr * ur - xi * ui)
            out[j &+ n] &+= Self.fromTorus(xr * ui + xi * ur)
        }
    }

    /// Transforms a spectrum back to the torus into `out` (overwritten). Scratch as above.
    package func backwardTorus(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<UInt64>) {
        out.update(repeating: 0, count: polynomialSize)
        backwardAddTorus(re: re, im: im, into: out)
    }

    /// Transforms a spectrum back to signed integers (rounded to nearest), for products whose
    /// exact value is below 2^51 in magnitude. Scratch as above.
    package func backwardInteger(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Int64>) {
        backwardInPlace(re: re, im: im)
        let n = count
        for j in 0..<n {
            let xr = re[j], xi = im[j]
            let ur = untwistRe[j], ui = untwistIm[j]
            out[j] = Int64(Self.roundToEven(xr * ur - xi * ui))
            out[j &+ n] = Int64(Self.roundToEven(xr * ui + xi * ur))
        }
    }

    /// `x` rounded to the nearest integer, ties to even, for |x| < 2^51 (one add and one
    /// subtract instead of a library call).
    @inline(__always) static func roundToEven(_ x: Double) -> Double {
        let magic = 6755399441055744.0 // 1.5·2^52
        return (x + magic) - magic
    }

    /// The u64 torus value of a real torus value: the fractional part (x − round(x) ∈ [−½, ½])
    /// times 2^64, as a two's-complement word (tfhe-rs `from_torus`). Values too large for the
    /// fast rounding take the library path.
    @inline(__always) static func fromTorus(_ x: Double) -> UInt64 {
        let r = abs(x) < 0x1p51 ? roundToEven(x) : x.rounded(.toNearestOrEven)
        let f = x - r
        // f·2^64 ∈ [−2^63, 2^63]; the one value that does not fit an Int64 saturates.
        let v = min(f * 0x1p64, 9223372036854774784.0)
        return UInt64(bitPattern: Int64(v))
    }

    // MARK: Pointwise

    /// `acc += a ⊙ b` over `count` complex values (a multiple of 4 for N ≥ 8; SIMD).
    @inline(__always)
    package func multiplyAccumulate(accRe: UnsafeMutablePointer<Double>, accIm: UnsafeMutablePointer<Double>,
                                    aRe: UnsafePointer<Double>, aIm: UnsafePointer<Double>,
                                    bRe: UnsafePointer<Double>, bIm: UnsafePointer<Double>) {
        var j = 0
        while j &+ 4 <= count {
            let ar = Self.load(aRe + j), ai = Self.load(aIm + j), br = Self.load(bRe + j), bi = Self.load(bIm + j)
            Self.store(Self.load(accRe + j) + (ar * br - ai * bi), accRe + j)
            Self.store(Self.load(accIm + j) + (ar * bi + ai * br), accIm + j)
            j &+= 4
        }
        while j < count {
            let ar = aRe[j], ai = aIm[j], br = bRe[j], bi = bIm[j]
            accRe[j] += ar * br - ai * bi
            accIm[j] += ar * bi + ai * br
            j &+= 1
        }
    }
}
