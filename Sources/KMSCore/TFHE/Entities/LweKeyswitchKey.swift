/// An LWE key-switching key (tfhe-rs `LweKeyswitchKey`): for every coefficient i of the input
/// key, L LWE encryptions under the output key of `s_in[i] · 2^(64 − B·ℓ)`, level L first
/// (tfhe-rs ≥ 0.10 order). `data` is `[input i][level block][output n + 1 words]`.
package struct LweKeyswitchKey: Sendable, Equatable {
    package let inputLweDimension: LweDimension
    package let outputLweDimension: LweDimension
    package let decomposer: SignedDecomposer
    package let data: [UInt64]

    /// Wraps key material, checking its size against the shape.
    package init(inputLweDimension: LweDimension, outputLweDimension: LweDimension,
                 decomposer: SignedDecomposer, data: [UInt64]) throws(TFHEError) {
        let (m, overflow) = inputLweDimension.value.multipliedReportingOverflow(by: decomposer.levelCount.value * (outputLweDimension.value + 1))
        guard inputLweDimension.value > 0, outputLweDimension.value > 0, !overflow, data.count == m else {
            throw .keyMismatch("key-switching key of \(data.count) words for \(inputLweDimension) → \(outputLweDimension) at \(decomposer.levelCount) levels")
        }
        self.inputLweDimension = inputLweDimension
        self.outputLweDimension = outputLweDimension
        self.decomposer = decomposer
        self.data = data
    }

    init(trusted inputLweDimension: LweDimension, _ outputLweDimension: LweDimension, _ decomposer: SignedDecomposer, _ data: [UInt64]) {
        self.inputLweDimension = inputLweDimension
        self.outputLweDimension = outputLweDimension
        self.decomposer = decomposer
        self.data = data
    }

    /// Words per input coefficient: L·(n_out + 1).
    package var blockSize: Int { decomposer.levelCount.value * (outputLweDimension.value + 1) }
}
