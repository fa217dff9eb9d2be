import XCTest
import KMSTestSupport
@testable import KMSCore

/// Truncated, bit-flipped and oversized inputs of every object type are rejected with a
/// `TfheRsError` — never accepted, never a crash or an allocation bomb.
final class TfheRsMalformedInputTests: XCTestCase {
    /// One valid sample of every supported object type (real files where they exist).
    private func corpus() throws -> [(name: String, type: TfheRsObjectType, bytes: [UInt8])] {
        var out: [(String, TfheRsObjectType, [UInt8])] = []
        for pair in RealKeys.all {
            out.append(("\(pair.directory) client key", .clientKey, try RealKeys.bytes(pair.clientKeyPath)))
            out.append(("\(pair.directory) public key", .compactPublicKey, try RealKeys.bytes(pair.publicKeyPath)))
        }
        let (tck, tpk, _, _) = try RealKeys.load(RealKeys.v0_8_7)
        let ck = try ClientKey(tfheRs: tck)
        func bytes(_ o: TfheRsObject, _ layout: TfheRsLayout = .v0_8, header: Bool = true) throws -> [UInt8] {
            try TfheRsFile(object: o, layout: layout, safeSerialized: header).encode()
        }
        let u8 = try TfheRsObject(ck.encrypt(ClearValue(type: .euint8, 171)), parameters: ck.parameters, layout: .v0_8)
        out.append(("FheUint8", .fheUint, try bytes(u8)))
        out.append(("FheUint8 without header", .fheUint, try bytes(u8, header: false)))
        out.append(("FheBool", .fheBool, try bytes(TfheRsObject(ck.encrypt(ClearValue(bool: true)), parameters: ck.parameters, layout: .v0_8))))
        let values = [try ClearValue(type: .euint8, 17), ClearValue(bool: true), try ClearValue(type: .euint16, 999)]
        out.append(("CompactCiphertextList", .compactCiphertextList,
                    try bytes(.compactCiphertextList(TfheRsCompactCiphertextList.encrypt(values, publicKey: tpk)))))
        out.append(("packed CompactCiphertextList 1.0", .compactCiphertextList,
                    try bytes(.compactCiphertextList(TfheRsCompactCiphertextList.encrypt(values, publicKey: RealKeys.load(RealKeys.v1_0_0).pk,
                                                                                          packed: true, layout: .v1_0)), .v1_0)))
        out.append(("CompressedCiphertextList", .compressedCiphertextList,
                    try bytes(.compressedCiphertextList(TfheRsCompressedCiphertextList.encrypt(values, clientKey: ck)))))
        out.append(("CompressedFheUint", .compressedFheUint,
                    try bytes(.seededCiphertext(TfheRsSeededCiphertext.encrypt(values[2], clientKey: ck)))))
        out.append(("CompressedFheBool", .compressedFheBool,
                    try bytes(.seededCiphertext(TfheRsSeededCiphertext.encrypt(values[1], clientKey: ck)))))
        return out
    }

    private func assertRejected(_ bytes: [UInt8], _ type: TfheRsObjectType, _ what: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try TfheRsFile.decode(bytes, expecting: type), what, file: file, line: line) { error in
            XCTAssertTrue(error is TfheRsError, "\(what): \(error)", file: file, line: line)
        }
    }

    func testTheCorpusItselfIsValid() throws {
        for (name, type, bytes) in try corpus() {
            let f = try TfheRsFile.decode(bytes, expecting: type)
            XCTAssertEqual(try f.encode(), bytes, name)
        }
    }

    func testTruncatedInputsAreRejected() throws {
        for (name, type, bytes) in try corpus() {
            // Every prefix near the structure's start and end, and a stride through the middle.
            var lengths = Set(0..<min(300, bytes.count))
            lengths.formUnion(max(0, bytes.count - 300)..<bytes.count)
            lengths.formUnion(stride(from: 0, to: bytes.count, by: 97))
            for n in lengths.sorted() {
                assertRejected(Array(bytes[0..<n]), type, "\(name) truncated to \(n) bytes")
            }
            // Nor is any prefix taken for another object type.
            for n in [bytes.count - 1, bytes.count / 2] {
                XCTAssertThrowsError(try TfheRsFile.decode(Array(bytes[0..<n])), "\(name) truncated to \(n), no type hint")
            }
        }
    }

    func testTrailingBytesAreRejected() throws {
        for (name, type, bytes) in try corpus() {
            assertRejected(bytes + [0], type, "\(name) + 1 byte")
            assertRejected(bytes + [UInt8](repeating: 0xff, count: 9), type, "\(name) + 9 bytes")
        }
    }

    /// Every version tag, length prefix and `Option` tag of every object, each bit of its first
    /// byte flipped, and the top bit of the field: always rejected. Enum variants flipped to an
    /// unknown value are rejected; flipped to another valid variant (e.g. `PBSOrder`
    /// KeyswitchBootstrap ↔ BootstrapKeyswitch, `DataKind` Unsigned ↔ Signed) the object may
    /// still be well-formed — then it must decode to exactly the corrupted bytes, never to a
    /// silently "repaired" object. The same holds for a version tag flipped to the tag a later
    /// release writes for that type where nothing else differs (the 1.0 public key's expansion
    /// kind 0 → 1 is a 1.6 key).
    func testEveryStructuralFieldFlipIsRejected() throws {
        var rejected = 0, wellFormed = 0
        for (name, type, bytes) in try corpus() {
            let fields = try TfheRsFile.structuralFields(of: bytes)
            XCTAssertGreaterThan(fields.count, 3, name)
            for f in fields {
                var width = 8
                var validVariants: UInt32?
                switch f.kind {
                case .version: width = 4
                case .length: width = 8
                case .option: width = 1
                case .variant(let count): width = 4; validVariants = count
                }
                var flips: [(Int, UInt8)] = (0..<8).map { (f.offset, UInt8(1) << UInt8($0)) }
                flips.append((f.offset + width - 1, 0x80))
                for (at, mask) in flips {
                    var b = bytes
                    b[at] ^= mask
                    let what = "\(name): \(f.kind) at \(f.offset), byte \(at) ^ \(mask)"
                    if let count = validVariants {
                        let value = b[f.offset..<f.offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                        if value < count {
                            if let decoded = try? TfheRsFile.decode(b, expecting: type) {
                                XCTAssertEqual(try decoded.encode(), b, what)
                                wellFormed += 1
                            } else {
                                rejected += 1
                            }
                            continue
                        }
                    }
                    if f.kind == .version, let decoded = try? TfheRsFile.decode(b, expecting: type) {
                        XCTAssertEqual(try decoded.encode(), b, what)
                        // … and it reads as another release than the original.
                        XCTAssertNotEqual(decoded.compatibleLayouts, try TfheRsFile.decode(bytes, expecting: type).compatibleLayouts, what)
                        wellFormed += 1
                        continue
                    }
                    assertRejected(b, type, what)
                    rejected += 1
                }
            }
        }
        XCTAssertGreaterThan(rejected, 1500)
        XCTAssertLessThan(wellFormed, rejected / 20, "only in-range enum flips may stay well-formed")
    }

    /// Huge length prefixes fail before any allocation (the test would run out of memory otherwise).
    func testOversizedLengthsAreRejectedWithoutAllocating() throws {
        for (name, type, bytes) in try corpus() {
            for f in try TfheRsFile.structuralFields(of: bytes) where f.kind == .length {
                for huge: UInt64 in [.max, 1 << 62, 1 << 40, UInt64(bytes.count)] {
                    var b = bytes
                    withUnsafeBytes(of: huge.littleEndian) { for i in 0..<8 { b[f.offset + i] = $0[i] } }
                    assertRejected(b, type, "\(name): length \(huge) at \(f.offset)")
                }
            }
        }
    }

    func testInputsOverTheSizeLimitAreRejectedUpFront() throws {
        let bytes = try RealKeys.bytes(RealKeys.v0_8_7.publicKeyPath)
        XCTAssertThrowsError(try TfheRsFile.decode(bytes, limits: TfheRsLimits(sizeLimit: bytes.count - 1))) { error in
            XCTAssertEqual(error as? TfheRsError, .sizeLimitExceeded(size: bytes.count, limit: bytes.count - 1))
        }
        XCTAssertNoThrow(try TfheRsFile.decode(bytes, limits: TfheRsLimits(sizeLimit: bytes.count)))
        // A dimension above the configured maximum is refused even when the bytes are there.
        XCTAssertThrowsError(try TfheRsFile.decode(bytes, limits: TfheRsLimits(sizeLimit: 1 << 20, maxDimension: 512)))
    }

    /// Semantic corruptions, each with the error it must produce.
    func testSemanticCorruptionsGiveTheirErrors() throws {
        let ck = try RealKeys.bytes(RealKeys.v0_8_7.clientKeyPath)
        let pk = try RealKeys.bytes(RealKeys.v0_8_7.publicKeyPath)
        func expect(_ b: [UInt8], _ what: String, _ check: (TfheRsError) -> Bool) {
            XCTAssertThrowsError(try TfheRsFile.decode(b), what) { error in
                guard let e = error as? TfheRsError, check(e) else { return XCTFail("\(what): \(error)") }
            }
        }
        // A GLWE key coefficient that is not 0/1 (first coefficient word at 0x4f + 8).
        var nonBinary = ck; nonBinary[0x57] = 2
        expect(nonBinary, "non-binary key") { if case .invalidField = $0 { true } else { false } }
        // The header's version string.
        var header04 = ck; header04[10] = UInt8(ascii: "4")
        XCTAssertFalse(SafeSerializationHeader.isPresent(in: header04))
        var headerName = pk; headerName[58] = UInt8(ascii: "X")  // "high_level_api::XompactPublicKey"
        expect(headerName, "unknown object name") { if case .unsupported = $0 { true } else { false } }
        XCTAssertThrowsError(try TfheRsFile.decode(ck, expecting: .compactPublicKey)) { error in
            XCTAssertEqual(error as? TfheRsError, .unexpectedObject(expected: "high_level_api::CompactPublicKey", found: "high_level_api::ClientKey"))
        }
        var versioning = ck; versioning[25] = UInt8(ascii: "2")   // versioning "0.2"
        expect(versioning, "versioning scheme") { if case .unsupportedHeader = $0 { true } else { false } }
        var badUTF8 = ck; badUTF8[40] = 0xff
        expect(badUTF8, "invalid UTF-8 in the name") { if case .malformed = $0 { true } else { false } }
        // The public key's polynomial size (first newtype after the GLWE data).
        let n = 1024
        let polyAt = 66 + 6 * 4 + 8 + 16 * n + 4
        var poly = pk; poly[polyAt + 1] ^= 0x08
        expect(poly, "polynomial size") { if case .invalidField = $0 { true } else { false } }
        // Its ciphertext modulus (non-native).
        var modulus = pk; modulus[polyAt + 8 + 4] = 1
        expect(modulus, "ciphertext modulus") { if case .unsupported = $0 { true } else { false } }
    }

    func testVersionTagErrorsNameTheType() throws {
        var ck = try RealKeys.bytes(RealKeys.v0_8_7.clientKeyPath)
        ck[59] = 7   // hl::ClientKey version 7
        XCTAssertThrowsError(try TfheRsFile.decode(ck)) { error in
            XCTAssertEqual(error as? TfheRsError, .unsupportedVersion(type: "high_level_api::ClientKey", version: 7, offset: 59))
            XCTAssertTrue("\(error)".contains("high_level_api::ClientKey"))
        }
    }
}
