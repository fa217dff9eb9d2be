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

    /// Decimation in frequency: natural order in, bit-reversed order out, unnormalised. Stages
    /// go two at a time (radix 4: one pass over memory for two radix-2 stages), with a single
    /// radix-2 stage first when their number is odd; four butterflies at a time in SIMD
    /// registers where a block is wide enough.
    private func forwardInPlace(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        var h = n >> 1
        if n.trailingZeroBitCount % 2 == 1 {
            radix2Forward(re: re, im: im, half: h)
            h >>= 1
        }
        while h >= 2 {
            radix4Forward(re: re, im: im, half: h)
            h >>= 2
        }
    }

    /// One radix-2 DIF stage of half-size `h`: (a, b) → (a + b, (a − b)·W_h^j).
    private func radix2Forward(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, half h: Int) {
        let n = count
        let wr = twiddleRe + (h - 1), wi = twiddleIm + (h - 1)
        var start = 0
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

    /// Two DIF stages (half-sizes h and h/2) in one pass: for j < h/2 the four values
    /// x0 = [j], x1 = [j + h/2], x2 = [j + h], x3 = [j + 3h/2] of each block of 2h, with
    /// W_h^(j + h/2) = −i·W_h^j.
    private func radix4Forward(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, half h: Int) {
        let n = count, q = h >> 1
        let w1r = twiddleRe + (h - 1), w1i = twiddleIm + (h - 1)   // W_h^j
        let w2r = twiddleRe + (q - 1), w2i = twiddleIm + (q - 1)   // W_{h/2}^j
        var start = 0
        if q >= 4 {
            while start < n {
                let p0 = start, p1 = start &+ q, p2 = start &+ h, p3 = start &+ h &+ q
                var j = 0
                while j < q {
                    let x0r = Self.load(re + (p0 &+ j)), x0i = Self.load(im + (p0 &+ j))
                    let x1r = Self.load(re + (p1 &+ j)), x1i = Self.load(im + (p1 &+ j))
                    let x2r = Self.load(re + (p2 &+ j)), x2i = Self.load(im + (p2 &+ j))
                    let x3r = Self.load(re + (p3 &+ j)), x3i = Self.load(im + (p3 &+ j))
                    let ar = Self.load(w1r + j), ai = Self.load(w1i + j)
                    let br = Self.load(w2r + j), bi = Self.load(w2i + j)
                    // Stage h.
                    let s0r = x0r + x2r, s0i = x0i + x2i
                    let s1r = x1r + x3r, s1i = x1i + x3i
                    let d0r = x0r - x2r, d0i = x0i - x2i
                    let d1r = x1r - x3r, d1i = x1i - x3i
                    let t2r = d0r * ar - d0i * ai, t2i = d0r * ai + d0i * ar
                    // (d1·(−i))·W = (d1i − i·d1r)·W
                    let t3r = d1i * ar + d1r * ai, t3i = d1i * ai - d1r * ar
                    // Stage h/2 on (s0, s1) and (t2, t3).
                    Self.store(s0r + s1r, re + (p0 &+ j)); Self.store(s0i + s1i, im + (p0 &+ j))
                    let e0r = s0r - s1r, e0i = s0i - s1i
                    Self.store(e0r * br - e0i * bi, re + (p1 &+ j)); Self.store(e0r * bi + e0i * br, im + (p1 &+ j))
                    Self.store(t2r + t3r, re + (p2 &+ j)); Self.store(t2i + t3i, im + (p2 &+ j))
                    let e1r = t2r - t3r, e1i = t2i - t3i
                    Self.store(e1r * br - e1i * bi, re + (p3 &+ j)); Self.store(e1r * bi + e1i * br, im + (p3 &+ j))
                    j &+= 4
                }
                start &+= h << 1
            }
        } else {
            while start < n {
                let p0 = start, p1 = start &+ q, p2 = start &+ h, p3 = start &+ h &+ q
                for j in 0..<q {
                    let x0r = re[p0 &+ j], x0i = im[p0 &+ j], x1r = re[p1 &+ j], x1i = im[p1 &+ j]
                    let x2r = re[p2 &+ j], x2i = im[p2 &+ j], x3r = re[p3 &+ j], x3i = im[p3 &+ j]
                    let ar = w1r[j], ai = w1i[j], br = w2r[j], bi = w2i[j]
                    let s0r = x0r + x2r, s0i = x0i + x2i
                    let s1r = x1r + x3r, s1i = x1i + x3i
                    let d0r = x0r - x2r, d0i = x0i - x2i
                    let d1r = x1r - x3r, d1i = x1i - x3i
                    let t2r = d0r * ar - d0i * ai, t2i = d0r * ai + d0i * ar
                    let t3r = d1i * ar + d1r * ai, t3i = d1i * ai - d1r * ar
                    re[p0 &+ j] = s0r + s1r; im[p0 &+ j] = s0i + s1i
                    let e0r = s0r - s1r, e0i = s0i - s1i
                    re[p1 &+ j] = e0r * br - e0i * bi; im[p1 &+ j] = e0r * bi + e0i * br
                    re[p2 &+ j] = t2r + t3r; im[p2 &+ j] = t2i + t3i
                    let e1r = t2r - t3r, e1i = t2i - t3i
                    re[p3 &+ j] = e1r * br - e1i * bi; im[p3 &+ j] = e1r * bi + e1i * br
                }
                start &+= h << 1
            }
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
    /// twiddles (the inverse DFT up to the factor n). Radix 4 as the forward transform, the
    /// single radix-2 stage (if any) first.
    private func backwardInPlace(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        let n = count
        var h = 1
        if n.trailingZeroBitCount % 2 == 1 {
            radix2Backward(re: re, im: im, half: 1)
            h = 2
        }
        while h < n {
            radix4Backward(re: re, im: im, half: h << 1)
            h <<= 2
        }
    }

    /// One radix-2 DIT stage of half-size `h`: (a, b) → (a + b·conj(W), a − b·conj(W)).
    private func radix2Backward(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, half h: Int) {
        let n = count
        let wr = twiddleRe + (h - 1), wi = twiddleIm + (h - 1)
        var start = 0
        while start < n {
            let a = start, b = start &+ h
            for j in 0..<h {
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

    /// Two DIT stages (half-sizes h/2 then h) in one pass, the inverse of `radix4Forward`:
    /// conj(W_h^(j + h/2)) = i·conj(W_h^j).
    private func radix4Backward(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, half h: Int) {
        let n = count, q = h >> 1
        let w1r = twiddleRe + (h - 1), w1i = twiddleIm + (h - 1)   // W_h^j (conjugated below)
        let w2r = twiddleRe + (q - 1), w2i = twiddleIm + (q - 1)   // W_{h/2}^j
        var start = 0
        if q >= 4 {
            while start < n {
                let p0 = start, p1 = start &+ q, p2 = start &+ h, p3 = start &+ h &+ q
                var j = 0
                while j < q {
                    let x0r = Self.load(re + (p0 &+ j)), x0i = Self.load(im + (p0 &+ j))
                    let x1r = Self.load(re + (p1 &+ j)), x1i = Self.load(im + (p1 &+ j))
                    let x2r = Self.load(re + (p2 &+ j)), x2i = Self.load(im + (p2 &+ j))
                    let x3r = Self.load(re + (p3 &+ j)), x3i = Self.load(im + (p3 &+ j))
                    let ar = Self.load(w1r + j), ai = Self.load(w1i + j)
                    let br = Self.load(w2r + j), bi = Self.load(w2i + j)
                    // Stage h/2: t = x1·conj(B), u = x3·conj(B).
                    let tr = x1r * br + x1i * bi, ti = x1i * br - x1r * bi
                    let ur = x3r * br + x3i * bi, ui = x3i * br - x3r * bi
                    let y0r = x0r + tr, y0i = x0i + ti, y1r = x0r - tr, y1i = x0i - ti
                    let y2r = x2r + ur, y2i = x2i + ui, y3r = x2r - ur, y3i = x2i - ui
                    // Stage h: v = y2·conj(A), w = y3·i·conj(A).
                    let vr = y2r * ar + y2i * ai, vi = y2i * ar - y2r * ai
                    let cr = y3r * ar + y3i * ai, ci = y3i * ar - y3r * ai
                    let wr = -ci, wi = cr
                    Self.store(y0r + vr, re + (p0 &+ j)); Self.store(y0i + vi, im + (p0 &+ j))
                    Self.store(y0r - vr, re + (p2 &+ j)); Self.store(y0i - vi, im + (p2 &+ j))
                    Self.store(y1r + wr, re + (p1 &+ j)); Self.store(y1i + wi, im + (p1 &+ j))
                    Self.store(y1r - wr, re + (p3 &+ j)); Self.store(y1i - wi, im + (p3 &+ j))
                    j &+= 4
                }
                start &+= h << 1
            }
        } else {
            while start < n {
                let p0 = start, p1 = start &+ q, p2 = start &+ h, p3 = start &+ h &+ q
                for j in 0..<q {
                    let x0r = re[p0 &+ j], x0i = im[p0 &+ j], x1r = re[p1 &+ j], x1i = im[p1 &+ j]
                    let x2r = re[p2 &+ j], x2i = im[p2 &+ j], x3r = re[p3 &+ j], x3i = im[p3 &+ j]
                    let ar = w1r[j], ai = w1i[j], br = w2r[j], bi = w2i[j]
                    let tr = x1r * br + x1i * bi, ti = x1i * br - x1r * bi
                    let ur = x3r * br + x3i * bi, ui = x3i * br - x3r * bi
                    let y0r = x0r + tr, y0i = x0i + ti, y1r = x0r - tr, y1i = x0i - ti
                    let y2r = x2r + ur, y2i = x2i + ui, y3r = x2r - ur, y3i = x2i - ui
                    let vr = y2r * ar + y2i * ai, vi = y2i * ar - y2r * ai
                    let cr = y3r * ar + y3i * ai, ci = y3i * ar - y3r * ai
                    let wr = -ci, wi = cr
                    re[p0 &+ j] = y0r + vr; im[p0 &+ j] = y0i + vi
                    re[p2 &+ j] = y0r - vr; im[p2 &+ j] = y0i - vi
                    re[p1 &+ j] = y1r + wr; im[p1 &+ j] = y1i + wi
                    re[p3 &+ j] = y1r - wr; im[p3 &+ j] = y1i - wi
                }
                start &+= h << 1
            }
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
