import KMSTestSupport
@testable import KMSCore

extension ClearValue {
    /// A uniformly random value of `type` from the test run's seeded generator (as
    /// `ClearValue.random(_:)` draws one from the system CSPRNG), so that `SWIFTKMS_TEST_SEED`
    /// replays it.
    static func random(_ type: FheType, using g: inout SeededGenerator) throws -> ClearValue {
        var bytes = g.bytes(type.byteWidth)
        let extra = type.byteWidth * 8 - type.bitWidth
        if extra > 0 { bytes[bytes.count - 1] &= UInt8(0xff >> extra) }
        return try ClearValue(type: type, littleEndianBytes: bytes)
    }
}

/// Values each type is tried with: 0, the maximum, one seeded random value.
func interopSamples(_ t: FheType, using g: inout SeededGenerator) throws -> [ClearValue] {
    [try ClearValue(type: t, 0), .max(t), try .random(t, using: &g)]
}

extension SeededGenerator {
    /// A secp256k1 key from the stream (for the other parties of a test: strangers, forgers).
    mutating func secp256k1Key() -> Secp256k1PrivateKey {
        while true {
            // 0 or ≥ n with probability ≈ 2^-128: draw again.
            if let k = try? Secp256k1PrivateKey(rawRepresentation: bytes(32)) { return k }
        }
    }

    /// An X25519 key from the stream.
    mutating func boxKey() throws -> BoxSecretKey { try BoxSecretKey(bytes: bytes(32)) }

    /// The three TFHE streams seeded from this one.
    mutating func tfheRandomness() throws -> TFHERandomness { try TFHERandomness.seeded(tfheSeed()) }
}
