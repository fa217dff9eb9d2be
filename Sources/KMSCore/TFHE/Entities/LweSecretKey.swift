/// A binary LWE secret key (coefficients 0/1), as tfhe-rs `LweSecretKey<Vec<u64>>`.
///
/// The key never prints its coefficients. It keeps a mask form (0 / all-ones) for fast dot products.
public struct LweSecretKey: Sendable, CustomStringConvertible, CustomReflectable {
    /// The coefficients, each 0 or 1.
    public let coefficients: [UInt64]
    /// `0 &- coefficient`: the form the dot products use.
    let masks: [UInt64]

    /// Wraps binary coefficients.
    /// - Throws: `TFHEError.keyMismatch` if a coefficient is not 0 or 1 or the key is empty.
    public init(coefficients: [UInt64]) throws(TFHEError) {
        guard !coefficients.isEmpty else { throw .keyMismatch("empty LWE secret key") }
        guard coefficients.allSatisfy({ $0 <= 1 }) else { throw .keyMismatch("LWE secret key is not binary") }
        self.coefficients = coefficients
        self.masks = TorusDotProduct.masks(ofBinary: coefficients)
    }

    /// Draws a key of `dimension` coefficients from `generator` (one byte each, low bit).
    public static func generate(dimension: Int, from generator: RandomGenerator) -> LweSecretKey {
        let c = generator.binaryWords(dimension)
        return LweSecretKey(trusted: c)
    }

    init(trusted coefficients: [UInt64]) {
        self.coefficients = coefficients
        self.masks = TorusDotProduct.masks(ofBinary: coefficients)
    }

    /// The key dimension.
    public var dimension: Int { coefficients.count }

    public var description: String { "LweSecretKey(dimension: \(dimension), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the dimension only, never the coefficients.
    public var customMirror: Mirror { Mirror(self, children: ["dimension": dimension]) }
}

/// A binary GLWE secret key: `glweDimension` polynomials of `polynomialSize` coefficients.
/// Its coefficient vector, read as an LWE key, is the "big" LWE key (dimension k·N).
public struct GlweSecretKey: Sendable, CustomStringConvertible, CustomReflectable {
    public let glweDimension: Int
    public let polynomialSize: Int
    /// The k·N coefficients, polynomial 0 first, coefficient 0 first.
    public var coefficients: [UInt64] { lwe.coefficients }
    /// The same coefficients viewed as an LWE key (tfhe-rs `as_lwe_secret_key`).
    public let lwe: LweSecretKey

    /// Wraps binary coefficients.
    public init(glweDimension: Int, polynomialSize: Int, coefficients: [UInt64]) throws(TFHEError) {
        guard glweDimension > 0, polynomialSize > 0, coefficients.count == glweDimension * polynomialSize else {
            throw .keyMismatch("GLWE secret key has \(coefficients.count) coefficients, expected \(glweDimension)×\(polynomialSize)")
        }
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.lwe = try LweSecretKey(coefficients: coefficients)
    }

    /// Draws a key from `generator`.
    public static func generate(glweDimension: Int, polynomialSize: Int, from generator: RandomGenerator) -> GlweSecretKey {
        GlweSecretKey(trusted: glweDimension, polynomialSize, LweSecretKey.generate(dimension: glweDimension * polynomialSize, from: generator))
    }

    init(trusted k: Int, _ n: Int, _ lwe: LweSecretKey) {
        glweDimension = k
        polynomialSize = n
        self.lwe = lwe
    }

    public var description: String { "GlweSecretKey(\(glweDimension)×\(polynomialSize), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the shape only, never the coefficients.
    public var customMirror: Mirror {
        Mirror(self, children: ["glweDimension": glweDimension, "polynomialSize": polynomialSize])
    }
}
