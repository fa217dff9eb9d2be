import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// Interop with real tfhe-rs 1.x in both directions, through `TfheRsOracle` (the tfhe-rs revision
/// bundled by PyPI's concrete-ml-extensions): keys it makes are read here, ciphertexts it makes
/// are decrypted here, and ciphertexts made here are decrypted by it.
final class TfheRsOracleInteropTests: XCTestCase {
    private func oracleClientKey() throws -> (path: String, key: ClientKey) {
        let path = try TfheRsOracle.keys().appendingPathComponent("client_key.bin").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return (path, try ClientKey(tfheRsBytes: bytes))
    }

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// tfhe-rs decrypts ours: values encrypted here under a key tfhe-rs just made, written as the
    /// plain `Vec<FheUintN>` / `Vec<FheIntN>` of that revision, decrypted by tfhe-rs.
    func testTfheRsDecryptsCiphertextsWeWrite() throws {
        let (keyPath, ck) = try oracleClientKey()
        var g = TestSeed.generator()
        let cases: [(oracleType: String, type: FheType, values: [UInt64])] = [
            ("u8", .euint8, [0, 1, 255, UInt64(g.next() as UInt8)]),
            ("u16", .euint16, [0, 65535, UInt64(g.next() as UInt16)]),
            ("u64", .euint64, [0, .max, g.next()]),
            ("i8", .euint8, [0, 127, 128, 255]),      // tfhe-rs reads 0, 127, -128, -1
            ("i16", .euint16, [1, 32768, 65535]),     // 1, -32768, -1
        ]
        let dir = try temporaryDirectory()
        for c in cases {
            let values = try c.values.map { try ClearValue(type: c.type, $0) }
            let bytes = try TfheRsInterop.encryptVec(values, clientKey: ck, layout: .main2025, encoding: .plain)
            let path = dir.appendingPathComponent("\(c.oracleType).bin")
            try Data(bytes).write(to: path)
            let decrypted = try TfheRsOracle.decrypt(clientKey: keyPath, type: c.oracleType, file: path.path)
            let expected: [Int128] = c.values.map {
                switch c.oracleType {
                case "i8": Int128(Int8(truncatingIfNeeded: $0))
                case "i16": Int128(Int16(truncatingIfNeeded: $0))
                default: Int128($0)
                }
            }
            XCTAssertEqual(decrypted, expected, c.oracleType)
        }
    }

    /// Ours decrypts tfhe-rs's: values tfhe-rs encrypts under its fresh key decrypt here to the
    /// same plaintexts (signed ones as their two's complement; fhEVM has no signed types).
    func testCiphertextsTfheRsWritesDecryptHere() throws {
        let (keyPath, ck) = try oracleClientKey()
        let dir = try temporaryDirectory()
        let reader = CiphertextReader(keyID: nil, parameters: ck.parameters)
        let cases: [(oracleType: String, type: FheType, values: [Int128])] = [
            ("u8", .euint8, [0, 7, 255]),
            ("i16", .euint16, [-1, 300, -32768]),
            ("u64", .euint64, [0, 18_446_744_073_709_551_615, 1 << 40]),
        ]
        for c in cases {
            let path = dir.appendingPathComponent("\(c.oracleType).bin").path
            try TfheRsOracle.encrypt(clientKey: keyPath, type: c.oracleType, values: c.values, to: path)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let decrypted = try reader.read(bytes, as: c.type).map(ck.decrypt)
            let expected = try c.values.map { v -> ClearValue in
                let bits = c.type.bitWidth
                let pattern = UInt64(truncatingIfNeeded: v) & (bits == 64 ? .max : (1 << UInt64(bits)) - 1)
                return try ClearValue(type: c.type, pattern)
            }
            XCTAssertEqual(decrypted, expected, c.oracleType)
        }
    }

    /// A server key made by tfhe-rs (≈131 MB) reads, matches the client key made with it, and
    /// writes back the same bytes.
    func testServerKeyMadeByTfheRsReadsAndWritesBackTheSameBytes() throws {
        let (_, ck) = try oracleClientKey()
        let url = try TfheRsOracle.keys().appendingPathComponent("server_key.bin")
        let bytes = try [UInt8](Data(contentsOf: url))
        let file = try TfheRsFile.decode(bytes, expecting: .serverKey)
        guard case .serverKey(let sk) = file.object else { return XCTFail("not a server key: \(file.object.type)") }
        let p = ck.parameters.compute
        XCTAssertEqual(sk.keySwitchingKey.inputDimension, p.glweDimension.value * p.polynomialSize.value)
        XCTAssertEqual(sk.keySwitchingKey.outputLweSize - 1, p.lweDimension.value)
        XCTAssertEqual(sk.keySwitchingKey.baseLog, p.ksBaseLog.value)
        XCTAssertEqual(sk.keySwitchingKey.levelCount, p.ksLevel.value)
        XCTAssertEqual(sk.bootstrappingKey.bsk.inputLweDimension, p.lweDimension.value)
        XCTAssertEqual(sk.bootstrappingKey.bsk.polynomialSize, p.polynomialSize.value)
        XCTAssertEqual(sk.bootstrappingKey.bsk.baseLog, p.pbsBaseLog.value)
        XCTAssertEqual(sk.bootstrappingKey.bsk.levelCount, p.pbsLevel.value)
        XCTAssertEqual(sk.messageModulus, p.messageModulus)
        XCTAssertEqual(sk.carryModulus, p.carryModulus)
        if case .driftTechniqueNoiseReduction(let ms) = sk.bootstrappingKey.modulusSwitch {
            XCTAssertEqual(ms.encryptionsOfZero.count / ms.lweSize, p.modulusSwitchNoiseReduction?.zerosCount)
        } else {
            XCTFail("expected the drift-technique modulus-switch key of the client key's parameters")
        }
        XCTAssertTrue(try file.encode() == bytes, "re-encoding the server key changed its bytes")
    }
}
