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
        let p = prime.p
        let twoP = prime.twoP
        let n = size
        twiddles.withUnsafeBufferPointer { twb in
            twiddlesShoup.withUnsafeBufferPointer { tsb in
                guard let tw = twb.baseAddress, let ts = tsb.baseAddress else { return }
                var t = n
                var m = 1
                while m < n &>> 1 {
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
                            let v = prime.multiplyLazy(y[j], w, ws)
                            x[j] = u &+ v
                            y[j] = u &+ twoP &- v
                            j &+= 1
                        }
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
                    let v = prime.multiplyLazy(x[1], w, ws)
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
        let twoP = prime.twoP
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
                        x[1] = prime.multiplyLazy(u &+ twoP &- v, tw[m &+ i], ts[m &+ i])
                        i &+= 1
                    }
                    m &>>= 1
                }
                var t = 2
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
                            y[j] = prime.multiplyLazy(u &+ twoP &- v, w, ws)
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
                var j = 0
                while j < half {
                    let u = a[j]
                    let v = y[j]
                    a[j] = prime.multiply(u &+ v, scale, scaleShoup)
                    y[j] = prime.multiply(u &+ twoP &- v, lastTwiddle, lastTwiddleShoup)
                    j &+= 1
                }
            }
        }
    }
}
