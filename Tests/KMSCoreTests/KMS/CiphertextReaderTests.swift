import KMSTestSupport
import XCTest
@testable import KMSCore

/// `CiphertextReader`: every ciphertext form, read into `FheCiphertext` values that decrypt
/// through `FheDecryptor`; refusals for other keys, other parameters and oversized input.
final class CiphertextReaderTests: XCTestCase {
    private static let keys = try! KeySet.generate(.test, randomness: .seeded([UInt8](repeating: 0x41, count: 16)))
    private var keys: KeySet { Self.keys }
    private var ck: ClientKey { keys.clientKey }

    /// A decryptor that is not a `ClientKey` (as a threshold combiner will not be): callers
    /// must reach every ciphertext form through the protocol alone.
    struct WrappedDecryptor: FheDecryptor {
        let key: ClientKey
        var parameters: ParameterSet { key.parameters }
        func decrypt(_ ciphertext: FheCiphertext) throws -> ClearValue {
            try ciphertext.decode(phases: key.phases(ciphertext))
        }
    }

    private func file(_ object: TfheRsObject, versioned: Bool = true, safe: Bool = true) throws -> [UInt8] {
        try TfheRsFile(object: object, layout: .v1_0, safeSerialized: safe, versioned: versioned).encode()
    }

    /// One encoding of each form with the values it holds.
    private func forms() throws -> [(name: String, bytes: [UInt8], values: [ClearValue])] {
        let a = try ClearValue(type: .euint8, 201), b = ClearValue(bool: true), c = try ClearValue(type: .euint16, 4242)
        let odd = [b, c, a]   // 1 + 8 + 4 blocks: packed entries split across values
        let pk = try TfheRsCompactPublicKey(keys.publicKey, layout: .v1_0)
        return [
            ("native LWE", try CiphertextFile(keyID: keys.keyID, ciphertext: ck.encrypt(c)).encoded(), [c]),
            ("native compact", try CiphertextFile(keyID: keys.keyID, ciphertext: keys.publicKey.encrypt(a)).encoded(), [a]),
            ("FheUint16", try file(TfheRsObject(ck.encrypt(c), parameters: ck.parameters, layout: .v1_0)), [c]),
            ("FheBool plain", try file(TfheRsObject(ck.encrypt(b), parameters: ck.parameters, layout: .v1_0), versioned: false, safe: false), [b]),
            ("CompressedFheUint16", try file(.seededCiphertext(TfheRsSeededCiphertext.encrypt(c, clientKey: ck))), [c]),
            ("CompactCiphertextList", try file(.compactCiphertextList(TfheRsCompactCiphertextList.encrypt(odd, publicKey: pk, layout: .v1_0))), odd),
            ("packed CompactCiphertextList", try file(.compactCiphertextList(TfheRsCompactCiphertextList.encrypt(odd, publicKey: pk, packed: true, layout: .v1_0))), odd),
            ("CompressedCiphertextList", try file(.compressedCiphertextList(TfheRsCompressedCiphertextList.encrypt(odd + [.max(.ebytes64)], clientKey: ck))), odd + [.max(.ebytes64)]),
        ]
    }

    func testEveryFormReadsIntoCiphertextsThatDecryptThroughTheProtocol() throws {
        let reader = CiphertextReader(keys: keys)
        let decryptor = WrappedDecryptor(key: ck)
        for (name, bytes, values) in try forms() {
            let cts = try reader.read(bytes)
            XCTAssertEqual(cts.map(\.type), values.map(\.type), name)
            XCTAssertEqual(try cts.map(decryptor.decrypt), values, name)
            XCTAssertEqual(try cts.map(ck.decrypt), values, name)
        }
    }

    func testReadOneRefusesLists() throws {
        let reader = CiphertextReader(keys: keys)
        let list = try forms().first { $0.name == "CompactCiphertextList" }!.bytes
        XCTAssertThrowsError(try reader.readOne(list)) { XCTAssertEqual($0 as? CiphertextReadError, .valueCount(expected: 1, found: 3)) }
    }

    func testOtherKeysOtherParametersAndOversizedInputAreRefused() throws {
        let reader = CiphertextReader(keys: keys)
        // A native file of another key set.
        var g = TestSeed.generator()
        let other = try KeySet.generate(.test, randomness: g.tfheRandomness())
        let foreign = try CiphertextFile(keyID: other.keyID, ciphertext: other.clientKey.encrypt(ClearValue(bool: false))).encoded()
        XCTAssertThrowsError(try reader.read(foreign)) {
            XCTAssertEqual($0 as? CiphertextReadError, .wrongKey(ciphertext: other.keyID, keys: keys.keyID))
        }
        // A tfhe-rs ciphertext of another parameter set (default: dimension 2048 ≠ 256).
        let big = try KeySet.generate(.default, randomness: g.tfheRandomness())
        let bytes = try file(TfheRsObject(big.clientKey.encrypt(ClearValue(bool: true)), parameters: big.parameters, layout: .v1_0))
        XCTAssertThrowsError(try reader.read(bytes)) { error in
            guard case .tfheRs(.mismatch(let d))? = error as? CiphertextReadError else { return XCTFail("\(error)") }
            XCTAssertTrue(d.contains("2048") && d.contains("256"), d)
        }
        // A native file of another parameter set, without key id.
        let noID = try CiphertextFile(keyID: nil, ciphertext: big.clientKey.encrypt(ClearValue(bool: true))).encoded()
        XCTAssertThrowsError(try reader.read(noID)) { error in
            guard case .parameterMismatch? = error as? CiphertextReadError else { return XCTFail("\(error)") }
        }
        // Above the limit, before parsing.
        let small = CiphertextReader(keyID: keys.keyID, parameters: keys.parameters, limits: TfheRsLimits(sizeLimit: 100))
        XCTAssertThrowsError(try small.read(bytes)) { XCTAssertEqual($0 as? CiphertextReadError, .tooLarge(size: bytes.count, limit: 100)) }
        // A type asked for that the bytes do not hold.
        let c = try CiphertextFile(keyID: keys.keyID, ciphertext: ck.encrypt(ClearValue(bool: true))).encoded()
        XCTAssertThrowsError(try reader.read(c, as: .euint8)) { XCTAssertEqual($0 as? CiphertextReadError, .typeMismatch(expected: .euint8, found: .ebool)) }
    }

    /// A whole compact or compressed list converts back to the same tfhe-rs object; part of a
    /// list does not pretend to be a whole one.
    func testListsConvertBackOnlyWhole() throws {
        let reader = CiphertextReader(keys: keys)
        for (name, bytes, values) in try forms() where name.contains("List") {
            let cts = try reader.read(bytes)
            if values.count == 1 { continue }
            XCTAssertThrowsError(try TfheRsObject(cts[1], parameters: keys.parameters, layout: .v1_0), name)
        }
        let single = try file(.compressedCiphertextList(TfheRsCompressedCiphertextList.encrypt([.max(.euint64)], clientKey: ck)))
        let ct = try reader.readOne(single)
        XCTAssertEqual(try file(TfheRsObject(ct, parameters: keys.parameters, layout: .v1_0)), single)
    }
}
