/// Whether a tfhe-rs `ServerKey` was made from a client key.
///
/// The shapes are checked against the client key's parameters, then the key material itself:
/// each first-level row of the key-switching key encrypts `s_i · 2^(64−B)` under the small key,
/// `s_i` being coefficient `i` of the big key, and each encryption of zero of the drift-technique
/// modulus-switch key has a phase near 0. A key made from another client key fails the first
/// test with overwhelming probability (half of its 2048 rows would be off by `2^(64−B)`).
///
/// ```swift
/// try TfheRsServerKeyCheck.check(serverKey, belongsTo: clientKey)
/// ```
package enum TfheRsServerKeyCheck {
    package static func check(_ sk: TfheRsServerKey, belongsTo ck: ClientKey) throws(TfheRsError) {
        try checkShapes(sk, parameters: ck.parameters, owner: "the client key's parameters")
        let p = ck.parameters.compute
        let ksk = sk.keySwitchingKey
        guard keySwitchingRowsMatch(ksk, big: ck.bigLweSecretKey, small: ck.lweSecretKey) else {
            throw .mismatch("the server key was not made from this client key (its key-switching key does not encrypt the client key's big key under its small key)")
        }
        if case .driftTechniqueNoiseReduction(let ms) = sk.bootstrappingKey.modulusSwitch {
            guard ms.lweSize == p.lweDimension.value + 1, zerosAreNearZero(ms.encryptionsOfZero, key: ck.lweSecretKey) else {
                throw .mismatch("the server key's modulus-switch encryptions of zero are not encryptions of zero under this client key")
            }
        }
    }

    /// The compute key's shapes and block moduli against `parameters` (`owner` names them in
    /// the error).
    package static func checkShapes(_ sk: TfheRsServerKey, parameters: ParameterSet, owner: String) throws(TfheRsError) {
        let p = parameters.compute
        let ksk = sk.keySwitchingKey, bsk = sk.bootstrappingKey.bsk
        let expected: [(String, Int, Int)] = [
            ("key-switching input dimension", ksk.inputDimension, p.glweDimension.value * p.polynomialSize.value),
            ("key-switching output dimension", ksk.outputLweSize - 1, p.lweDimension.value),
            ("key-switching base log", ksk.baseLog, p.ksBaseLog.value),
            ("key-switching level count", ksk.levelCount, p.ksLevel.value),
            ("bootstrapping input dimension", bsk.inputLweDimension, p.lweDimension.value),
            ("bootstrapping GLWE dimension", bsk.glweSize - 1, p.glweDimension.value),
            ("bootstrapping polynomial size", bsk.polynomialSize, p.polynomialSize.value),
            ("bootstrapping base log", bsk.baseLog, p.pbsBaseLog.value),
            ("bootstrapping level count", bsk.levelCount, p.pbsLevel.value),
            ("message modulus", sk.messageModulus, p.messageModulus),
            ("carry modulus", sk.carryModulus, p.carryModulus),
        ]
        for (what, found, want) in expected where found != want {
            throw .mismatch("the server key's \(what) is \(found), \(owner) say \(want)")
        }
    }

    /// Checks every first-level row (the last of each coefficient's block: level L comes first).
    /// Branch-free over the secret: the verdict is one accumulated flag.
    private static func keySwitchingRowsMatch(_ ksk: TfheRsKeyswitchKey, big: LweSecretKey, small: LweSecretKey) -> Bool {
        let n = small.dimension, size = n + 1
        let shift = UInt64(64 - ksk.baseLog)
        let tolerance: UInt64 = 1 << (shift - 2)
        var bad: UInt64 = 0
        var row = [UInt64](repeating: 0, count: size)
        ksk.data.bytes.withUnsafeBytes { raw in
            small.masks.withUnsafeBufferPointer { m in
                row.withUnsafeMutableBufferPointer { r in
                    for i in 0..<ksk.inputDimension {
                        let start = ((i * ksk.levelCount) + ksk.levelCount - 1) * size * 8
                        for j in 0..<size {
                            r[j] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + j * 8, as: UInt64.self))
                        }
                        let phase = r[n] &- TorusDotProduct.masked(r.baseAddress!, m.baseAddress!, count: n)
                        let diff = phase &- (big.coefficients[i] << shift)
                        bad |= outside(diff, tolerance)
                    }
                }
            }
        }
        return bad == 0
    }

    private static func zerosAreNearZero(_ zeros: TfheRsBulk, key: LweSecretKey) -> Bool {
        let n = key.dimension, size = n + 1
        let count = zeros.count / size
        var bad: UInt64 = 0
        var row = [UInt64](repeating: 0, count: size)
        zeros.bytes.withUnsafeBytes { raw in
            key.masks.withUnsafeBufferPointer { m in
                row.withUnsafeMutableBufferPointer { r in
                    for i in 0..<count {
                        for j in 0..<size {
                            r[j] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: (i * size + j) * 8, as: UInt64.self))
                        }
                        let phase = r[n] &- TorusDotProduct.masked(r.baseAddress!, m.baseAddress!, count: n)
                        bad |= outside(phase, 1 << 58)
                    }
                }
            }
        }
        return bad == 0
    }

    /// 1 when the torus value `x` (as a signed distance from 0) is `tolerance` or more away, else 0.
    @inline(__always)
    private static func outside(_ x: UInt64, _ tolerance: UInt64) -> UInt64 {
        let sign = 0 &- (x >> 63)
        let magnitude = (x ^ sign) &- sign
        return (tolerance &- 1 &- magnitude) >> 63
    }
}
