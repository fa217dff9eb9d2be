/// Exact negacyclic products of a torus polynomial by a *binary* polynomial through the f64
/// transform: the u64 operand is split into four 16-bit limbs, each limb product has integer
/// coefficients below N·2^16 ≤ 2^32 in magnitude (exact after rounding), and the limb
/// products are recombined with wrapping shifts. Key generation multiplies masks by secret
/// keys this way: O(N log N) and free of branches on the key.
///
/// One instance per thread (it owns its scratch buffers).
package final class FourierBinaryProduct {
    package let transform: FourierTransform
    /// The binary polynomial's spectrum (`forwardInteger`).
    private let key: FourierBuffer
    /// spectra 0: limb, 1: product.
    private let scratch: FourierBuffer
    private let limb: UnsafeMutablePointer<Int64>
    private let product: UnsafeMutablePointer<Int64>

    /// Prepares products with `binary` (N coefficients, each 0 or 1; checked by the key types).
    package init(binary: UnsafePointer<UInt64>, transform: FourierTransform) {
        self.transform = transform
        let size = transform.polynomialSize
        key = FourierBuffer(size: transform.count)
        scratch = FourierBuffer(size: transform.count, count: 2)
        limb = .allocate(capacity: size)
        product = .allocate(capacity: size)
        for j in 0..<size { limb[j] = Int64(bitPattern: binary[j]) }
        transform.forwardInteger(limb, re: key.re, im: key.im)
    }

    deinit {
        limb.deallocate()
        product.deallocate()
    }

    /// `out += a ⊛ binary` (wrapping), exactly.
    package func addProduct(_ a: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) {
        let size = transform.polynomialSize, n = transform.count
        let ar = scratch.re(0), ai = scratch.im(0), br = scratch.re(1), bi = scratch.im(1)
        let kr = key.re, ki = key.im
        for shift in stride(from: UInt64(0), to: 64, by: 16) {
            for j in 0..<size { limb[j] = Int64((a[j] &>> shift) & 0xffff) }
            transform.forwardInteger(limb, re: ar, im: ai)
            for j in 0..<n {
                let xr = ar[j], xi = ai[j], yr = kr[j], yi = ki[j]
                br[j] = xr * yr - xi * yi
                bi[j] = xr * yi + xi * yr
            }
            transform.backwardInteger(re: br, im: bi, into: product)
            for j in 0..<size { out[j] &+= UInt64(bitPattern: product[j]) &<< shift }
        }
    }
}
