/// The server side of noise squashing (tfhe-rs `NoiseSquashingKey`, Standard atomic pattern): a
/// bootstrapping key over Z_{2^128} — for every coefficient s_i of the compute key's small LWE
/// key, a GGSW encryption of s_i under the noise-squashing GLWE key — held as spectra of the
/// exact u128 product (`Negacyclic128Engine`). It holds no secret.
///
/// Layout (tfhe-rs's GGSW order, outer to inner): GGSW i, level block t (decomposition level
/// L − t: the finest level first), row r (0…k; row r < k encrypts −s_i·2^(128−B·ℓ)·S_r, row k the
/// constant s_i·2^(128−B·ℓ)), polynomial c (k masks, then the body).
///
/// ```swift
/// let key = try NoiseSquashingKey.generate(clientKey: clientKey, privateKey: nsk)
/// let squashed = try key.squash(ciphertext, serverKey: serverKey)
/// ```
public struct NoiseSquashingKey: Sendable, CustomStringConvertible {
    public let parameters: NoiseSquashingParameters
    /// n, the dimension of the compute key's small LWE key (one GGSW per coefficient).
    package let inputLweDimension: LweDimension
    package let engine: Negacyclic128Engine
    package let decomposer: U128Decomposer
    /// n·L·(k+1)·(k+1) spectra in the order above.
    package let spectra: [KeySpectrum]

    /// Wraps spectra, checking the parameters and the count against the shape.
    /// - Throws: `TFHEError.invalidParameters` for invalid parameters, `.keyMismatch` when the
    ///   spectra do not match n, k, N, L.
    package init(parameters: NoiseSquashingParameters, inputLweDimension: LweDimension, spectra: [KeySpectrum]) throws(TFHEError) {
        try parameters.validate()
        let size = parameters.polynomialSize.value
        guard let engine = Negacyclic128Engine(polynomialSize: size),
              let decomposer = U128Decomposer(baseLog: parameters.decompositionBaseLog.value,
                                              levelCount: parameters.decompositionLevelCount.value) else {
            throw .invalidParameters("noise squashing: no exact u128 product for N = \(size), 2^\(parameters.decompositionBaseLog)×\(parameters.decompositionLevelCount)")
        }
        let k1 = parameters.glweDimension.value + 1
        let perGgsw = parameters.decompositionLevelCount.value * k1 * k1
        let expected = inputLweDimension.value.multipliedReportingOverflow(by: perGgsw)
        guard inputLweDimension.value > 0, !expected.overflow, spectra.count == expected.partialValue,
              spectra.allSatisfy({ $0.values.count == engine.spectrumCount }) else {
            throw .keyMismatch("noise-squashing key of \(spectra.count) spectra for n=\(inputLweDimension), k=\(parameters.glweDimension), N=\(parameters.polynomialSize), L=\(parameters.decompositionLevelCount)")
        }
        self.parameters = parameters
        self.inputLweDimension = inputLweDimension
        self.engine = engine
        self.decomposer = decomposer
        self.spectra = spectra
    }

    /// Spectra per GGSW: L·(k+1)².
    package var ggswStride: Int {
        let k1 = parameters.glweDimension.value + 1
        return parameters.decompositionLevelCount.value * k1 * k1
    }

    public var description: String {
        let p = parameters
        return "NoiseSquashingKey(n=\(inputLweDimension) → \(p.glweDimension)×\(p.polynomialSize) u128, 2^\(p.decompositionBaseLog)×\(p.decompositionLevelCount))"
    }
}
