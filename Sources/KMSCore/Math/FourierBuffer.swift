/// Scratch storage for spectra: `count` separate Re and Im arrays of `size` complex values
/// each, allocated once and reused (no allocation in the loops that use them). Not shared
/// between threads: each worker owns its buffers.
package final class FourierBuffer {
    /// Complex values per spectrum.
    package let size: Int
    /// Number of spectra.
    package let count: Int
    package let re: UnsafeMutablePointer<Double>
    package let im: UnsafeMutablePointer<Double>

    package init(size: Int, count: Int = 1) {
        self.size = size
        self.count = count
        re = .allocate(capacity: size * count)
        im = .allocate(capacity: size * count)
        re.initialize(repeating: 0, count: size * count)
        im.initialize(repeating: 0, count: size * count)
    }

    deinit {
        re.deallocate()
        im.deallocate()
    }

    /// Re of spectrum `i`.
    @inline(__always) package func re(_ i: Int) -> UnsafeMutablePointer<Double> { re + i * size }
    /// Im of spectrum `i`.
    @inline(__always) package func im(_ i: Int) -> UnsafeMutablePointer<Double> { im + i * size }

    /// Sets every value to zero.
    package func clear() {
        re.update(repeating: 0, count: size * count)
        im.update(repeating: 0, count: size * count)
    }
}
