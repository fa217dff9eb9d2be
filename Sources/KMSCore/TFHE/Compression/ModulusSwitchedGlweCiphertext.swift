/// A GLWE ciphertext switched to a small power-of-two modulus 2^log and bit-packed (tfhe-rs
/// `CompressedModulusSwitchedGlweCiphertext`): the k·N mask coefficients then the first
/// `bodiesCount` body coefficients, each `(x + 2^(63−log)) >> (64−log)` (rounded), packed with
/// `PackedIntegers`. Body coefficients past `bodiesCount` are zero.
///
/// ```swift
/// let c = try ModulusSwitchedGlweCiphertext.compress(glwe, glweDimension: 4, polynomialSize: 256,
///                                                    bodiesCount: 3, logModulus: 12)
/// let back = c.extract()        // (k+1)·N words, each value << 52
/// ```
public struct ModulusSwitchedGlweCiphertext: Sendable, Equatable, Hashable {
    public let glweDimension: Int
    public let polynomialSize: Int
    /// How many body coefficients are stored (≤ N).
    public let bodiesCount: Int
    public let packed: PackedIntegers

    /// Wraps packed values, checking that there are k·N + `bodiesCount` of them.
    public init(glweDimension: Int, polynomialSize: Int, bodiesCount: Int, packed: PackedIntegers) throws(TFHEError) {
        guard glweDimension > 0, polynomialSize > 0, bodiesCount >= 0, bodiesCount <= polynomialSize else {
            throw .ciphertextMismatch("compressed GLWE \(glweDimension)×\(polynomialSize) cannot store \(bodiesCount) bodies")
        }
        guard packed.count == glweDimension * polynomialSize + bodiesCount else {
            throw .ciphertextMismatch("compressed GLWE \(glweDimension)×\(polynomialSize) with \(bodiesCount) bodies needs \(glweDimension * polynomialSize + bodiesCount) packed values, got \(packed.count)")
        }
        self.glweDimension = glweDimension
        self.polynomialSize = polynomialSize
        self.bodiesCount = bodiesCount
        self.packed = packed
    }

    /// tfhe-rs `modulus_switch`: rounds `x` from 2^64 to 2^log.
    @inlinable
    public static func modulusSwitch(_ x: UInt64, logModulus: Int) -> UInt64 {
        (x &+ (1 << UInt64(63 - logModulus))) >> UInt64(64 - logModulus)
    }

    /// Compresses a GLWE ciphertext (`(k+1)·N` words) keeping `bodiesCount` body coefficients.
    public static func compress(_ glwe: [UInt64], glweDimension: Int, polynomialSize: Int, bodiesCount: Int,
                                logModulus: Int) throws(TFHEError) -> ModulusSwitchedGlweCiphertext {
        guard glwe.count == (glweDimension + 1) * polynomialSize else {
            throw .ciphertextMismatch("GLWE of \(glwe.count) words is not \(glweDimension + 1)×\(polynomialSize)")
        }
        guard (1...63).contains(logModulus) else { throw .ciphertextMismatch("storage log modulus \(logModulus) is not in 1…63") }
        let kept = glweDimension * polynomialSize + bodiesCount
        guard bodiesCount >= 0, bodiesCount <= polynomialSize else {
            throw .ciphertextMismatch("cannot keep \(bodiesCount) bodies of a polynomial of size \(polynomialSize)")
        }
        let switched = glwe[0..<kept].map { modulusSwitch($0, logModulus: logModulus) }
        return try ModulusSwitchedGlweCiphertext(glweDimension: glweDimension, polynomialSize: polynomialSize,
                                                 bodiesCount: bodiesCount,
                                                 packed: .pack(switched, logModulus: logModulus))
    }

    /// The GLWE ciphertext back on the 2^64 torus (`(k+1)·N` words, value `<< (64 − log)`, missing
    /// bodies 0), as tfhe-rs `extract` returns it. The modulus-switch rounding stays as noise.
    public func extract() -> [UInt64] {
        let shift = UInt64(64 - packed.logModulus)
        var out = [UInt64](repeating: 0, count: (glweDimension + 1) * polynomialSize)
        for i in 0..<packed.count { out[i] = packed.value(at: i) << shift }
        return out
    }
}
