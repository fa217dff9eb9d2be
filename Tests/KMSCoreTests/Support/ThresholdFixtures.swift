import KMSTestSupport
@testable import KMSCore

/// Dealer-shared keys and squashed values for threshold tests.
enum ThresholdFixtures {
    typealias Keys = NoiseSquashingTests.SquashingKeys

    static let keyID = try! KeyID(bytes: [UInt8](repeating: 7, count: 20))

    static func shares(_ keys: Keys, n: Int, t: Int, degree: ThresholdRingDegree = .eight,
                _ g: inout SeededGenerator) throws -> [ThresholdKeyShare] {
        try ThresholdDealer.share(clientKey: keys.client, noiseSquashingKey: keys.privateKey, keyID: Self.keyID,
                                  parameters: ThresholdParameters(parties: n, threshold: t, ringDegree: degree),
                                  randomness: g.tfheRandomness())
    }

    /// A u128 LWE of every block of `value` encrypted directly under the squashing key (what a
    /// switch-and-squash outputs, without the bootstraps), noise below 2^60.
    static func directlySquashed(_ value: ClearValue, _ keys: Keys, _ g: inout SeededGenerator) throws -> SwitchAndSquashedCiphertext {
        let p = keys.privateKey.parameters
        let encoding = BlockEncoding(unchecked: p.messageModulus, p.carryModulus)
        let count = value.type.blockCount(messageBits: encoding.messageBits)
        let m = p.lweDimension.value
        let shift = 127 - (p.messageModulus * p.carryModulus).trailingZeroBitCount
        var blocks: [[UInt64]] = []
        for j in 0..<count {
            let message = value.type == .ebool ? (value.isZero ? 0 : 1) : value.bits(at: j * encoding.messageBits, count: encoding.messageBits)
            var lwe = (0..<2 * m).map { _ in g.next() } + [0, 0]
            let minusDot = lwe.withUnsafeBufferPointer { keys.privateKey.phase($0.baseAddress!) }
            let noise = U128(g.next() >> 4) &- U128(1 << 59)
            let b = (U128(message) << shift) &+ noise &- minusDot
            lwe[2 * m] = b.low
            lwe[2 * m + 1] = b.high
            blocks.append(lwe)
        }
        return try SwitchAndSquashedCiphertext(type: value.type, lweDimension: m, blocks: blocks)
    }
}
