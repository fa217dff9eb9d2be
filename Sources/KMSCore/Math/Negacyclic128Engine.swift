/// Exact products in Z_{2^128}[X]/(X^N + 1) of a u128 "key" polynomial by a polynomial of small
/// signed digits (|d| ≤ 2^31), the polynomial product of a u128 external product (noise
/// squashing's blind rotation).
///
/// Method: the integer negacyclic product (|coefficients| < N·2^31·2^128 per product) is computed
/// modulo three ~62-bit primes by NTTs, then recovered exactly by CRT over M ≈ 2^186 as a signed
/// integer and reduced mod 2^128. Use it like an FFT external product:
///
/// ```swift
/// let engine = Negacyclic128Engine(polynomialSize: 2048)!     // shared, immutable
/// let ks = engine.forwardKey(keyWords)!                        // once per key polynomial
/// var ds = engine.makeDigitSpectrum(), acc = engine.makeAccumulator()
/// engine.forwardDigits(digits, into: &ds)                      // per decomposed polynomial
/// engine.multiplyAccumulate(&acc, ks, ds)                      // any number ≤ maxAccumulatedProducts
/// engine.backwardAdd(&acc, into: &outputWords)                 // output += Σ K·D (mod 2^128); empties acc
/// ```
///
/// u128 polynomials are interleaved `[UInt64]` of 2·N words (see `U128`). Key and digit spectra
/// are value types owned by callers; the engine holds only immutable tables, so one instance
/// may be used from any number of threads.
package final class Negacyclic128Engine: Sendable {
    /// N.
    package let polynomialSize: Int
    /// The transforms, one per prime (in `NTTPrime.engineModuli` order).
    package let transforms: [NegacyclicNTT]
    let crt: CRT128

    /// The largest digit magnitude the exact range allows.
    package static let maxDigitMagnitude: Int64 = 1 << 31

    /// How many products one accumulator may sum before `backwardAdd` while staying exact:
    /// Σ |K·D| < count·N·2^31·2^128 must stay below M/2 ≈ 2^185, so count ≤ 2^(25 − log2 N)
    /// (16384 at N = 2048), with a margin.
    package let maxAccumulatedProducts: Int

    /// An engine for size N, a power of two in 2…65536; nil otherwise.
    package init?(polynomialSize n: Int) {
        guard n >= 2, n <= 1 << (NTTPrime.maxTwoAdicity - 1), n & (n - 1) == 0 else { return nil }
        let primes = NTTPrime.engineModuli.compactMap(NTTPrime.init)
        guard primes.count == 3, let crt = CRT128(primes[0], primes[1], primes[2]) else { return nil }
        var transforms: [NegacyclicNTT] = []
        for prime in primes {
            // Backward Montgomery-reduces the accumulator (·2^−64), so scale the inverse by 2^64.
            let r64 = prime.reduce(low: 0, high: 1)
            guard let t = NegacyclicNTT(prime: prime, size: n, outputFactor: r64) else { return nil }
            transforms.append(t)
        }
        self.polynomialSize = n
        self.transforms = transforms
        self.crt = crt
        self.maxAccumulatedProducts = 1 << (25 - n.trailingZeroBitCount)
    }

    /// Words in a spectrum (3·N).
    package var spectrumCount: Int { transforms.count * polynomialSize }

    /// A zero key spectrum to fill with `forwardKey(_:into:)`.
    package func makeKeySpectrum() -> KeySpectrum { KeySpectrum(count: spectrumCount) }
    /// A digit spectrum to fill with `forwardDigits(_:into:)`.
    package func makeDigitSpectrum() -> DigitSpectrum { DigitSpectrum(count: spectrumCount) }
    /// An empty accumulator.
    package func makeAccumulator() -> SpectrumAccumulator { SpectrumAccumulator(count: spectrumCount) }

    // MARK: Forward transforms

    /// The spectrum of a u128 key polynomial (interleaved, 2·N words); nil on a size mismatch.
    package func forwardKey(_ key: [UInt64]) -> KeySpectrum? {
        guard key.count == 2 * polynomialSize else { return nil }
        var spectrum = makeKeySpectrum()
        key.withUnsafeBufferPointer { forwardKey($0, into: &spectrum) }
        return spectrum
    }

    /// Writes the spectrum of a u128 key polynomial (interleaved, 2·N words) into `spectrum`.
    package func forwardKey(_ key: UnsafeBufferPointer<UInt64>, into spectrum: inout KeySpectrum) {
        let n = polynomialSize
        precondition(key.count == 2 * n && spectrum.values.count == spectrumCount, "size mismatch")
        spectrum.values.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress, let k = key.baseAddress else { return }
            for (r, t) in transforms.enumerated() {
                let block = o + r * n
                for i in 0..<n {
                    block[i] = t.prime.reduce(low: k[2 &* i], high: k[2 &* i &+ 1])
                }
                t.forward(block)
            }
        }
    }

    /// Writes the spectrum of N signed digits (|d| ≤ `maxDigitMagnitude`) into `spectrum`.
    package func forwardDigits(_ digits: UnsafeBufferPointer<Int64>, into spectrum: inout DigitSpectrum) {
        let n = polynomialSize
        precondition(digits.count == n && spectrum.values.count == spectrumCount, "size mismatch")
        spectrum.values.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress, let d = digits.baseAddress else { return }
            for (r, t) in transforms.enumerated() {
                let p = t.prime.p
                let block = o + r * n
                var i = 0
                while i < n {
                    let x = d[i]
                    assert(x.magnitude <= Self.maxDigitMagnitude.magnitude, "digit out of range")
                    block[i] = UInt64(bitPattern: x) &+ (x < 0 ? p : 0)
                    i &+= 1
                }
                t.forward(block)
            }
        }
    }

    /// `forwardDigits` from an array (N entries).
    package func forwardDigits(_ digits: [Int64], into spectrum: inout DigitSpectrum) {
        digits.withUnsafeBufferPointer { forwardDigits($0, into: &spectrum) }
    }

    // MARK: Pointwise products

    /// `acc += key · digits` slot by slot (exact 128-bit sums of products < 2^124).
    package func multiplyAccumulate(_ acc: inout SpectrumAccumulator, _ key: KeySpectrum, _ digits: DigitSpectrum) {
        let count = spectrumCount
        precondition(acc.low.count == count && key.values.count == count && digits.values.count == count,
                     "size mismatch")
        precondition(acc.totalProducts < maxAccumulatedProducts, "too many products for an exact result")
        if acc.pendingProducts == SpectrumAccumulator.foldThreshold { fold(&acc) }
        acc.pendingProducts += 1
        acc.totalProducts += 1
        key.values.withUnsafeBufferPointer { kb in
            digits.values.withUnsafeBufferPointer { db in
                acc.low.withUnsafeMutableBufferPointer { lb in
                    acc.high.withUnsafeMutableBufferPointer { hb in
                        guard let k = kb.baseAddress, let d = db.baseAddress,
                              let lo = lb.baseAddress, let hi = hb.baseAddress else { return }
                        var j = 0
                        while j < count {
                            let (h, l) = k[j].multipliedFullWidth(by: d[j])
                            let (s, c) = lo[j].addingReportingOverflow(l)
                            lo[j] = s
                            hi[j] = hi[j] &+ h &+ (c ? 1 : 0)
                            j &+= 1
                        }
                    }
                }
            }
        }
    }

    /// Reduces every slot below its prime (keeps residues; makes room for 15 more products).
    private func fold(_ acc: inout SpectrumAccumulator) {
        let n = polynomialSize
        for (r, t) in transforms.enumerated() {
            for j in r * n..<(r + 1) * n {
                acc.low[j] = t.prime.reduce(low: acc.low[j], high: acc.high[j])
                acc.high[j] = 0
            }
        }
        acc.pendingProducts = 0
    }

    // MARK: Backward transform

    /// `output += Σ K·D mod 2^128` (output interleaved, 2·N words), then empties `acc`.
    package func backwardAdd(_ acc: inout SpectrumAccumulator, into output: UnsafeMutableBufferPointer<UInt64>) {
        let n = polynomialSize
        precondition(output.count == 2 * n && acc.low.count == spectrumCount, "size mismatch")
        acc.low.withUnsafeMutableBufferPointer { lb in
            acc.high.withUnsafeMutableBufferPointer { hb in
                guard let lo = lb.baseAddress, let hi = hb.baseAddress, let out = output.baseAddress else { return }
                for (r, t) in transforms.enumerated() {
                    let l = lo + r * n
                    let h = hi + r * n
                    let prime = t.prime
                    var i = 0
                    while i < n {
                        l[i] = prime.montgomeryReduceLazy(low: l[i], high: h[i])   // ·2^−64, [0, 2p)
                        h[i] = 0
                        i &+= 1
                    }
                    t.inverse(l)                                                   // ·2^64/N, [0, p)
                }
                let x1 = lo + n
                let x2 = lo + 2 * n
                var i = 0
                while i < n {
                    let (vl, vh) = crt.reconstruct(lo[i], x1[i], x2[i])
                    let (s, c) = out[2 &* i].addingReportingOverflow(vl)
                    out[2 &* i] = s
                    out[2 &* i &+ 1] = out[2 &* i &+ 1] &+ vh &+ (c ? 1 : 0)
                    lo[i] = 0
                    x1[i] = 0
                    x2[i] = 0
                    i &+= 1
                }
            }
        }
        acc.pendingProducts = 0
        acc.totalProducts = 0
    }

    /// `backwardAdd` into an interleaved array (2·N words).
    package func backwardAdd(_ acc: inout SpectrumAccumulator, into output: inout [UInt64]) {
        output.withUnsafeMutableBufferPointer { backwardAdd(&acc, into: $0) }
    }

    /// K·D mod (X^N + 1, 2^128) in one call (interleaved words); nil on a size mismatch.
    package func multiply(key: [UInt64], digits: [Int64]) -> [UInt64]? {
        guard key.count == 2 * polynomialSize, digits.count == polynomialSize, let ks = forwardKey(key) else { return nil }
        var ds = makeDigitSpectrum()
        var acc = makeAccumulator()
        var out = [UInt64](repeating: 0, count: 2 * polynomialSize)
        forwardDigits(digits, into: &ds)
        multiplyAccumulate(&acc, ks, ds)
        backwardAdd(&acc, into: &out)
        return out
    }
}
