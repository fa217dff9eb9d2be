/// A TFHE parameter that is an integer with a meaning of its own (tfhe-rs's `LweDimension`,
/// `PolynomialSize`, …): a distinct type per meaning, so a level count cannot be passed where a
/// dimension is expected. Integer literals convert (`lweDimension: 887`); `.value` gives the Int.
public protocol TFHEParameter: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral
where IntegerLiteralType == Int {
    /// The integer.
    var value: Int { get }
    init(_ value: Int)
}

extension TFHEParameter {
    public init(integerLiteral value: Int) { self.init(value) }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
    public var description: String { String(value) }
}

/// n, the number of coefficients of an LWE secret key (an LWE ciphertext has n + 1 words).
public struct LweDimension: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}

/// k, the number of polynomials of a GLWE secret key (a GLWE ciphertext has k + 1).
public struct GlweDimension: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}

/// N, the number of coefficients of the polynomials of Z[X]/(X^N + 1) (a power of two).
public struct PolynomialSize: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}

/// B, the log2 of the base of a gadget decomposition.
public struct DecompositionBaseLog: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}

/// L, the number of levels of a gadget decomposition.
public struct DecompositionLevelCount: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}

/// log2 of a (power-of-two) ciphertext modulus, e.g. the storage modulus of compressed lists.
public struct CiphertextModulusLog: TFHEParameter {
    public let value: Int
    public init(_ value: Int) { self.value = value }
}
