/// The extension part of a Galois ring GR(2^k, D) = Z_{2^k}[X]/F(X): the degree D and the
/// monic polynomial F, whose reduction mod 2 is irreducible (so F also defines GF(2^D)).
package protocol RingExtension: Sendable {
    /// D.
    static var degree: Int { get }
    /// The coefficients of F below X^D as bits (bit j = coefficient of X^j, each 0 or 1):
    /// F(X) = X^D + Σ_j bit_j · X^j.
    static var lowerModulusBits: UInt8 { get }
}

/// D = 4, F = X^4 + X + 1 (the KMS since 2025; threshold-fhe's default `extension_degree_4`).
package enum ExtensionDegree4: RingExtension {
    package static var degree: Int { 4 }
    package static var lowerModulusBits: UInt8 { 0b0011 }
}

/// D = 8, F = X^8 + X^4 + X^3 + X + 1 (the 2024 KMS releases; mod 2 the AES polynomial 0x11B).
package enum ExtensionDegree8: RingExtension {
    package static var degree: Int { 8 }
    package static var lowerModulusBits: UInt8 { 0b0001_1011 }
}

/// A Galois ring GR(2^k, D): coefficients modulo 2^k held in D inline slots, reduced by the
/// extension's F.
package protocol GaloisRing: Sendable {
    associatedtype Extension: RingExtension
    associatedtype Coefficients: RingCoefficients
}

extension GaloisRing {
    package typealias Coefficient = Coefficients.Coefficient
    /// D.
    package static var degree: Int { Extension.degree }
    /// k.
    package static var bitWidth: Int { Coefficient.bitWidth }
}

/// GR(2^64, 4) with F = X^4 + X + 1.
package enum GaloisRing64Degree4: GaloisRing {
    package typealias Extension = ExtensionDegree4
    package typealias Coefficients = FourCoefficients<UInt64>
}

/// GR(2^128, 4) with F = X^4 + X + 1.
package enum GaloisRing128Degree4: GaloisRing {
    package typealias Extension = ExtensionDegree4
    package typealias Coefficients = FourCoefficients<U128>
}

/// GR(2^64, 8) with F = X^8 + X^4 + X^3 + X + 1.
package enum GaloisRing64Degree8: GaloisRing {
    package typealias Extension = ExtensionDegree8
    package typealias Coefficients = EightCoefficients<UInt64>
}

/// GR(2^128, 8) with F = X^8 + X^4 + X^3 + X + 1.
package enum GaloisRing128Degree8: GaloisRing {
    package typealias Extension = ExtensionDegree8
    package typealias Coefficients = EightCoefficients<U128>
}
