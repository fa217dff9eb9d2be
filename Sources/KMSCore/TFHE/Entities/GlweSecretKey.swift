/// A binary GLWE secret key: `glweDimension` polynomials of `polynomialSize` coefficients.
/// Its coefficient vector, read as an LWE key, is the "big" LWE key (dimension k·N).
public struct GlweSecretKey: Sendable, CustomStringConvertible, CustomReflectable {
    package let glweDimension: GlweDimension
    package let polynomialSize: PolynomialSize
    /// The k·N coefficients, polynomial 0 first, coefficient 0 first.
    package var coefficients: [UInt64] { lwe.coefficients }
    /// The same coefficients viewed as an LWE key (tfhe-rs `as_lwe_secret_key`).
    package let lwe: LweSecretKey

    /// Wraps binary coefficients.
    package init(glweDimension: GlweDimension, polynomialSize: PolynomialSize, coefficients: [UInt64]) throws(TFHEError) {
        guard glweDimension.value > 0, polynomialSize.value > 0, coefficients.count == glweDimension.value * polynomialSize.value else {
            throw .keyMismatch("GLWE secret key has \(coefficients.count) coefficients, expected \(glweDimension)×\(polynomialSize)")
        }
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.lwe = try LweSecretKey(coefficients: coefficients)
    }

    /// Draws a key from `generator`.
    package static func generate(glweDimension: GlweDimension, polynomialSize: PolynomialSize, from generator: RandomGenerator) -> GlweSecretKey {
        GlweSecretKey(trusted: glweDimension, polynomialSize,
                      LweSecretKey.generate(dimension: glweDimension.value * polynomialSize.value, from: generator))
    }

    init(trusted k: GlweDimension, _ n: PolynomialSize, _ lwe: LweSecretKey) {
        glweDimension = k
        polynomialSize = n
        self.lwe = lwe
    }

    public var description: String { "GlweSecretKey(\(glweDimension)×\(polynomialSize), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the shape only, never the coefficients.
    public var customMirror: Mirror {
        Mirror(self, children: ["glweDimension": glweDimension.value, "polynomialSize": polynomialSize.value])
    }
}
