/// The D coefficients of a Galois-ring element, held inline (a tuple: no heap storage per
/// element), coefficient i of X^i at index i.
package protocol RingCoefficients: Sendable, Hashable {
    associatedtype Coefficient: RingCoefficient
    /// D, the number of coefficients.
    static var count: Int { get }
    /// All coefficients zero.
    static var zero: Self { get }
    subscript(i: Int) -> Coefficient { get set }
}

/// Four inline coefficients (extension degree 4).
package struct FourCoefficients<Coefficient: RingCoefficient>: RingCoefficients {
    private var c: (Coefficient, Coefficient, Coefficient, Coefficient)

    package static var count: Int { 4 }
    package static var zero: Self {
        Self(c: (.zero, .zero, .zero, .zero))
    }

    private init(c: (Coefficient, Coefficient, Coefficient, Coefficient)) { self.c = c }

    package subscript(i: Int) -> Coefficient {
        get {
            switch i {
            case 0: c.0
            case 1: c.1
            case 2: c.2
            default: c.3
            }
        }
        set {
            switch i {
            case 0: c.0 = newValue
            case 1: c.1 = newValue
            case 2: c.2 = newValue
            default: c.3 = newValue
            }
        }
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.c.0 == b.c.0 && a.c.1 == b.c.1 && a.c.2 == b.c.2 && a.c.3 == b.c.3
    }

    package func hash(into hasher: inout Hasher) {
        for i in 0..<4 { hasher.combine(self[i]) }
    }
}

/// Eight inline coefficients (extension degree 8).
package struct EightCoefficients<Coefficient: RingCoefficient>: RingCoefficients {
    private var lo: FourCoefficients<Coefficient>
    private var hi: FourCoefficients<Coefficient>

    package static var count: Int { 8 }
    package static var zero: Self { Self(lo: .zero, hi: .zero) }

    private init(lo: FourCoefficients<Coefficient>, hi: FourCoefficients<Coefficient>) {
        self.lo = lo
        self.hi = hi
    }

    package subscript(i: Int) -> Coefficient {
        get { i < 4 ? lo[i] : hi[i - 4] }
        set { if i < 4 { lo[i] = newValue } else { hi[i - 4] = newValue } }
    }
}
