/// The secret key of noise squashing (tfhe-rs `NoiseSquashingPrivateKey`): a binary GLWE key of
/// k × N coefficients over Z_{2^128}. Squashed ciphertexts are LWEs under its flattening
/// (dimension k·N). It never prints its coefficients.
///
/// ```swift
/// let nsk = try NoiseSquashingPrivateKey.generate(.v1_4_message2Carry2KsPbsTUniform2M128)
/// let key = try NoiseSquashingKey.generate(clientKey: clientKey, privateKey: nsk)
/// let squashed = try key.squash(ciphertext, serverKey: serverKey)
/// try nsk.decrypt(squashed)      // the value
/// ```
public struct NoiseSquashingPrivateKey: Sendable, CustomStringConvertible, CustomReflectable {
    public let parameters: NoiseSquashingParameters
    /// The binary coefficients (0/1 words, read as u128), with their all-ones mask form.
    package let glweSecretKey: GlweSecretKey

    /// Wraps a binary GLWE key. Only what decryption needs is checked
    /// (`NoiseSquashingParameters.validateForDecryption()`), so keys of tfhe-rs 1.1 – 1.3 sets decrypt.
    /// - Throws: `TFHEError.invalidParameters` for unusable parameters, `.keyMismatch` when the key
    ///   is not k × N.
    public init(parameters: NoiseSquashingParameters, glweSecretKey: GlweSecretKey) throws(TFHEError) {
        try parameters.validateForDecryption()
        guard glweSecretKey.glweDimension == parameters.glweDimension, glweSecretKey.polynomialSize == parameters.polynomialSize else {
            throw .keyMismatch("noise-squashing GLWE key is \(glweSecretKey.glweDimension)×\(glweSecretKey.polynomialSize), parameters say \(parameters.glweDimension)×\(parameters.polynomialSize)")
        }
        self.parameters = parameters
        self.glweSecretKey = glweSecretKey
    }

    /// Draws a key from the secret stream, one byte per coefficient (its low bit), as tfhe-rs's
    /// `allocate_and_generate_new_binary_glwe_secret_key` does for u128.
    public static func generate(_ parameters: NoiseSquashingParameters,
                                randomness: TFHERandomness = .system()) throws(TFHEError) -> NoiseSquashingPrivateKey {
        try parameters.validate()
        let key = GlweSecretKey.generate(glweDimension: parameters.glweDimension, polynomialSize: parameters.polynomialSize,
                                         from: randomness.secret)
        return try NoiseSquashingPrivateKey(parameters: parameters, glweSecretKey: key)
    }

    /// Dimension of the flattened key (k·N).
    package var lweDimension: Int { glweSecretKey.lwe.dimension }

    /// The phase `b − Σ a_i·s_i mod 2^128` of an LWE (interleaved, 2·(k·N + 1) words). Constant
    /// time in the key: every term is masked, never branched on.
    package func phase(_ lwe: UnsafePointer<UInt64>) -> U128 {
        SquashedNoiseDecryption.phase(lwe, key: glweSecretKey)
    }

    /// The rounded value of a phase: `divide_round(p, Δ128) mod 2·message·carry` (tfhe-rs
    /// `ShortintEncoding<u128>::decode`; the padding bit is kept).
    package func decode(phase p: U128) -> UInt64 {
        SquashedNoiseDecryption.decode(phase: p, messageModulus: parameters.messageModulus, carryModulus: parameters.carryModulus)
    }

    /// Decrypts a squashed value: each packed block is decoded, the blocks recombined with
    /// 2·log2(message) bits each (no masking, as tfhe-rs's `recompose_unsigned_with_size`) and
    /// truncated to the type's width (= 2 bits × the original block count); a boolean is
    /// `value ≠ 0`.
    /// - Throws: `TFHEError.ciphertextMismatch` when the blocks are not LWEs of this key's
    ///   dimension or carry other moduli.
    public func decrypt(_ ciphertext: SquashedNoiseCiphertext) throws(TFHEError) -> ClearValue {
        try SquashedNoiseDecryption.decrypt(ciphertext, key: glweSecretKey, messageModulus: parameters.messageModulus,
                                            carryModulus: parameters.carryModulus, keyName: "noise-squashing key")
    }

    public var description: String { "NoiseSquashingPrivateKey(\(parameters.glweDimension)×\(parameters.polynomialSize), <redacted>)" }
    /// Reflection (`dump`, debuggers) shows the shape only, never the coefficients.
    public var customMirror: Mirror {
        Mirror(self, children: ["glweDimension": parameters.glweDimension.value, "polynomialSize": parameters.polynomialSize.value])
    }
}
