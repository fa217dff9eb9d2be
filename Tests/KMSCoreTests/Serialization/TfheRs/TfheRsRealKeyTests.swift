import XCTest
import KMSTestSupport
@testable import KMSCore

/// The six real tfhe-rs files (fhevmjs test keys made by tfhe-rs 0.8.0, 0.8.7, 1.0.0).
final class TfheRsRealKeyTests: XCTestCase {
    func testEveryRealFileParsesToTheLastByteAndReserialisesIdentically() throws {
        for pair in RealKeys.all {
            for (path, size, type) in [(pair.clientKeyPath, pair.clientKeySize, TfheRsObjectType.clientKey),
                                       (pair.publicKeyPath, pair.publicKeySize, .compactPublicKey)] {
                let bytes = try RealKeys.bytes(path)
                XCTAssertEqual(bytes.count, size, path)
                // Without a hint: the type (and, for plain bincode, the layout) is found from the bytes.
                let file = try TfheRsFile.decode(bytes)
                XCTAssertEqual(file.object.type, type, path)
                XCTAssertEqual(file.versioned, pair.versioned, path)
                XCTAssertTrue(file.compatibleLayouts.contains(pair.expectedLayout), path)
                if type == .clientKey { XCTAssertEqual(file.layout, pair.expectedLayout, path) }
                XCTAssertEqual(file.header == nil, !pair.versioned, path)
                let again = try file.encode()
                XCTAssertEqual(again.count, bytes.count, path)
                XCTAssertTrue(again == bytes, "\(path): re-serialised bytes differ")
            }
        }
    }

    func testHeadersAreTheSafeSerializeHeaders() throws {
        let ck = try TfheRsFile.decode(RealKeys.bytes(RealKeys.v0_8_7.clientKeyPath))
        XCTAssertEqual(ck.header, .versioned(name: "high_level_api::ClientKey"))
        XCTAssertEqual(ck.header?.encoded.count, 59)
        let pk = try TfheRsFile.decode(RealKeys.bytes(RealKeys.v1_0_0.publicKeyPath))
        XCTAssertEqual(pk.header, .versioned(name: "high_level_api::CompactPublicKey"))
        XCTAssertEqual(pk.header?.encoded.count, 66)
        XCTAssertEqual(pk.encodingDescription, "safe_serialize 0.5, versioned")
        // A public key alone cannot tell 0.11 from 1.0 (only the client key's PBS parameters differ),
        // nor from any later release up to 1.5 (its expansion kind's tag changes in 1.6).
        XCTAssertEqual(pk.compatibleLayouts.layouts, TfheRsLayout.allCases.filter { $0 >= .v0_11 && $0 < .v1_6 })
        XCTAssertEqual(try TfheRsFile.decode(RealKeys.bytes(RealKeys.v0_8_7.publicKeyPath)).compatibleLayouts.layouts, [.v0_8])
        let plain = try TfheRsFile.decode(RealKeys.bytes(RealKeys.v0_8_0.clientKeyPath))
        XCTAssertNil(plain.header)
        XCTAssertEqual(plain.encodingDescription, "plain bincode, no header")
    }

    /// Field by field against the reference reader (`tools/tfhe_parse_check.py`).
    func testFieldsMatchTheReferenceReader() throws {
        let (ck087, pk087, _, _) = try RealKeys.load(RealKeys.v0_8_7)
        let p = ck087.parameters
        XCTAssertEqual([p.lweDimension.value, p.glweDimension.value, p.polynomialSize.value], [887, 1, 2048])
        XCTAssertEqual(p.lweNoiseDistribution, .tUniform(boundLog2: 46))
        XCTAssertEqual(p.glweNoiseDistribution, .tUniform(boundLog2: 17))
        XCTAssertEqual([p.pbsBaseLog.value, p.pbsLevel.value, p.ksBaseLog.value, p.ksLevel.value], [22, 1, 3, 5])
        XCTAssertEqual([p.messageModulus, p.carryModulus, p.maxNoiseLevel], [4, 4, 5])
        XCTAssertEqual(p.log2PFail, -64.138)
        XCTAssertEqual(p.encryptionKeyChoice, .big)
        XCTAssertNil(p.modulusSwitchNoiseReduction)
        XCTAssertEqual(ck087.glweSecretKey.coefficients.count, 2048)
        XCTAssertEqual(ck087.lweSecretKey.dimension, 887)
        let cpk = try XCTUnwrap(ck087.compactPrivateKey)
        XCTAssertEqual(cpk.key.dimension, 1024)
        XCTAssertEqual(cpk.parameters.encryptionNoiseDistribution, .tUniform(boundLog2: 42))
        XCTAssertEqual(cpk.parameters.expansionKind, .requiresCasting)
        XCTAssertNil(cpk.parameters.zkScheme)
        XCTAssertEqual(cpk.castingParameters, KeySwitchingParameters(baseLog: 3, level: 5, destinationKey: .small))
        let comp = try XCTUnwrap(ck087.compressionKey)
        XCTAssertEqual(comp.parameters, ParameterSet.default.compression)
        XCTAssertEqual([comp.key.glweDimension.value, comp.key.polynomialSize.value], [4, 256])
        XCTAssertEqual(ck087.tag, [])
        XCTAssertEqual(pk087.key.polynomialSize, 1024)
        XCTAssertEqual(pk087.parameters, cpk.parameters)

        let (ck100, pk100, _, _) = try RealKeys.load(RealKeys.v1_0_0)
        XCTAssertEqual(ck100.parameters, ParameterSet.v1_0_2m128.compute)
        XCTAssertEqual(ck100.parameters.modulusSwitchNoiseReduction?.zerosCount, 1449)
        XCTAssertEqual(ck100.parameters.modulusSwitchNoiseReduction?.msBound, 0x1p58)
        XCTAssertEqual(ck100.compactPrivateKey?.parameters.zkScheme, .v2)
        XCTAssertEqual(ck100.compactPrivateKey?.parameters.encryptionLweDimension, 2048)
        XCTAssertEqual(ck100.compactPrivateKey?.castingParameters, KeySwitchingParameters(baseLog: 4, level: 4, destinationKey: .small))
        XCTAssertNil(ck100.compressionKey)
        XCTAssertEqual(pk100.key.polynomialSize, 2048)

        let (ck080, pk080, _, _) = try RealKeys.load(RealKeys.v0_8_0)
        let q = ck080.parameters
        XCTAssertEqual([q.lweDimension.value, q.glweDimension.value, q.polynomialSize.value], [1024, 1, 2048])
        XCTAssertEqual(q.lweNoiseDistribution, .gaussian(standardDeviation: 1.339775301998614e-07, mean: 0))
        XCTAssertEqual(q.glweNoiseDistribution, .gaussian(standardDeviation: 2.845267479601915e-15, mean: 0))
        XCTAssertEqual([q.pbsBaseLog.value, q.pbsLevel.value, q.ksBaseLog.value, q.ksLevel.value], [23, 1, 4, 5])
        XCTAssertEqual(q.log2PFail, -68.803)
        XCTAssertEqual(q.encryptionKeyChoice, .small)
        XCTAssertEqual(ck080.compactPrivateKey?.key.dimension, 1024)
        XCTAssertNil(ck080.compressionKey)
        XCTAssertEqual(pk080.key.polynomialSize, 1024)
    }

    func testCompactPublicKeysSatisfyTheRelationWithTheirClientKeys() throws {
        for pair in RealKeys.all {
            let (ck, pk, _, _) = try RealKeys.load(pair)
            let secret = try XCTUnwrap(ck.compactPrivateKey?.key)
            let e = try XCTUnwrap(LweCompactPublicKeyEncryption.publicKeyNoiseLog2(pk.key, secret: secret))
            XCTAssertLessThanOrEqual(e, Double(pair.cpkNoiseBound), pair.directory)
            XCTAssertGreaterThan(e, Double(pair.cpkNoiseBound) - 1, "\(pair.directory): noise should reach its bound")
            XCTAssertTrue(LweCompactPublicKeyEncryption.publicKeyMatches(pk.key, secret: secret, noise: pk.parameters.encryptionNoiseDistribution))
            // Against another pair's secret key the relation fails.
            let other = try RealKeys.load(pair.directory == RealKeys.v0_8_7.directory ? RealKeys.v0_8_0 : RealKeys.v0_8_7).ck
            if let s2 = other.compactPrivateKey?.key, s2.dimension == secret.dimension {
                XCTAssertFalse(LweCompactPublicKeyEncryption.publicKeyMatches(pk.key, secret: s2, noise: pk.parameters.encryptionNoiseDistribution))
            }
        }
    }

    func testParametersMapToTheNamedSets() throws {
        let m087 = TfheRsParameterMatch(clientKey: try RealKeys.load(RealKeys.v0_8_7).ck)
        XCTAssertEqual(m087.namedSet, "default")
        XCTAssertEqual(m087.parameters, .default)

        let m100 = TfheRsParameterMatch(clientKey: try RealKeys.load(RealKeys.v1_0_0).ck)
        XCTAssertNil(m100.namedSet, "the 1.0.0 key has no compression key, unlike 2m128")
        XCTAssertEqual(m100.closestNamedSet, "2m128")
        XCTAssertEqual(m100.parameters.name, "custom")
        XCTAssertEqual(m100.parameters.compute, ParameterSet.v1_0_2m128.compute)
        XCTAssertEqual(m100.parameters.compactPublicKey, ParameterSet.v1_0_2m128.compactPublicKey)
        XCTAssertNil(m100.parameters.compression)
        XCTAssertEqual(m100.differences.count, 1)

        let m080 = TfheRsParameterMatch(clientKey: try RealKeys.load(RealKeys.v0_8_0).ck)
        XCTAssertNil(m080.namedSet)
        XCTAssertNil(m080.closestNamedSet)
        XCTAssertEqual(m080.parameters.name, "custom")
        XCTAssertTrue(m080.parameters.tfheRsName.contains("n=1024"), m080.parameters.tfheRsName)
        XCTAssertNoThrow(try m080.parameters.validate())
    }

    func testRealKeysConvertToOurKeys() throws {
        for pair in RealKeys.all {
            let (tck, tpk, _, _) = try RealKeys.load(pair)
            let ck = try ClientKey(tfheRs: tck)
            let pk = try CompactPublicKey(tfheRs: tpk, parameters: ck.parameters)
            // Our own encryption under the converted public key decrypts with the converted client key.
            let v = try ClearValue(type: .euint64, 0xdead_beef_cafe_f00d)
            XCTAssertEqual(try ck.decrypt(pk.encrypt(v)), v, pair.directory)
            XCTAssertEqual(try ck.decrypt(ck.encrypt(v)), v, pair.directory)
            // And back to tfhe-rs bytes, identical to the originals.
            let layout = pair.expectedLayout
            let ckBack = TfheRsFile(object: .clientKey(try TfheRsClientKey(ck, layout: layout)), layout: layout,
                                    safeSerialized: pair.versioned, versioned: pair.versioned)
            XCTAssertTrue(try ckBack.encode() == RealKeys.bytes(pair.clientKeyPath), pair.directory)
            let pkBack = TfheRsFile(object: .compactPublicKey(try TfheRsCompactPublicKey(pk, layout: layout)), layout: layout,
                                    safeSerialized: pair.versioned, versioned: pair.versioned)
            XCTAssertTrue(try pkBack.encode() == RealKeys.bytes(pair.publicKeyPath), pair.directory)
        }
    }

    func testAPublicKeyOfOtherParametersIsRefused() throws {
        let ck = try ClientKey(tfheRs: RealKeys.load(RealKeys.v0_8_7).ck)
        let otherPk = try RealKeys.load(RealKeys.v1_0_0).pk
        XCTAssertThrowsError(try CompactPublicKey(tfheRs: otherPk, parameters: ck.parameters)) { error in
            guard case .mismatch = error as? TfheRsError else { return XCTFail("\(error)") }
        }
    }
}
