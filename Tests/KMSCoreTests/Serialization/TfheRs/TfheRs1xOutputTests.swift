import KMSTestSupport
import XCTest
@testable import KMSCore

/// Real output of tfhe-rs 1.x (a revision after 1.1, inside concrete-ml-extensions 0.2.0;
/// `tfhe/tfhe-rs-1.x-cmlext`): a client key and `Vec<FheUint8|FheInt8|…>` files that tfhe-rs
/// itself encrypted, with known plaintexts. Here our code reads them and decrypts with the real
/// key: this is tfhe-rs → us, not us → tfhe-rs.
final class TfheRs1xOutputTests: XCTestCase {
    private func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try SharedVectors.data(TfheRs1xManifest.directory + "/" + name))
    }

    /// The manifest's plaintext as the unsigned value of its width (two's complement for FheInt:
    /// plain bincode does not say signed, so the files read as FheUint).
    private func expected(_ value: DecimalValue, type: String) throws -> ClearValue {
        let signed = type.hasPrefix("FheInt")
        let bits = try XCTUnwrap(Int(type.drop { !$0.isNumber }), type)
        let fhe = try FheType(name: "euint\(bits)")
        if signed, value.text.hasPrefix("-") {
            let magnitude = try XCTUnwrap(UInt64(value.text.dropFirst()), value.text)
            let modulus = bits == 64 ? 0 : UInt64(1) << UInt64(bits)
            return try ClearValue(type: fhe, modulus &- magnitude)
        }
        return try ClearValue(type: fhe, decimal: value.text)
    }

    /// The real key reads to the last byte, writes back as the same bytes and converts to ours.
    func testRealTfheRs1xClientKeyReadsAndWritesBackTheSameBytes() throws {
        let original = try bytes("client_key.bin")
        let file = try TfheRsFile.decode(original, expecting: .clientKey)
        XCTAssertEqual(try file.encode(), original)
        guard case .clientKey(let key) = file.object else {
            throw TestFailure.record("client_key.bin decoded as \(file.object.type)")
        }
        _ = try ClientKey(tfheRs: key)
    }

    /// The 16 values of the five files (FheUint8/16/64, FheInt8/16) tfhe-rs encrypted.
    func testCiphertextsMadeByRealTfheRs1xDecryptToTheirKnownPlaintexts() throws {
        let ck = try ClientKey(tfheRsBytes: bytes("client_key.bin"))
        let files = try TfheRs1xManifest.load().ciphertextFiles
        XCTAssertEqual(files.map(\.name), ["fheint16_x3.bin", "fheint8_x4.bin", "fheuint16_x3.bin", "fheuint64_x2.bin", "fheuint8_x4.bin"])
        var decrypted = 0
        for (name, entry) in files {
            let type = try XCTUnwrap(entry.type, name)
            let values = try XCTUnwrap(entry.values, name).map { try expected($0, type: type) }
            let file = try TfheRsFile.decode(bytes(name), expecting: .fheUintVec, limits: .key)
            XCTAssertEqual(try ck.decrypt(tfheRs: file.object), values, name)
            decrypted += values.count
        }
        XCTAssertEqual(decrypted, 16)
    }
}
