/// A GLWE ciphertext switched to a small power-of-two modulus 2^log and bit-packed (tfhe-rs
/// `CompressedModulusSwitchedGlweCiphertext`): the k·N mask coefficients then the first
/// `bodiesCount` body coefficients, each `(x + 2^(63−log)) >> (64−log)` (rounded), packed with
/// `PackedIntegers`. Body coefficients past `bodiesCount` are zero.
///
/// ```swift
/// let c = try ModulusSwitchedGlweCiphertext.compress(glwe, bodiesCount: 3, logModulus: 12)
/// let back = c.extract()        // a GLWE ciphertext, each word a value << 52
/// ```
public struct ModulusSwitchedGlweCiphertext: Sendable, Equatable, Hashable {
    package let glweDimension: GlweDimension
    package let polynomialSize: PolynomialSize
    /// How many body coefficients are stored (≤ N).
    package let bodiesCount: Int
    package let packed: PackedIntegers

    /// Wraps packed values, checking that there are k·N + `bodiesCount` of them.
    package init(glweDimension: GlweDimension, polynomialSize: PolynomialSize, bodiesCount: Int, packed: PackedIntegers) throws(TFHEError) {
        let k = glweDimension.value, n = polynomialSize.value
        guard k > 0, n > 0, bodiesCount >= 0, bodiesCount <= n else {
            throw .ciphertextMismatch("compressed GLWE \(k)×\(n) cannot store \(bodiesCount) bodies")
        }
        guard packed.count == k * n + bodiesCount else {
            throw .ciphertextMismatch("compressed GLWE \(k)×\(n) with \(bodiesCount) bodies needs \(k * n + bodiesCount) packed values, got \(packed.count)")
        }
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.bodiesCount = bodiesCount
        self.packed = packed
    }

    /// tfhe-rs `modulus_switch`: rounds `x` from 2^64 to 2^log.
    @inlinable
    package static func modulusSwitch(_ x: UInt64, logModulus: Int) -> UInt64 {
        (x &+ (1 << UInt64(63 - logModulus))) >> UInt64(64 - logModulus)
    }

    /// Compresses a GLWE ciphertext keeping `bodiesCount` body coefficients.
    package static func compress(_ glwe: GlweCiphertext, bodiesCount: Int,
                                logModulus: CiphertextModulusLog) throws(TFHEError) -> ModulusSwitchedGlweCiphertext {
        let log = logModulus.value, n = glwe.polynomialSize.value
        guard (1...63).contains(log) else { throw .ciphertextMismatch("storage log modulus \(log) is not in 1…63") }
        guard bodiesCount >= 0, bodiesCount <= n else {
            throw .ciphertextMismatch("cannot keep \(bodiesCount) bodies of a polynomial of size \(n)")
        }
        let kept = glwe.glweDimension.value * n + bodiesCount
        let switched = glwe.data[0..<kept].map { modulusSwitch($0, logModulus: log) }
        return try ModulusSwitchedGlweCiphertext(glweDimension: glwe.glweDimension, polynomialSize: glwe.polynomialSize,
                                                 bodiesCount: bodiesCount, packed: .pack(switched, logModulus: log))
    }

    /// The GLWE ciphertext back on the 2^64 torus (each value `<< (64 − log)`, missing bodies 0),
    /// as tfhe-rs `extract` returns it. The modulus-switch rounding stays as noise.
    package func extract() -> GlweCiphertext {
        let shift = UInt64(64 - packed.logModulus)
        var out = [UInt64](repeating: 0, count: (glweDimension.value + 1) * polynomialSize.value)
        for i in 0..<packed.count { out[i] = packed.value(at: i) << shift }
        return GlweCiphertext(trusted: glweDimension, polynomialSize, out)
    }
}
