/// The noise-squashing private key a tfhe-rs 1.1+ `ClientKey` carries
/// (`integer::NoiseSquashingPrivateKey`: a u128 binary GLWE key and its parameters), to and
/// from our `NoiseSquashingPrivateKey`, so squashed values made by tfhe-rs decrypt here and a key
/// made here can be written into a tfhe-rs client key.
///
/// ```swift
/// let file = try TfheRsFile.decode(clientKeyBytes)
/// if case .clientKey(let ck) = file.object, let nsk = try NoiseSquashingPrivateKey(tfheRs: ck) {
///     let value = try nsk.decrypt(squashed)
/// }
/// ```
extension NoiseSquashingPrivateKey {
    /// The client key's noise-squashing private key; `nil` when it has none.
    /// - Throws: `TfheRsError.invalidField` when the key is not binary or its parameters cannot
    ///   decrypt (see `NoiseSquashingParameters.validateForDecryption()`).
    public init?(tfheRs clientKey: TfheRsClientKey) throws(TfheRsError) {
        guard let (key, parameters) = clientKey.extensions.noiseSquashingKey else { return nil }
        self = try TfheRsError.invalid("noise-squashing private key") { () throws(TFHEError) in
            let glwe = try GlweSecretKey(glweDimension: GlweDimension(key.glweDimension),
                                         polynomialSize: PolynomialSize(key.polynomialSize), coefficients: key.coefficients)
            return try NoiseSquashingPrivateKey(parameters: parameters, glweSecretKey: glwe)
        }
    }

    /// The key and parameters as a tfhe-rs client key's extensions hold them.
    package var tfheRsKey: (key: TfheRsGlweSecretKey128, parameters: NoiseSquashingParameters) {
        (TfheRsGlweSecretKey128(coefficients: glweSecretKey.coefficients, polynomialSize: parameters.polynomialSize.value), parameters)
    }
}

extension TfheRsClientKey {
    /// A copy of this client key carrying `noiseSquashingKey` (written in tfhe-rs 1.1+ layouts).
    public func adding(noiseSquashingKey: NoiseSquashingPrivateKey) -> TfheRsClientKey {
        var copy = self
        copy.extensions.noiseSquashingKey = noiseSquashingKey.tfheRsKey
        return copy
    }
}
