import KMSTestSupport
import XCTest
@testable import KMSCore

final class DecodingTests: XCTestCase {
    let enc = ParameterSet.default.compute.encoding

    func testDeltaAndRounding() {
        XCTAssertEqual(enc.delta, 1 << 59)
        let d = enc.delta
        XCTAssertEqual(enc.decodeMessageAndCarry(3 * d), 3)
        XCTAssertEqual(enc.decodeMessageAndCarry(3 * d + d / 2 - 1), 3)   // just below half: rounds down
        XCTAssertEqual(enc.decodeMessageAndCarry(3 * d + d / 2), 4)       // half: rounds up (tfhe-rs)
        XCTAssertEqual(enc.decodeMessageAndCarry(3 * d &- d / 2), 3)      // −half rounds to 3
        XCTAssertEqual(enc.decodeMessageAndCarry(3 * d &- d / 2 &- 1), 2)
        XCTAssertEqual(enc.decodeMessageAndCarry(0 &- 1), 0)              // wraps to 2^64 → 0 after division? (p + Δ)/Δ mod
        XCTAssertEqual(enc.decodeMessage(7 * d), 3)
        XCTAssertEqual(enc.decodeMessageAndCarry(17 * d), 17)             // padding bit set
    }

    func testRadixRecombinationAddsCarriesAndWrapsAtTheWidth() {
        let d = enc.delta
        // euint8 blocks (message+carry): 3, 5 (carry into block 2), 0, 3 → 3 + 5·4 + 0 + 3·64 = 215
        let v = RadixEncoding.decode(phases: [3 * d, 5 * d, 0, 3 * d], type: .euint8, encoding: enc)
        XCTAssertEqual(v.words, [215])
        // Overflow past 8 bits wraps: top block 7 → 7·64 = 448 → 448 mod 256 = 192.
        XCTAssertEqual(RadixEncoding.decode(phases: [0, 0, 0, 7 * d], type: .euint8, encoding: enc).words, [192])
        // Carries that cross a 64-bit limb (euint128, block 31 holds bits 62–63).
        var phases = [UInt64](repeating: 0, count: 64)
        phases[31] = 15 * d   // 15 · 2^62 = 2^65 + 2^64 + 2^63 + 2^62
        let big = RadixEncoding.decode(phases: phases, type: .euint128, encoding: enc)
        XCTAssertEqual(big.words, [0xC000_0000_0000_0000, 3])
        // ebool: (v mod 4) ≠ 0.
        XCTAssertEqual(RadixEncoding.decode(phases: [d], type: .ebool, encoding: enc), ClearValue(bool: true))
        XCTAssertEqual(RadixEncoding.decode(phases: [4 * d], type: .ebool, encoding: enc), ClearValue(bool: false))
    }

    func testBlocksOfAValueAreLittleEndianTwoBitGroups() throws {
        let v = try ClearValue(type: .euint8, 0b11_01_00_10)
        XCTAssertEqual(RadixEncoding.blocks(of: v, encoding: enc), [2, 0, 1, 3])
        XCTAssertEqual(RadixEncoding.blocks(of: ClearValue(bool: true), encoding: enc), [1])
        XCTAssertEqual(RadixEncoding.blocks(of: .max(.ebytes256), encoding: enc).count, 1024)
    }

    func testNoisePastHalfDeltaFlipsTheValue() throws {
        // Proves the rounding is real: noise just below Δ/2 is absorbed, just above it is not.
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.default, randomness: randomness)
        let v = try ClearValue(type: .euint8, 0b10_01_11_00)   // blocks 0, 3, 1, 2
        let ct = ck.encrypt(v, randomness: randomness)
        guard case .lwe(let list, let key) = ct.body else { return XCTFail() }
        let half = enc.delta / 2
        func perturbed(block: Int, by e: UInt64) throws -> ClearValue {
            var data = list.data
            data[block * list.lweSize + list.lweDimension] &+= e
            let bad = try FheCiphertext(type: .euint8, encoding: ct.encoding,
                                        body: .lwe(LweCiphertextList(lweDimension: list.lweDimension, data: data), key: key))
            return try ck.decrypt(bad)
        }
        let margin: UInt64 = 1 << 40   // far above the fresh noise (≤ 2^17)
        XCTAssertEqual(try perturbed(block: 0, by: half - margin), v)
        XCTAssertEqual(try perturbed(block: 0, by: 0 &- (half - margin)), v)
        XCTAssertEqual(try perturbed(block: 0, by: half + margin).words, [v.words[0] + 1])
        XCTAssertEqual(try perturbed(block: 1, by: 0 &- (half + margin)).words, [v.words[0] - 4])
    }

    func testBlockCountIsCheckedWhenAssemblingCiphertexts() throws {
        let list = try LweCiphertextList(lweDimension: 4, data: [UInt64](repeating: 0, count: 15))
        XCTAssertThrowsError(try FheCiphertext(type: .euint8, encoding: enc, body: .lwe(list, key: .big)))
        XCTAssertThrowsError(try LweCiphertextList(lweDimension: 4, data: [1, 2, 3]))
        XCTAssertThrowsError(try LweCompactCiphertextList(lweDimension: 3, masks: [], bodies: []))
        XCTAssertThrowsError(try LweCompactCiphertextList(lweDimension: 4, masks: [1, 2, 3], bodies: [1]))
    }
}
