/// The secret key of squashed-noise compression (tfhe-rs `NoiseSquashingCompressionPrivateKey`):
/// a binary GLWE key of k × N coefficients over Z_{2^128} (6 × 1024 in tfhe-rs's sets). The
/// compression key switches squashed blocks to it, so the blocks of a
/// `CompressedSquashedNoiseCiphertextList` decrypt with it. It never prints its coefficients.
///
/// ```swift
/// let compressionKey = try NoiseSquashingCompressionPrivateKey.generate(.v1_4_message2Carry2KsPbsTUniform2M128)
/// let packer = try NoiseSquashingCompressionKey.generate(squashingKey: nsk, compressionKey: compressionKey)
/// let list = try packer.compress([squashed])
/// try compressionKey.decrypt(list, at: 0)      // the value
/// ```
public struct NoiseSquashingCompressionPrivateKey: Sendable, CustomStringConvertible, CustomReflectable {
    /// The compression set the key was made for.
    public let parameters: NoiseSquashingCompressionParameters
    /// The binary coefficients (0/1 words, read as u128), with their all-ones mask form.
    package let glweSecretKey: GlweSecretKey

    /// Wraps a binary GLWE key of the parameters' shape.
    /// - Throws: `TFHEError.invalidParameters` for unusable parameters, `.keyMismatch` when the
    ///   key is not k × N.
    public init(parameters: NoiseSquashingCompressionParameters, glweSecretKey: GlweSecretKey) throws(TFHEError) {
        try parameters.validateForDecryption()
        guard glweSecretKey.glweDimension == parameters.packingKsGlweDimension,
              glweSecretKey.polynomialSize == parameters.packingKsPolynomialSize else {
            throw .keyMismatch("compression GLWE key is \(glweSecretKey.glweDimension)×\(glweSecretKey.polynomialSize), parameters say \(parameters.packingKsGlweDimension)×\(parameters.packingKsPolynomialSize)")
        }
        self.parameters = parameters
        self.glweSecretKey = glweSecretKey
    }

    /// Draws a key from the secret stream (one byte per coefficient, its low bit), as tfhe-rs's
    /// `allocate_and_generate_new_binary_glwe_secret_key`.
    /// - Throws: `TFHEError.invalidParameters` for unusable parameters.
    public static func generate(_ parameters: NoiseSquashingCompressionParameters,
                                randomness: TFHERandomness = .system()) throws(TFHEError) -> NoiseSquashingCompressionPrivateKey {
        try parameters.validateForDecryption()
        let key = GlweSecretKey.generate(glweDimension: parameters.packingKsGlweDimension,
                                         polynomialSize: parameters.packingKsPolynomialSize, from: randomness.secret)
        return try NoiseSquashingCompressionPrivateKey(parameters: parameters, glweSecretKey: key)
    }

    /// Decrypts a squashed value unpacked from a compressed list (an LWE under this key).
    /// - Throws: `TFHEError.ciphertextMismatch` when the blocks are not of this key's dimension
    ///   or moduli.
    public func decrypt(_ ciphertext: SquashedNoiseCiphertext) throws(TFHEError) -> ClearValue {
        try SquashedNoiseDecryption.decrypt(ciphertext, key: glweSecretKey, messageModulus: parameters.messageModulus,
                                            carryModulus: parameters.carryModulus, keyName: "noise-squashing compression key")
    }

    /// Decrypts entry `index` of a compressed list (`type` names its bit width when the list's
    /// block count fits several fhEVM types).
    /// - Throws: `TFHEError.ciphertextMismatch` for an index out of range, an entry no fhEVM type
    ///   holds, or a list made for another key shape.
    public func decrypt(_ list: CompressedSquashedNoiseCiphertextList, at index: Int, as type: FheType? = nil) throws(TFHEError) -> ClearValue {
        try decrypt(list.unpack(index, as: type))
    }

    /// Decrypts every entry of a compressed list, in order.
    public func decrypt(_ list: CompressedSquashedNoiseCiphertextList) throws(TFHEError) -> [ClearValue] {
        var values: [ClearValue] = []
        values.reserveCapacity(list.count)
        for i in 0..<list.count { values.append(try decrypt(list, at: i)) }
        return values
    }

    public var description: String {
        "NoiseSquashingCompressionPrivateKey(\(parameters.packingKsGlweDimension)×\(parameters.packingKsPolynomialSize), <redacted>)"
    }
    /// Reflection (`dump`, debuggers) shows the shape only, never the coefficients.
    public var customMirror: Mirror {
        Mirror(self, children: ["glweDimension": parameters.packingKsGlweDimension.value,
                                "polynomialSize": parameters.packingKsPolynomialSize.value])
    }
}
