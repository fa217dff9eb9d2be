/// A binary LWE secret key (coefficients 0/1), as tfhe-rs `LweSecretKey<Vec<u64>>`.
///
/// The key never prints its coefficients. It keeps a mask form (0 / all-ones) for fast dot products.
public struct LweSecretKey: Sendable, CustomStringConvertible, CustomReflectable {
    /// The coefficients, each 0 or 1.
    package let coefficients: [UInt64]
    /// `0 &- coefficient`: the form the dot products use.
    let masks: [UInt64]

    /// Wraps binary coefficients.
    /// - Throws: `TFHEError.keyMismatch` if a coefficient is not 0 or 1 or the key is empty.
    package init(coefficients: [UInt64]) throws(TFHEError) {
        guard !coefficients.isEmpty else { throw .keyMismatch("empty LWE secret key") }
        guard coefficients.allSatisfy({ $0 <= 1 }) else { throw .keyMismatch("LWE secret key is not binary") }
        self.coefficients = coefficients
        self.masks = TorusDotProduct.masks(ofBinary: coefficients)
    }

    /// Draws a key of `dimension` coefficients from `generator` (one byte each, low bit).
    package static func generate(dimension: Int, from generator: RandomGenerator) -> LweSecretKey {
        let c = generator.binaryWords(dimension)
        return LweSecretKey(trusted: c)
    }

    init(trusted coefficients: [UInt64]) {
        self.coefficients = coefficients
        self.masks = TorusDotProduct.masks(ofBinary: coefficients)
    }

    /// The key dimension.
    package var dimension: Int { coefficients.count }

    public var description: String { "LweSecretKey(dimension: \(dimension), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the dimension only, never the coefficients.
    public var customMirror: Mirror { Mirror(self, children: ["dimension": dimension]) }
}
