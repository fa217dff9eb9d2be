/// The negacyclic number-theoretic transform of size N modulo one `NTTPrime`: evaluation of a
/// polynomial of Z_p[X]/(X^N + 1) at the odd powers of a primitive 2N-th root ψ.
///
/// `forward` is a Cooley–Tukey transform with the ψ-twist merged into its twiddles (natural
/// order in, bit-reversed order out); `inverse` is the matching Gentleman–Sande transform
/// (bit-reversed in, natural out) with the 1/N scaling merged into its last stage. Both use
/// Harvey's lazy butterflies (values in [0, 4p)) and Shoup multiplication by precomputed twiddles.
/// Pointwise products of two forward outputs are products in Z_p[X]/(X^N + 1).
package struct NegacyclicNTT: Sendable {
    /// The modulus.
    package let prime: NTTPrime
    /// N.
    package let size: Int
    /// ψ^{bitrev(i)} and Shoup constants (index 0 unused).
    let twiddles: [UInt64], twiddlesShoup: [UInt64]
    /// ψ^{−bitrev(i)} and Shoup constants (index 0 unused).
    let inverseTwiddles: [UInt64], inverseTwiddlesShoup: [UInt64]
    /// The inverse's final scale s = N^{−1}·outputFactor, and ψ^{−bitrev(1)}·s (merged last
    /// twiddle), each with its Shoup constant.
    let scale: UInt64, scaleShoup: UInt64, lastTwiddle: UInt64, lastTwiddleShoup: UInt64

    /// Tables for size N (a power of two ≥ 2 with 2N | p − 1), whose `inverse` also multiplies
    /// by `outputFactor` (e.g. 2^64 mod p to undo a Montgomery reduction); nil if no root exists.
    package init?(prime: NTTPrime, size n: Int, outputFactor: UInt64 = 1) {
        guard n >= 2, n & (n - 1) == 0, let psi = prime.primitiveRoot(order: UInt64(2 * n)) else { return nil }
        let logN = n.trailingZeroBitCount
        let psiInverse = prime.inverse(psi)
        var powers = [UInt64](repeating: 1, count: n)
        var inversePowers = [UInt64](repeating: 1, count: n)
        for i in 1..<n {
            powers[i] = prime.multiply(powers[i - 1], psi)
            inversePowers[i] = prime.multiply(inversePowers[i - 1], psiInverse)
        }
        func bitReversed(_ i: Int) -> Int {
            var r = 0
            for b in 0..<logN where i >> b & 1 == 1 { r |= 1 << (logN - 1 - b) }
            return r
        }
        let tw = (0..<n).map { powers[bitReversed($0)] }
        let itw = (0..<n).map { inversePowers[bitReversed($0)] }
        self.prime = prime
        self.size = n
        self.twiddles = tw
        self.twiddlesShoup = tw.map(prime.shoup)
        self.inverseTwiddles = itw
        self.inverseTwiddlesShoup = itw.map(prime.shoup)
        let s = prime.multiply(prime.inverse(UInt64(n)), outputFactor)
        self.scale = s
        self.scaleShoup = prime.shoup(s)
        self.lastTwiddle = prime.multiply(itw[1], s)
        self.lastTwiddleShoup = prime.shoup(lastTwiddle)
    }

    /// In-place forward transform of N values in [0, 4p); outputs in [0, p), bit-reversed order.
    package func forward(_ a: UnsafeMutablePointer<UInt64>) {
        // The modulus in locals: stores through `a` cannot change them, so they stay in registers.
        let p = prime.p
        let twoP = prime.twoP
        @inline(__always) func mulLazy(_ x: UInt64, _ w: UInt64, _ ws: UInt64) -> UInt64 {
            x &* w &- x.multipliedFullWidth(by: ws).high &* p
        }
        let n = size
        twiddles.withUnsafeBufferPointer { twb in
            twiddlesShoup.withUnsafeBufferPointer { tsb in
                guard let tw = twb.baseAddress, let ts = tsb.baseAddress else { return }
                var t = n
                var m = 1
                // Stages with blocks of t ≥ 4.
                while m < n &>> 2 {
                    t &>>= 1
                    var i = 0
                    while i < m {
                        let w = tw[m &+ i]
                        let ws = ts[m &+ i]
                        let x = a + 2 &* i &* t
                        let y = x + t
                        var j = 0
                        while j < t {
                            var u = x[j]
                            u = u >= twoP ? u &- twoP : u
                            let v = mulLazy(y[j], w, ws)
                            x[j] = u &+ v
                            y[j] = u &+ twoP &- v
                            j &+= 1
                        }
                        i &+= 1
                    }
                    m &<<= 1
                }
                // Stage t = 2 (n ≥ 4), unrolled: two butterflies per twiddle.
                if m < n &>> 1 {
                    var i = 0
                    while i < m {
                        let w = tw[m &+ i]
                        let ws = ts[m &+ i]
                        let x = a + 4 &* i
                        var u0 = x[0], u1 = x[1]
                        u0 = u0 >= twoP ? u0 &- twoP : u0
                        u1 = u1 >= twoP ? u1 &- twoP : u1
                        let v0 = mulLazy(x[2], w, ws)
                        let v1 = mulLazy(x[3], w, ws)
                        x[0] = u0 &+ v0
                        x[1] = u1 &+ v1
                        x[2] = u0 &+ twoP &- v0
                        x[3] = u1 &+ twoP &- v1
                        i &+= 1
                    }
                    m &<<= 1
                }
                // Last stage (t = 1) with the final reduction to [0, p) merged in.
                var i = 0
                while i < m {
                    let w = tw[m &+ i]
                    let ws = ts[m &+ i]
                    let x = a + 2 &* i
                    var u = x[0]
                    u = u >= twoP ? u &- twoP : u
                    let v = mulLazy(x[1], w, ws)
                    var s = u &+ v
                    s = s >= twoP ? s &- twoP : s
                    var d = u &+ twoP &- v
                    d = d >= twoP ? d &- twoP : d
                    x[0] = s >= p ? s &- p : s
                    x[1] = d >= p ? d &- p : d
                    i &+= 1
                }
            }
        }
    }

    /// In-place inverse transform of N values in [0, 2p) (bit-reversed order), times the
    /// `outputFactor`; outputs in [0, p), natural order.
    package func inverse(_ a: UnsafeMutablePointer<UInt64>) {
        let p = prime.p
        let twoP = prime.twoP
        @inline(__always) func mulLazy(_ x: UInt64, _ w: UInt64, _ ws: UInt64) -> UInt64 {
            x &* w &- x.multipliedFullWidth(by: ws).high &* p
        }
        let n = size
        inverseTwiddles.withUnsafeBufferPointer { twb in
            inverseTwiddlesShoup.withUnsafeBufferPointer { tsb in
                guard let tw = twb.baseAddress, let ts = tsb.baseAddress else { return }
                // First stage (t = 1), unrolled.
                var m = n &>> 1
                if m > 1 {
                    var i = 0
                    while i < m {
                        let x = a + 2 &* i
                        let u = x[0]
                        let v = x[1]
                        let s = u &+ v
                        x[0] = s >= twoP ? s &- twoP : s
                        x[1] = mulLazy(u &+ twoP &- v, tw[m &+ i], ts[m &+ i])
                        i &+= 1
                    }
                    m &>>= 1
                }
                var t = 2
                // Second stage (t = 2), unrolled: two butterflies per twiddle.
                if m > 1 {
                    var i = 0
                    while i < m {
                        let w = tw[m &+ i]
                        let ws = ts[m &+ i]
                        let x = a + 4 &* i
                        let u0 = x[0], u1 = x[1], v0 = x[2], v1 = x[3]
                        let s0 = u0 &+ v0, s1 = u1 &+ v1
                        x[0] = s0 >= twoP ? s0 &- twoP : s0
                        x[1] = s1 >= twoP ? s1 &- twoP : s1
                        x[2] = mulLazy(u0 &+ twoP &- v0, w, ws)
                        x[3] = mulLazy(u1 &+ twoP &- v1, w, ws)
                        i &+= 1
                    }
                    t = 4
                    m &>>= 1
                }
                while m > 1 {
                    var i = 0
                    while i < m {
                        let w = tw[m &+ i]
                        let ws = ts[m &+ i]
                        let x = a + 2 &* i &* t
                        let y = x + t
                        var j = 0
                        while j < t {
                            let u = x[j]
                            let v = y[j]
                            let s = u &+ v
                            x[j] = s >= twoP ? s &- twoP : s
                            y[j] = mulLazy(u &+ twoP &- v, w, ws)
                            j &+= 1
                        }
                        i &+= 1
                    }
                    t &<<= 1
                    m &>>= 1
                }
                // Last stage (ψ^{−bitrev(1)}) with the output scale merged in.
                let half = n &>> 1
                let y = a + half
                let sc = scale, scs = scaleShoup, lt = lastTwiddle, lts = lastTwiddleShoup
                var j = 0
                while j < half {
                    let u = a[j]
                    let v = y[j]
                    let s = mulLazy(u &+ v, sc, scs)
                    let d = mulLazy(u &+ twoP &- v, lt, lts)
                    a[j] = s >= p ? s &- p : s
                    y[j] = d >= p ? d &- p : d
                    j &+= 1
                }
            }
        }
    }
}
