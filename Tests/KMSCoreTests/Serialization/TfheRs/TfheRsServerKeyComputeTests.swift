import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// Computing with tfhe-rs's own keys, through `TfheRsOracle` (real tfhe-rs 1.x): its Fourier
/// bootstrapping key converted here decrypts row by row to the GGSWs of its client key's bits,
/// and ciphertexts tfhe-rs encrypts, combined here with its server key, are decrypted by
/// tfhe-rs to the clear results.
final class TfheRsServerKeyComputeTests: XCTestCase {
    private struct OracleKeys {
        let clientKeyPath: String
        let clientKey: ClientKey
        let serverKey: ServerKey
    }

    private static let loaded: Result<OracleKeys, Error> = Result {
        let dir = try TfheRsOracle.keys()
        let ckPath = dir.appendingPathComponent("client_key.bin").path
        let ck = try ClientKey(tfheRsBytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: ckPath))))
        let file = try TfheRsFile.read(contentsOf: dir.appendingPathComponent("server_key.bin"), expecting: .serverKey)
        guard case .serverKey(let tsk) = file.object else { throw TfheRsError.unexpectedObject(expected: "ServerKey", found: file.object.type.typeName) }
        return OracleKeys(clientKeyPath: ckPath, clientKey: ck, serverKey: try ServerKey(tfheRs: tsk, parameters: ck.parameters))
    }

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-compute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// The converted Fourier key, transformed back and decrypted with tfhe-rs's GLWE key: row k of
    /// GGSW i (finest level first) is the constant s_i·2^(64−B·L), row r < k is −s_i·2^(64−B·L)·S_r.
    /// This pins tfhe-rs's Fourier layout, value order and scaling.
    func testTfheRsFourierBootstrapKeyDecryptsToTheGgswsOfItsClientKey() throws {
        let keys = try Self.loaded.get()
        let bsk = keys.serverKey.bootstrapKey, glwe = keys.clientKey.glweSecretKey
        let k = bsk.glweDimension.value, size = bsk.polynomialSize.value, half = size / 2
        let levels = bsk.decomposer.levelCount.value
        let factor = UInt64(1) << UInt64(64 - bsk.decomposer.baseLog.value * levels) // level L, stored first
        let buffer = FourierBuffer(size: half)
        var worst: UInt64 = 0
        for i in [0, 1, 2, bsk.inputLweDimension.value / 2, bsk.inputLweDimension.value - 1] {
            let bit = keys.clientKey.lweSecretKey.coefficients[i]
            for r in 0...k {
                var row = [UInt64](repeating: 0, count: (k + 1) * size)
                for c in 0...k {
                    let at = ((i * levels * (k + 1) + r) * (k + 1) + c) * half
                    bsk.re.withUnsafeBufferPointer { re in bsk.im.withUnsafeBufferPointer { im in
                        buffer.re.update(from: re.baseAddress! + at, count: half)
                        buffer.im.update(from: im.baseAddress! + at, count: half)
                    } }
                    row.withUnsafeMutableBufferPointer { bsk.transform.backwardTorus(re: buffer.re, im: buffer.im, into: $0.baseAddress! + c * size) }
                }
                let phase = try GlweEncryption.phase(try GlweCiphertext(glweDimension: bsk.glweDimension, polynomialSize: bsk.polynomialSize, data: row), key: glwe)
                var expected = [UInt64](repeating: 0, count: size)
                if r == k {
                    expected[0] = bit &* factor
                } else {
                    for j in 0..<size { expected[j] = 0 &- (bit &* factor &* glwe.coefficients[r * size + j]) }
                }
                for j in 0..<size {
                    let d = phase[j] &- expected[j]
                    worst = max(worst, min(d, 0 &- d))
                }
            }
        }
        // GLWE noise TUniform(17) plus the f64 rounding of tfhe-rs's conversion.
        XCTAssertLessThan(worst, 1 << 32, "worst GGSW row error 2^\(log2(Double(worst)))")
    }

    /// tfhe-rs encrypts, we compute with tfhe-rs's server key, tfhe-rs decrypts.
    func testTfheRsDecryptsWhatWeComputeWithItsServerKeyOnItsCiphertexts() throws {
        let keys = try Self.loaded.get()
        let dir = try temporaryDirectory()
        var g = TestSeed.generator()
        let lhs: [Int128] = [255, 0, Int128(g.next() as UInt8)]
        let rhs: [Int128] = [1, 255, Int128(g.next() as UInt8)]
        let lhsPath = dir.appendingPathComponent("lhs.bin").path, rhsPath = dir.appendingPathComponent("rhs.bin").path
        try TfheRsOracle.encrypt(clientKey: keys.clientKeyPath, type: "u8", values: lhs, to: lhsPath)
        try TfheRsOracle.encrypt(clientKey: keys.clientKeyPath, type: "u8", values: rhs, to: rhsPath)
        let reader = CiphertextReader(keyID: nil, parameters: keys.clientKey.parameters)
        let a = try reader.read(try [UInt8](Data(contentsOf: URL(fileURLWithPath: lhsPath))), as: .euint8)
        let b = try reader.read(try [UInt8](Data(contentsOf: URL(fileURLWithPath: rhsPath))), as: .euint8)
        let evaluator = FheEvaluator(serverKey: keys.serverKey)
        for op in [FheEvaluator.Operation.add, .sub, .and, .or, .xor] {
            var items: [TfheRsFheCiphertext] = []
            for (x, y) in zip(a, b) {
                guard case .ciphertext(let c) = try TfheRsObject(try evaluator.evaluate(op, x, y), parameters: keys.clientKey.parameters,
                                                                 layout: .main2025) else { return XCTFail("not a ciphertext") }
                items.append(c)
            }
            let out = dir.appendingPathComponent("\(op).bin")
            try Data(try TfheRsFile(object: .ciphertextVec(items), layout: .main2025, safeSerialized: false, versioned: false).encode()).write(to: out)
            let decrypted = try TfheRsOracle.decrypt(clientKey: keys.clientKeyPath, type: "u8", file: out.path)
            let expected = zip(lhs, rhs).map { Int128(FheEvaluatorTests.clear(op, UInt64($0), UInt64($1), bits: 8)) }
            XCTAssertEqual(decrypted, expected, "\(op): tfhe-rs decrypted \(decrypted)")
        }
    }

    /// A server key we generate for tfhe-rs's client key, written in the layout and encoding of
    /// tfhe-rs's own server key file, has exactly its size (131,072,500 bytes at the tool's
    /// parameters), reads back through our reader to the same bytes, passes the ownership check
    /// against the client key, and bootstraps tfhe-rs's ciphertexts correctly.
    func testOurServerKeyHasTfheRsLayoutAndSize() throws {
        let keys = try Self.loaded.get()
        let real = try TfheRsFile.read(contentsOf: try TfheRsOracle.keys().appendingPathComponent("server_key.bin"), expecting: .serverKey)
        let realSize = try FileManager.default.attributesOfItem(atPath: try TfheRsOracle.keys().appendingPathComponent("server_key.bin").path)[.size] as? Int
        var g = TestSeed.generator()
        let ours = try ServerKey.generate(for: keys.clientKey, randomness: try g.tfheRandomness())
        let bytes = try TfheRsFile(object: .serverKey(TfheRsServerKey(ours, layout: real.layout)), layout: real.layout,
                                   safeSerialized: true, versioned: real.versioned).encode()
        XCTAssertEqual(bytes.count, realSize, "tfhe-rs's server key is \(realSize ?? -1) bytes, ours \(bytes.count)")
        let back = try TfheRsFile.decode(bytes, expecting: .serverKey, limits: .key)
        XCTAssertEqual(try back.encode(), bytes)
        guard case .serverKey(let tsk) = back.object else { return XCTFail("not a server key") }
        try TfheRsServerKeyCheck.check(tsk, belongsTo: keys.clientKey)
        let reread = try ServerKey(tfheRs: tsk, parameters: keys.clientKey.parameters)
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("in.bin").path
        try TfheRsOracle.encrypt(clientKey: keys.clientKeyPath, type: "u8", values: [201], to: path)
        let a = try CiphertextReader(keyID: nil, parameters: keys.clientKey.parameters)
            .readOne(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), as: .euint8)
        let sum = try FheEvaluator(serverKey: reread).scalarAdd(a, 100)
        XCTAssertEqual(try keys.clientKey.decrypt(sum), try ClearValue(type: .euint8, 45))
    }
}
