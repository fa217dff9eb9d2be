import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Key switching and programmable bootstrapping with keys we generate: every 4-bit input
/// through identity and random lookup tables, decrypted with the client key, noise compared
/// with the variance the parameters predict. (Our keys through our code: consistency and
/// noise; interop with tfhe-rs's keys is in `TfheRsServerKeyComputeTests`.)
final class ProgrammableBootstrapTests: XCTestCase {
    /// Variance (in u64 units²) of a noise distribution.
    static func variance(_ d: NoiseDistribution) -> Double {
        switch d {
        case .tUniform(let b): (pow(2, Double(2 * b + 1)) + 1) / 6
        case .gaussian(let s, _): pow(s * 0x1p64, 2)
        }
    }

    /// Predicted variance of a bootstrapped LWE (tfhe-rs's classic-PBS noise formula):
    /// decomposition rounding times the binary key, plus digits times the GGSW noise, per CMUX.
    static func predictedPBSVariance(_ c: ClassicPBSParameters) -> Double {
        let n = Double(c.lweDimension.value), k = Double(c.glweDimension.value), size = Double(c.polynomialSize.value)
        let b = Double(c.pbsBaseLog.value), l = Double(c.pbsLevel.value)
        let rounding = (k * size / 2 + 1) * pow(2, 2 * (64 - b * l)) / 12
        let digits = (k + 1) * l * size * (pow(2, 2 * b) + 2) / 12 * variance(c.glweNoiseDistribution)
        return n / 2 * rounding + n * digits
    }

    static func signed(_ x: UInt64) -> Double { Double(Int64(bitPattern: x)) }

    private func everyInput(_ params: ParameterSet, identity: Bool = true, function: String = #function) throws {
        var g = TestSeed.generator(function: function)
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(params, randomness: r)
        let sk = try ServerKey.generate(for: ck, randomness: r)
        let c = params.compute
        let p = c.messageModulus * c.carryModulus
        let delta = (UInt64(1) << 63) / UInt64(p)
        let table = (0..<p).map { _ in UInt64.random(in: 0 ..< UInt64(p), using: &g) }
        let w = PBSWorkspace(bsk: sk.bootstrapKey, keyswitchLevels: c.ksLevel.value)
        let sigma = Self.predictedPBSVariance(c).squareRoot()
        var worst = 0.0
        let tables: [(String, (UInt64) -> UInt64)] = [("identity", { $0 }), ("random", { table[Int($0)] })]
        for (name, f) in identity ? tables : [tables[1]] {
            let lut = LookupTable(polynomialSize: c.polynomialSize.value, boxes: p, delta: delta, f)
            for m in 0 ..< UInt64(p) {
                let input = LweEncryption.encrypt([m * delta], key: ck.bigLweSecretKey, noise: c.glweNoiseDistribution,
                                                  maskGenerator: r.mask, noiseGenerator: r.noise)
                var out = [UInt64](repeating: 0, count: c.bigLweDimension.value + 1)
                input.data.withUnsafeBufferPointer { i in lut.body.withUnsafeBufferPointer { l in out.withUnsafeMutableBufferPointer {
                    ProgrammableBootstrap.keyswitchBootstrap(i.baseAddress!, lut: l.baseAddress!, ksk: sk.keyswitchKey,
                                                             bsk: sk.bootstrapKey, modulusSwitch: sk.modulusSwitchMode,
                                                             into: $0.baseAddress!, workspace: w)
                } } }
                let phase = try LweEncryption.phases(LweCiphertextList(lweDimension: c.bigLweDimension.value, data: out), key: ck.bigLweSecretKey)[0]
                let error = Self.signed(phase &- f(m) * delta)
                XCTAssertLessThan(abs(error), Double(delta / 2), "\(params.name) \(name) LUT, input \(m): wrong message")
                worst = max(worst, abs(error))
            }
        }
        // Up to 32 samples of a centred distribution: all within 6.5σ of the prediction.
        XCTAssertLessThan(worst, 6.5 * sigma, "\(params.name): worst PBS error 2^\(log2(worst)), predicted σ 2^\(log2(sigma))")
        print("\(params.name): worst PBS error 2^\(log2(worst)), predicted σ 2^\(log2(sigma))")
    }

    func testEveryInputThroughIdentityAndRandomTablesUnderTestParameters() throws { try everyInput(.test) }
    func testEveryInputThroughIdentityAndRandomTablesUnderDefaultParameters() throws { try everyInput(.default) }
    /// The drift technique's set (debug builds are slow: the random table only).
    func testEveryInputThroughARandomTableUnder2M128Parameters() throws { try everyInput(.v1_0_2m128, identity: false) }

    func testKeySwitchKeepsThePhaseWithinTheKeySwitchNoise() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.default, randomness: r)
        let c = ParameterSet.default.compute
        let ksk = LweKeyswitchKeyGeneration.generate(from: ck.bigLweSecretKey, to: ck.lweSecretKey,
                                                     decomposer: try SignedDecomposer(baseLog: c.ksBaseLog, levelCount: c.ksLevel),
                                                     noise: c.lweNoiseDistribution, randomness: r)
        for m: UInt64 in [0, 5, 15] {
            let input = LweEncryption.encrypt([m << 59], key: ck.bigLweSecretKey, noise: c.glweNoiseDistribution,
                                              maskGenerator: r.mask, noiseGenerator: r.noise)
            let out = try LweKeyswitch.keyswitch(input.data, key: ksk)
            let phase = try LweEncryption.phases(LweCiphertextList(lweDimension: c.lweDimension.value, data: out), key: ck.lweSecretKey)[0]
            XCTAssertLessThan(abs(Self.signed(phase &- m << 59)), 0x1p56, "message \(m)")
        }
        XCTAssertThrowsError(try LweKeyswitch.keyswitch([1, 2, 3], key: ksk))
    }
}
