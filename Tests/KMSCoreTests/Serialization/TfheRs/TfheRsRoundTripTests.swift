import XCTest
import KMSTestSupport
@testable import KMSCore

/// Encryption and decryption in the tfhe-rs formats, all by our code: under the real tfhe-rs
/// keys of fhevmjs (decrypted with the real client key's secret, read by our code), and with our
/// own keys exported as tfhe-rs files. tfhe-rs itself never runs here, so these tests do not
/// prove that tfhe-rs reads what we write; `TfheRs1xOutputTests` reads what tfhe-rs wrote.
final class TfheRsRoundTripTests: XCTestCase {
    private func layout(_ pair: RealKeys.Pair) -> TfheRsLayout { pair.expectedLayout }

    /// Encrypt all 12 types under each real CompactPublicKey with our code (as fhevmjs builds a
    /// CompactCiphertextList), serialize, parse, and decrypt with our code and the real ClientKey.
    func testOurEncryptionUnderEachRealPublicKeyDecryptsWithTheRealClientKey() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for pair in RealKeys.all {
            let (tck, tpk, _, _) = try RealKeys.load(pair)
            let ck = try ClientKey(tfheRs: tck)
            for packed in [false, true] {
                for t in FheType.allCases {
                    for v in try interopSamples(t, using: &g) {
                        let list = try TfheRsCompactCiphertextList.encrypt([v], publicKey: tpk, packed: packed, layout: layout(pair),
                                                                           randomness: randomness)
                        let file = TfheRsFile(object: .compactCiphertextList(list), layout: layout(pair),
                                              safeSerialized: pair.versioned, versioned: pair.versioned)
                        let parsed = try TfheRsFile.decode(file.encode(), expecting: .compactCiphertextList, layout: layout(pair))
                        XCTAssertEqual(try ck.decrypt(tfheRs: parsed.object), [v], "\(pair.directory) \(t) packed=\(packed)")
                    }
                }
            }
            // One list holding every type, as fhevmjs sends several inputs at once.
            let values = try FheType.allCases.map { try ClearValue.random($0, using: &g) }
            let list = try TfheRsCompactCiphertextList.encrypt(values, publicKey: tpk, packed: true, layout: layout(pair),
                                                               randomness: randomness)
            XCTAssertEqual(list.info.count, 12)
            XCTAssertEqual(try ck.decrypt(tfheRs: .compactCiphertextList(list)), values, pair.directory)
        }
    }

    /// Our own keys, exported as tfhe-rs files and read back, encrypt and decrypt all types.
    func testOurKeysExportedAsTfheRsFilesRoundTripThroughOurCode() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for params in [ParameterSet.default, .v1_0_2m128] {
            let (ck, pk) = try KeyGeneration.generate(params, randomness: randomness)
            let layout = TfheRsLayout.preferred(for: params)
            let ckBytes = try TfheRsFile(object: .clientKey(TfheRsClientKey(ck, layout: layout)), layout: layout).encode()
            let pkBytes = try TfheRsFile(object: .compactPublicKey(TfheRsCompactPublicKey(pk, layout: layout)), layout: layout).encode()
            let ckFile = try TfheRsFile.decode(ckBytes, expecting: .clientKey)
            XCTAssertEqual(ckFile.layout, layout)
            guard case .clientKey(let tck) = ckFile.object,
                  case .compactPublicKey(let tpk) = try TfheRsFile.decode(pkBytes, expecting: .compactPublicKey).object else {
                return XCTFail("wrong objects")
            }
            XCTAssertTrue(LweCompactPublicKeyEncryption.publicKeyMatches(tpk.key, secret: try XCTUnwrap(tck.compactPrivateKey?.key),
                                                         noise: tpk.parameters.encryptionNoiseDistribution))
            let back = try ClientKey(tfheRs: tck)
            XCTAssertEqual(back.parameters, params, "parameters map back to the named set")
            for t in FheType.allCases {
                for v in try interopSamples(t, using: &g) {
                    let list = try TfheRsCompactCiphertextList.encrypt([v], publicKey: tpk, layout: layout, randomness: randomness)
                    let parsed = try TfheRsFile.decode(TfheRsFile(object: .compactCiphertextList(list), layout: layout).encode())
                    XCTAssertEqual(try back.decrypt(tfheRs: parsed.object), [v], "\(params.name) \(t)")
                    // Our own public-key ciphertext, written as tfhe-rs and decrypted from the tfhe-rs bytes.
                    let ours = try TfheRsObject(pk.encrypt(v, randomness: randomness), parameters: params, layout: layout)
                    let bytes = try TfheRsFile(object: ours, layout: layout).encode()
                    XCTAssertEqual(try ck.decrypt(tfheRs: TfheRsFile.decode(bytes).object), [v])
                }
            }
        }
    }

    /// Our secret-key encryptions under the real client keys, written as FheUint/FheBool files,
    /// read back and decrypted.
    func testOurSecretKeyCiphertextsAsFheUintAndFheBoolFilesRoundTripThroughOurCode() throws {
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for pair in RealKeys.all {
            let ck = try ClientKey(tfheRs: RealKeys.load(pair).ck)
            for t in FheType.allCases {
                let v = try ClearValue.random(t, using: &g)
                let object = try TfheRsObject(ck.encrypt(v, randomness: randomness), parameters: ck.parameters, layout: layout(pair))
                XCTAssertEqual(object.type, t == .ebool ? .fheBool : .fheUint)
                let bytes = try TfheRsFile(object: object, layout: layout(pair)).encode()
                if bytes.count > TfheRsLimits.ciphertext.sizeLimit {
                    // An ebytes256 FheUint under the 2048-bit key (16.9 MB) exceeds fhEVM's 16 MiB limit.
                    XCTAssertEqual(t, .ebytes256)
                    XCTAssertThrowsError(try TfheRsFile.decode(bytes, limits: .ciphertext)) { error in
                        guard case .sizeLimitExceeded = error as? TfheRsError else { return XCTFail("\(error)") }
                    }
                }
                let parsed = try TfheRsFile.decode(bytes, limits: bytes.count > TfheRsLimits.ciphertext.sizeLimit ? .key : .ciphertext)
                XCTAssertEqual(try ck.decrypt(tfheRs: parsed.object, as: t), [v], "\(pair.directory) \(t)")
                XCTAssertEqual(try ck.decrypt(tfheRs: parsed.object), [v], "type found from the block count")
            }
        }
        // The 0.8.0 key encrypts under the small key (PBS-KS order); the block metadata says so.
        let ck080 = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_0).ck)
        guard case .ciphertext(let c) = try TfheRsObject(ck080.encrypt(ClearValue(bool: true)), parameters: ck080.parameters, layout: .v0_8) else {
            return XCTFail()
        }
        XCTAssertEqual(c.radix.blocks[0].pbsOrder, .bootstrapKeyswitch)
        XCTAssertEqual(c.radix.lwe.lweDimension, 1024)
    }

    /// Our seeded CompressedFheUint/CompressedFheBool under the real 0.8.7 key, read back and decrypted.
    func testOurSeededCompressedCiphertextsRoundTripThroughOurCode() throws {
        let ck = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        var g = TestSeed.generator()
        let randomness = try g.tfheRandomness()
        for t in FheType.allCases {
            let v = try ClearValue.random(t, using: &g)
            let seeded = try TfheRsSeededCiphertext.encrypt(v, clientKey: ck, randomness: randomness)
            let bytes = try TfheRsFile(object: .seededCiphertext(seeded), layout: .v0_8).encode()
            let parsed = try TfheRsFile.decode(bytes)
            XCTAssertEqual(parsed.object.type, t == .ebool ? .compressedFheBool : .compressedFheUint)
            XCTAssertEqual(try ck.decrypt(tfheRs: parsed.object), [v], "\(t)")
        }
    }

    func testTypeOverrideMustMatchTheBlockCount() throws {
        let ck = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        let object = try TfheRsObject(ck.encrypt(ClearValue(type: .euint8, 200)), parameters: ck.parameters, layout: .v0_8)
        XCTAssertThrowsError(try ck.decrypt(tfheRs: object, as: .euint16)) { error in
            guard case .mismatch = error as? TfheRsError else { return XCTFail("\(error)") }
        }
    }

    func testDecryptingWithTheWrongKeyShapeIsATypedError() throws {
        let ck087 = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        let ck100 = try ClientKey(tfheRs: RealKeys.load(RealKeys.v1_0_0).ck)
        let list = try TfheRsCompactCiphertextList.encrypt([ClearValue(type: .euint8, 1)], publicKey: RealKeys.load(RealKeys.v0_8_7).pk)
        XCTAssertThrowsError(try ck100.decrypt(tfheRs: .compactCiphertextList(list))) { error in
            guard case .mismatch = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        let compressed = try TfheRsCompressedCiphertextList.encrypt([ClearValue(type: .euint8, 1)], clientKey: ck087)
        XCTAssertThrowsError(try ck100.decrypt(tfheRs: .compressedCiphertextList(compressed))) { error in
            guard case .mismatch = error as? TfheRsError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ck087.decrypt(tfheRs: .compactPublicKey(RealKeys.load(RealKeys.v0_8_7).pk)))
    }
}
