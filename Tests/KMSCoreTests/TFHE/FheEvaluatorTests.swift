import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// Homomorphic operations with our own keys against the clear results (consistency of our
/// evaluator with our encryption; the same operations on tfhe-rs's keys and ciphertexts are in
/// `TfheRsServerKeyComputeTests`).
final class FheEvaluatorTests: XCTestCase {
    private struct Keys {
        let clientKey: ClientKey
        let evaluator: FheEvaluator
        let randomness: TFHERandomness
    }

    private func keys(_ params: ParameterSet, function: String = #function) throws -> (Keys, SeededGenerator) {
        var g = TestSeed.generator(function: function)
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(params, randomness: r)
        return (Keys(clientKey: ck, evaluator: FheEvaluator(serverKey: try ServerKey.generate(for: ck, randomness: r)), randomness: r), g)
    }

    static func clear(_ op: FheEvaluator.Operation, _ a: UInt64, _ b: UInt64, bits: Int) -> UInt64 {
        let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        switch op {
        case .add: return (a &+ b) & mask
        case .sub: return (a &- b) & mask
        case .mul: return (a &* b) & mask
        case .and: return a & b
        case .or: return a | b
        case .xor: return a ^ b
        case .eq: return a == b ? 1 : 0
        case .lt: return a < b ? 1 : 0
        }
    }

    private func check(_ k: Keys, _ type: FheType, _ a: UInt64, _ b: UInt64, _ ops: [FheEvaluator.Operation],
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let ca = k.clientKey.encrypt(try ClearValue(type: type, a), randomness: k.randomness)
        let cb = k.clientKey.encrypt(try ClearValue(type: type, b), randomness: k.randomness)
        for op in ops {
            let out = try k.evaluator.evaluate(op, ca, cb)
            let expected = Self.clear(op, a, b, bits: type.bitWidth)
            let want = op == .eq || op == .lt ? ClearValue(bool: expected == 1) : try ClearValue(type: type, expected)
            XCTAssertEqual(try k.clientKey.decrypt(out), want, "\(type) \(a) \(op) \(b)", file: file, line: line)
        }
    }

    func testEveryOperationOnRandomValuesUnderTestParameters() throws {
        var (k, g) = try keys(.test)
        for type in [FheType.euint8, .euint16] {
            let mask: UInt64 = (1 << UInt64(type.bitWidth)) - 1
            for _ in 0..<3 {
                try check(k, type, g.next() & mask, g.next() & mask, FheEvaluator.Operation.allCases)
            }
            try check(k, type, mask, mask, FheEvaluator.Operation.allCases)   // carries everywhere
            try check(k, type, 0, mask, FheEvaluator.Operation.allCases)      // borrows everywhere
        }
    }

    func testScalarOperationsAndTablesUnderTestParameters() throws {
        var (k, g) = try keys(.test)
        let a = g.next() & 0xffff, s = g.next() & 0xffff
        let ca = k.clientKey.encrypt(try ClearValue(type: .euint16, a), randomness: k.randomness)
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.scalarAdd(ca, s)), try ClearValue(type: .euint16, (a + s) & 0xffff))
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.scalarMultiply(ca, by: s)), try ClearValue(type: .euint16, (a &* s) & 0xffff))
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.scalarMultiply(ca, by: 0)), try ClearValue(type: .euint16, 0))
        // Per block: complement of each 2-bit digit.
        let complemented = try k.evaluator.mapBlocks(ca) { 3 - $0 % 4 }
        XCTAssertEqual(try k.clientKey.decrypt(complemented), try ClearValue(type: .euint16, ~a & 0xffff))
        // Results feed further operations.
        let twice = try k.evaluator.add(complemented, complemented)
        XCTAssertEqual(try k.clientKey.decrypt(twice), try ClearValue(type: .euint16, (2 * (~a & 0xffff)) & 0xffff))
    }

    func testAddAndCompareUnderDefaultParameters() throws {
        var (k, g) = try keys(.default)
        try check(k, .euint8, g.next() & 0xff, g.next() & 0xff, [.add, .lt])
    }

    /// Public-key encryptions (compact lists, as fhevmjs sends them), unpacked and packed, are
    /// cast to the compute key (casting key switch + bootstrap) and computed with.
    func testCompactListsAreCastAndComputedWith() throws {
        var (k, g) = try keys(.test)
        let pk = try KeyGeneration.generatePublicKey(k.clientKey, randomness: k.randomness)
        let a = g.next() & 0xffff, b = g.next() & 0xffff
        let ca = pk.encrypt(try ClearValue(type: .euint16, a), randomness: k.randomness)
        let packedBytes = try TfheRsInterop.encrypt(try ClearValue(type: .euint16, b), publicKey: pk, packed: true, layout: .v1_0,
                                                    randomness: k.randomness)
        let cb = try CiphertextReader(keyID: nil, parameters: .test).readOne(packedBytes, as: .euint16)
        guard case .compact(_, _, true) = cb.body else { return XCTFail("expected a packed compact list") }
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.add(ca, cb)), try ClearValue(type: .euint16, (a + b) & 0xffff))
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.mapBlocks(cb) { $0 % 4 }), try ClearValue(type: .euint16, b))
    }

    /// Compressed lists (what the fhEVM coprocessor stores per handle), made by the server-side
    /// packing key switch with our compression key or encrypted directly under the compression
    /// key, are bootstrapped out with the decompression key and computed with.
    func testCompressedListsAreDecompressedAndComputedWith() throws {
        var g = TestSeed.generator()
        let r = try g.tfheRandomness()
        let (ck, _) = try KeyGeneration.generate(.test, randomness: r)
        let sk = try ServerKey.generate(for: ck, randomness: r, compressionKeys: true)
        let evaluator = FheEvaluator(serverKey: sk)
        let z = try XCTUnwrap(ck.parameters.compression), enc = ck.parameters.compute.encoding
        let a = g.next() & 0xffff, b = g.next() & 0xffff
        guard case .lwe(let blocks, _) = ck.encrypt(try ClearValue(type: .euint16, a), randomness: r).body else { return XCTFail() }
        let packed = try CompressedCiphertextList.compress(blocks, packingKey: try XCTUnwrap(sk.compressionKey), parameters: z, encoding: enc)
        let ca = try FheCiphertext(type: .euint16, encoding: enc, body: .compressed(packed, blocks: 0..<8))
        let direct = try CompressedCiphertextList.encrypt(blocks: RadixEncoding.blocks(of: try ClearValue(type: .euint16, b), encoding: enc),
                                                          compressionKey: try XCTUnwrap(ck.compressionKey), parameters: z,
                                                          encoding: enc, randomness: r)
        let cb = try FheCiphertext(type: .euint16, encoding: enc, body: .compressed(direct, blocks: 0..<8))
        XCTAssertEqual(try ck.decrypt(evaluator.expanded(ca)), try ClearValue(type: .euint16, a))
        XCTAssertEqual(try ck.decrypt(evaluator.add(ca, cb)), try ClearValue(type: .euint16, (a + b) & 0xffff))
        // Through tfhe-rs's ServerKey layout (compression and decompression keys included) and back.
        for layout in [TfheRsLayout.v1_0, .v1_4] {
            let bytes = try TfheRsFile(object: .serverKey(TfheRsServerKey(sk, layout: layout)), layout: layout).encode()
            guard case .serverKey(let tsk) = try TfheRsFile.decode(bytes, expecting: .serverKey, limits: .key).object else { return XCTFail() }
            XCTAssertNotNil(tsk.compressionKey)
            let back = try ServerKey(tfheRs: tsk, parameters: ck.parameters)
            XCTAssertEqual(back.compressionKey?.data, sk.compressionKey?.data)
            XCTAssertEqual(back.decompressionKey?.re, sk.decompressionKey?.re)
            XCTAssertEqual(try ck.decrypt(FheEvaluator(serverKey: back).expanded(cb)), try ClearValue(type: .euint16, b))
        }
        // Without a decompression key: a typed error.
        let plain = FheEvaluator(serverKey: try ServerKey.generate(for: ck, randomness: r))
        XCTAssertThrowsError(try plain.add(ca, cb)) { error in
            guard case TFHEError.missingKey = error else { return XCTFail("\(error)") }
        }
    }

    /// Seeded blocks (tfhe-rs `CompressedFheUint`: a body and a 16-byte AES-CTR seed per block)
    /// have their masks regenerated and are computed with.
    func testSeededBlocksAreExpandedAndComputedWith() throws {
        var (k, g) = try keys(.test)
        let enc = ParameterSet.test.compute.encoding
        let big = k.clientKey.bigLweSecretKey
        let value = g.next() & 0xff
        var bodies: [UInt64] = [], seeds: [UInt8] = []
        for block in RadixEncoding.blocks(of: try ClearValue(type: .euint8, value), encoding: enc) {
            let seed = g.bytes(16)
            let gen = try AesCtrGenerator(seed: seed)
            var mask = [UInt64](repeating: 0, count: big.dimension)
            mask.withUnsafeMutableBytes { gen.fill($0) }
            let dot = zip(mask, big.coefficients).reduce(UInt64(0)) { $0 &+ $1.0 &* $1.1 }
            bodies.append(dot &+ enc.encode(block))
            seeds += seed
        }
        let list = try SeededLweCiphertextList(lweDimension: LweDimension(big.dimension), bodies: bodies, seeds: seeds)
        let ct = try FheCiphertext(type: .euint8, encoding: enc, body: .seeded(list, key: .big))
        XCTAssertEqual(try k.clientKey.decrypt(ct), try ClearValue(type: .euint8, value))
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.scalarAdd(ct, 3)), try ClearValue(type: .euint8, (value + 3) & 0xff))
        XCTAssertEqual(try k.clientKey.decrypt(k.evaluator.expanded(ct)), try ClearValue(type: .euint8, value))
    }

    func testMismatchedOperandsAreRefused() throws {
        let (k, _) = try keys(.test)
        let a = k.clientKey.encrypt(try ClearValue(type: .euint8, 1))
        let b = k.clientKey.encrypt(try ClearValue(type: .euint16, 1))
        XCTAssertThrowsError(try k.evaluator.add(a, b))
        let (other, _) = try keys(.default)
        XCTAssertThrowsError(try other.evaluator.add(a, a)) // another key's dimension
    }
}
