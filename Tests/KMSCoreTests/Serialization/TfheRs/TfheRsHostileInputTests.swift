import XCTest
@testable import KMSCore

/// Hostile tfhe-rs ciphertexts built in the test: moduli the arithmetic cannot use, moduli that
/// are valid but not the key's, and seeded or packed forms that claim far more memory than
/// their bytes. Every case ends in a `TfheRsError` (never a trap) from reading, decrypting,
/// describing and expanding.
final class TfheRsHostileInputTests: XCTestCase {
    private static let keys = try! KeySet.generate(.test, randomness: .seeded([UInt8](repeating: 3, count: 16)))
    private var ck: ClientKey { Self.keys.clientKey }

    /// Replaces every run of three little-endian u64 `(prefix, 4, 4)` — the moduli of a 2_2
    /// block behind a known field, each newtype behind a u32 version tag when versioned — by
    /// `(prefix, message, carry)`.
    private func patchModuli(_ bytes: [UInt8], after prefix: UInt64, message: UInt64, carry: UInt64, versioned: Bool) -> [UInt8] {
        func le(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let tag = versioned ? [UInt8](repeating: 0, count: 4) : []
        let pattern = le(prefix) + tag + le(4) + tag + le(4)
        let replacement = le(prefix) + tag + le(message) + tag + le(carry)
        var out = bytes
        var i = 0
        var replaced = 0
        while i + pattern.count <= out.count {
            if out[i] == pattern[0], Array(out[i ..< i + pattern.count]) == pattern {
                out.replaceSubrange(i ..< i + pattern.count, with: replacement)
                replaced += 1
                i += pattern.count
            } else {
                i += 1
            }
        }
        XCTAssertGreaterThan(replaced, 0, "moduli pattern after \(prefix) not found")
        return out
    }

    /// One object of each ciphertext kind, with the u64 that precedes its moduli.
    private func samples() throws -> [(name: String, bytes: [UInt8], prefix: UInt64, versioned: Bool)] {
        let v8 = try ClearValue(type: .euint8, 201)
        func file(_ o: TfheRsObject, _ layout: TfheRsLayout, safe: Bool = true, versioned: Bool = true) throws -> [UInt8] {
            try TfheRsFile(object: o, layout: layout, safeSerialized: safe, versioned: versioned).encode()
        }
        let fheUint = try TfheRsObject(ck.encrypt(v8), parameters: ck.parameters, layout: .v1_0)
        let fheBool = try TfheRsObject(ck.encrypt(ClearValue(bool: true)), parameters: ck.parameters, layout: .v1_0)
        let pk = try TfheRsCompactPublicKey(Self.keys.publicKey, layout: .v1_0)
        let compact = TfheRsObject.compactCiphertextList(try TfheRsCompactCiphertextList.encrypt([v8], publicKey: pk, layout: .v1_0))
        let compressed = TfheRsObject.compressedCiphertextList(try TfheRsCompressedCiphertextList.encrypt([v8], clientKey: ck))
        let seeded = TfheRsObject.seededCiphertext(try TfheRsSeededCiphertext.encrypt(v8, clientKey: ck))
        return [
            // Block metadata: degree, noise level, message, carry (degree 3, noise 1 when fresh).
            ("FheUint8 safe_serialize", try file(fheUint, .v1_0), 1, true),
            ("FheUint8 versioned", try file(fheUint, .v1_0, safe: false), 1, true),
            ("FheUint8 plain bincode", try file(fheUint, .v1_0, safe: false, versioned: false), 1, false),
            ("FheBool", try file(fheBool, .v1_0), 1, true),
            // Compact list: degree 3, then the moduli.
            ("CompactCiphertextList", try file(compact, .v1_0), 3, true),
            ("CompactCiphertextList plain bincode", try file(compact, .v1_0, safe: false, versioned: false), 3, false),
            // Compressed list: the list's ciphertext modulus (64-bit scalars), then the moduli.
            ("CompressedCiphertextList", try file(compressed, .v1_0), 64, true),
            // Seeded block: degree 3, then the moduli.
            ("CompressedFheUint8", try file(seeded, .v1_0), 3, true),
        ]
    }

    /// Class 1: moduli read from outside must suit the arithmetic (message ≥ 2, powers of two,
    /// product ≤ 2^16) — every reader, every entry point.
    func testModuliTheArithmeticCannotUseAreRejectedEverywhere() throws {
        let bad: [(UInt64, UInt64)] = [(1, 1), (1, 16), (1, 4), (0, 4), (4, 0), (3, 4), (4, 3), (1 << 16, 2), (1 << 17, 1), (1 << 40, 1 << 40)]
        for (name, bytes, prefix, versioned) in try samples() {
            for (m, c) in bad {
                let hostile = patchModuli(bytes, after: prefix, message: m, carry: c, versioned: versioned)
                let what = "\(name) with moduli \(m)/\(c)"
                XCTAssertThrowsError(try TfheRsFile.decode(hostile, limits: .ciphertext), what) { error in
                    guard let e = error as? TfheRsError else { return XCTFail("\(what): \(error)") }
                    // Plain bincode is tried in every layout; the error of the attempt that
                    // read furthest is reported. Tagged input names the moduli.
                    guard versioned else { return }
                    guard case .invalidField(let d) = e else { return XCTFail("\(what): \(e)") }
                    XCTAssertTrue(d.lowercased().contains("modulus"), "\(what): \(d)")
                }
                XCTAssertThrowsError(try ck.decrypt(tfheRsBytes: hostile), what) { XCTAssertTrue($0 is TfheRsError, "\(what): \($0)") }
            }
        }
    }

    /// Class 1, second half: valid moduli that are not the key's are refused before decoding.
    func testValidModuliThatAreNotTheKeysAreAMismatch() throws {
        for (name, bytes, prefix, versioned) in try samples() {
            for (m, c) in [(UInt64(2), UInt64(2)), (8, 8), (4, 8), (2, 1)] {
                if name.hasPrefix("CompressedCiphertextList"), m > c { continue }
                let hostile = patchModuli(bytes, after: prefix, message: m, carry: c, versioned: versioned)
                let what = "\(name) with moduli \(m)/\(c)"
                let file: TfheRsFile
                do {
                    file = try TfheRsFile.decode(hostile, limits: .ciphertext)
                } catch {
                    // Some combinations break the object's own invariants (a 2/2 compact list
                    // of degree 3 reads as packed): a typed reading error is as good.
                    let _: TfheRsError = error  // the former `error is TfheRsError`, now proven by the compiler (typed throws)
                    continue
                }
                _ = file.inspection(sizeBytes: hostile.count)                  // describes, never traps
                XCTAssertThrowsError(try ck.decrypt(tfheRs: file.object), what) { error in
                    guard let e = error as? TfheRsError, case .mismatch = e else { return XCTFail("\(what): \(error)") }
                }
            }
        }
    }

    func testParameterSetsWithAOneBitlessMessageModulusDoNotValidate() {
        for (m, c) in [(1, 1), (1, 16), (0, 4), (4, 0), (3, 4), (256, 512)] {
            var p = ParameterSet.test
            p.compute.messageModulus = m
            p.compute.carryModulus = c
            XCTAssertThrowsError(try p.validate(), "\(m)/\(c)") { error in
                guard case TFHEError.invalidParameters(let d) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(d.contains("\(m)") || d.contains("\(c)"), d)
            }
            XCTAssertThrowsError(try BlockEncoding(messageModulus: m, carryModulus: c), "\(m)/\(c)")
        }
        var p = ParameterSet.test
        p.compactPublicKey?.messageModulus = 1
        XCTAssertThrowsError(try p.validate())
    }

    /// Class 2: a few hundred KB of seeds claiming gigabytes of masks. Reading keeps only the
    /// seeds; describing does not expand; decrypting compares the dimension with the key first
    /// and then streams one block at a time; expanding checks the expanded size first.
    func testSeededCiphertextsClaimingHugeDimensionsAreNotExpanded() throws {
        let meta = TfheRsBlockMetadata(degree: 3, noiseLevel: 1, encoding: ck.parameters.compute.encoding, pbsOrder: .keyswitchBootstrap)
        let seed = [UInt8](repeating: 9, count: 16)
        let cases: [(name: String, dimension: Int, blocks: Int)] = [
            ("LweSize 2^17, 4000 blocks (528 KB → 4 GB)", (1 << 17) - 1, 4000),
            ("LweSize 2^16, 32 blocks", (1 << 16) - 1, 32),
            ("the key's dimension, 60000 blocks (no fhEVM type)", ck.bigLweSecretKey.dimension, 60000),
        ]
        for c in cases {
            let block = try TfheRsSeededBlock(body: 0, lweDimension: c.dimension, seed: seed, metadata: meta)
            let ct = try TfheRsSeededCiphertext(kind: .unsigned, blocks: Array(repeating: block, count: c.blocks))
            let bytes = try TfheRsFile(object: .seededCiphertext(ct), layout: .v1_0).encode()
            let file = try TfheRsFile.decode(bytes, limits: .ciphertext)
            let description = file.inspection(sizeBytes: bytes.count)
            XCTAssertEqual(description["ciphertext"]?["expanded_size_bytes"], .number(String(c.blocks * (c.dimension + 1) * 8)), c.name)
            XCTAssertThrowsError(try ck.decrypt(tfheRs: file.object), c.name) { error in
                guard let e = error as? TfheRsError else { return XCTFail("\(c.name): \(error)") }
                switch e {
                case .mismatch, .unsupported: break
                default: XCTFail("\(c.name): \(e)")
                }
            }
            if ct.expandedSize > TfheRsLimits.ciphertext.maxExpandedSize {
                XCTAssertThrowsError(try ct.decompressed(limits: .ciphertext), c.name) { error in
                    guard case TfheRsError.expansionLimitExceeded(let size, let limit) = error else { return XCTFail("\(error)") }
                    XCTAssertEqual(size, ct.expandedSize)
                    XCTAssertEqual(limit, 64 << 20)
                    XCTAssertTrue(e(error).contains("\(limit)") && e(error).contains("\(size)"))
                }
            }
        }
        func e(_ error: Error) -> String { "\(error)" }
    }

    /// Seeded ciphertexts of the key's shape still decrypt, block by block, to the value.
    func testSeededDecryptionStreamsBlocksAndMatchesTheExpandedForm() throws {
        for v in [try ClearValue(type: .euint64, 0xdead_beef_0123), ClearValue(bool: true), .max(.euint256)] {
            let seeded = try TfheRsSeededCiphertext.encrypt(v, clientKey: ck)
            XCTAssertEqual(try ck.decrypt(tfheRs: .seededCiphertext(seeded)), [v])
            let expanded = TfheRsObject.ciphertext(try TfheRsFheCiphertext(kind: seeded.kind, radix: seeded.decompressed()))
            XCTAssertEqual(try ck.decrypt(tfheRs: expanded), [v])
        }
    }

    /// Untrusted ciphertext bytes get fhEVM's 16 MiB limit by default, not the key limit.
    func testDecryptingBytesAppliesTheCiphertextLimitByDefault() throws {
        let big = [UInt8](repeating: 0, count: (16 << 20) + 1)
        XCTAssertThrowsError(try ck.decrypt(tfheRsBytes: big)) { error in
            XCTAssertEqual(error as? TfheRsError, .sizeLimitExceeded(size: big.count, limit: 16 << 20))
        }
    }

    /// Compressed lists whose GLWEs are not the compression key's shape, or whose storage
    /// modulus differs, are refused before any GLWE is unpacked.
    func testCompressedListsOfAnotherShapeAreRefusedBeforeUnpacking() throws {
        let v = try ClearValue(type: .euint16, 4242)
        let params = try XCTUnwrap(ck.parameters.compression)
        var other = params
        other.storageLogModulus = .init(params.storageLogModulus.value + 1)
        let key = try XCTUnwrap(ck.compressionKey)
        let blocks = RadixEncoding.blocks(of: v, encoding: ck.parameters.compute.encoding)
        let list = try CompressedCiphertextList.encrypt(blocks: blocks, compressionKey: key, parameters: other,
                                                        encoding: ck.parameters.compute.encoding)
        let object = TfheRsObject.compressedCiphertextList(try TfheRsCompressedCiphertextList(list: list, info: [.unsigned(blocks: blocks.count)]))
        XCTAssertThrowsError(try ck.decrypt(tfheRs: object)) { error in
            guard case TfheRsError.mismatch(let d) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(d.contains("\(other.storageLogModulus)-bit"), d)
        }
    }
}
