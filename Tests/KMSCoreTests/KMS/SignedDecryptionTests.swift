import XCTest
import KMSTestSupport
@testable import KMSCore
@testable import KMSPrimitives

final class SignedDecryptionTests: XCTestCase {
    struct Fixture {
        var signers: [KMSSigner]
        var domain: EIP712Domain
        var acl: EthereumAddress
        var handles: [FheHandle]
        var values: [ClearValue]
        var vector: EIP712Vectors.DecryptionResult
    }

    private func fixture() throws -> Fixture {
        let v = try EIP712Vectors.load()
        let signers = try v.testKeys.kmsSigners.map { KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: Hex.decode($0.privateKey))) }
        let dr = v.decryptionResult
        let domain = EIP712Domain.kmsVerifier(chainId: ChainID(dr.domain.chainId),
                                              verifyingContract: try EthereumAddress(eip55: dr.domain.verifyingContract))
        let values: [ClearValue] = [
            ClearValue(bool: true), try ClearValue(type: .euint8, 42), try ClearValue(type: .euint64, 123_456_789),
            try ClearValue(type: .eaddress, bigEndianBytes: try Hex.decode("8ba1f109551bD432803012645Ac136ddd64DBA72")),
        ]
        return Fixture(signers: signers, domain: domain,
                       acl: try EthereumAddress(eip55: dr.aclAddress),
                       handles: try dr.handlesList.map { try FheHandle(hex: $0) },
                       values: values, vector: dr)
    }

    /// The four KMS test signers reproduce the vector's signatures over the 4-handle result, in both layouts.
    func testSignedResultMatchesVectors() throws {
        let f = try fixture()
        for (l, pass) in [(f.vector.passSignaturesToCallerFalse, false), (f.vector.passSignaturesToCallerTrue, true)] {
            let expected = l.signaturesBySignerIndex
            for (i, signer) in f.signers.enumerated() {
                let r = try SignedDecryption.sign(plaintexts: f.values, handles: f.handles, signer: signer,
                                                  aclAddress: f.acl, domain: f.domain, passSignaturesToCaller: pass)
                XCTAssertEqual(Hex.encode(r.decryptedResult, prefix: true), l.decryptedResult)
                XCTAssertEqual(Hex.encode(r.signature, prefix: true), expected[i])
                XCTAssertEqual(r.signer, signer.address)
                XCTAssertEqual(Hex.encode(r.message.digest(domain: f.domain), prefix: true), l.digest)
            }
        }
        let r = try SignedDecryption.sign(plaintexts: f.values, handles: f.handles, signer: f.signers[0], aclAddress: f.acl, domain: f.domain)
        XCTAssertEqual(r.json, #"{"decrypted_result":""# + Hex.encode(r.decryptedResult, prefix: true)
                       + #"","plaintexts":[{"type":"ebool","value":"1"},{"type":"euint8","value":"42"},{"type":"euint64","value":"123456789"},{"type":"eaddress","value":"0x8ba1f109551bD432803012645Ac136ddd64DBA72"}],"signature":""#
                       + Hex.encode(r.signature, prefix: true) + #"","signer":"0x0971C80fF03B428fD2094dd5354600ab103201C5"}"#)
        XCTAssertNoThrow(try JSONValue(parsing: Array(r.json.utf8)))
    }

    func testRejectsMismatchedInputs() throws {
        let f = try fixture()
        XCTAssertThrowsError(try SignedDecryption.sign(plaintexts: Array(f.values.dropLast()), handles: f.handles, signer: f.signers[0], aclAddress: f.acl, domain: f.domain))
        XCTAssertThrowsError(try SignedDecryption.sign(plaintexts: f.values.reversed(), handles: f.handles, signer: f.signers[0], aclAddress: f.acl, domain: f.domain))
        XCTAssertThrowsError(try SignedDecryption.sign(plaintexts: [], handles: [], signer: f.signers[0], aclAddress: f.acl, domain: f.domain))
    }

    /// Encrypt → decrypt with one of our client keys → sign → verify like KMSVerifier.
    func testDecryptAndSignWithClientKey() throws {
        let f = try fixture()
        var g = TestSeed.generator()
        let randomness = try TFHERandomness.seeded(g.tfheSeed())
        let (ck, pk) = try KeyGeneration.generate(.test, randomness: randomness)
        let cts = [ck.encrypt(f.values[0], randomness: randomness), pk.encrypt(f.values[1], randomness: randomness),
                   ck.encrypt(f.values[2], randomness: randomness), pk.encrypt(f.values[3], randomness: randomness)]
        let r = try SignedDecryption.decryptAndSign(ciphertexts: cts, handles: f.handles, decryptor: ck,
                                                    signer: f.signers[1], aclAddress: f.acl, domain: f.domain)
        XCTAssertEqual(r.plaintexts, f.values)
        let expected = f.vector.passSignaturesToCallerFalse.signaturesBySignerIndex
        XCTAssertEqual(Hex.encode(r.signature, prefix: true), expected[1])
        // a ciphertext whose type differs from its handle is refused
        XCTAssertThrowsError(try SignedDecryption.decryptAndSign(ciphertexts: cts.reversed(), handles: f.handles, decryptor: ck,
                                                                 signer: f.signers[1], aclAddress: f.acl, domain: f.domain))
    }

    func testVerifierFollowsKMSVerifier() throws {
        let f = try fixture()
        let verifier = try SignedDecryptionVerifier(signers: f.signers.map(\.address), aclAddress: f.acl, domain: f.domain)
        XCTAssertEqual(verifier.threshold, 2)
        XCTAssertEqual((1...13).map { SignedDecryptionVerifier.threshold(signerCount: $0) }, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5])
        let results = try f.signers.map {
            try SignedDecryption.sign(plaintexts: f.values, handles: f.handles, signer: $0, aclAddress: f.acl, domain: f.domain)
        }
        let bytes = results[0].decryptedResult
        let sigs = results.map(\.signature)
        XCTAssertTrue(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: sigs))
        XCTAssertTrue(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [sigs[2], sigs[0]]))
        XCTAssertTrue(try verifier.verify(results))
        // duplicates count once: returns false, no revert
        XCTAssertFalse(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [sigs[1], sigs[1]]))
        // too few, none
        XCTAssertThrowsError(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [sigs[0]]))
        XCTAssertThrowsError(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: []))
        // an outsider before the threshold reverts; after it, it is never inspected
        var g = TestSeed.generator()
        let stranger = KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: g.bytes(32)))
        let outsider = try SignedDecryption.sign(plaintexts: f.values, handles: f.handles, signer: stranger, aclAddress: f.acl, domain: f.domain)
        XCTAssertThrowsError(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [sigs[0], outsider.signature])) { e in
            XCTAssertEqual(e as? SignatureError, .unknownSigner(outsider.signer))
        }
        XCTAssertTrue(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [sigs[0], sigs[3], outsider.signature]))
        // tampered result: signatures recover to strangers
        var tampered = bytes; tampered[31] ^= 1
        XCTAssertThrowsError(try verifier.verify(handles: f.handles, decryptedResult: tampered, signatures: sigs))
        // high-s twin of a valid signature is rejected
        let s = Secp256k1Scalar(U256(bigEndianBytes: sigs[0][32..<64])!)!
        let highS = Array(sigs[0][0..<32]) + (-s).bigEndianBytes + [sigs[0][64] == 27 ? 28 : 27]
        XCTAssertThrowsError(try verifier.verify(handles: f.handles, decryptedResult: bytes, signatures: [highS, sigs[1]])) { e in
            XCTAssertEqual(e as? SignatureError, .highS)
        }
        XCTAssertThrowsError(try SignedDecryptionVerifier(signers: [], aclAddress: f.acl, domain: f.domain))
    }

    func testInternalResponsePayload() throws {
        let f = try fixture()
        let r = try SignedDecryption.sign(plaintexts: f.values, handles: f.handles, signer: f.signers[0], aclAddress: f.acl, domain: f.domain)
        let digest = SHA3.hash256(Array("request".utf8))
        let response = r.internalResponse(signer: f.signers[0], requestDigest: digest)
        let bytes = response.payload.bincode
        // u32 version 1, then bincode(PublicSigKey) (41 bytes, 0x21 length prefix inside)
        XCTAssertEqual(Hex.encode(bytes.prefix(4 + 8 + 8)), "01000000" + "2900000000000000" + "2100000000000000")
        let back = try DecryptionResponsePayload(bincode: bytes)
        XCTAssertEqual(back, response.payload)
        XCTAssertEqual(try back.decodedPlaintexts(), f.values)
        XCTAssertEqual(back.externalSignature, r.signature)
        XCTAssertNoThrow(try response.verify(trusted: [f.signers[0].address]))
        XCTAssertThrowsError(try response.verify(trusted: [f.signers[1].address]))
        var forged = response; forged.payload.digest[0] ^= 1
        XCTAssertThrowsError(try forged.verify(trusted: [f.signers[0].address]))
        XCTAssertThrowsError(try DecryptionResponsePayload(bincode: bytes + [0]))
        XCTAssertThrowsError(try DecryptionResponsePayload(bincode: Array(bytes.dropLast())))
    }

    func testPlaintextBincode() throws {
        // The signcryption vector's payload starts with bincode(Plaintext{[0x2a], Euint8}).
        let payload = try Hex.decode(ReencryptionSigncryptionVector.load().signcryptionPayloadBincode)
        let pt = KMSPlaintext(try ClearValue(type: .euint8, 42))
        XCTAssertEqual(Hex.encode(pt.bincode), "01000000000000002a040000000000000002000000")
        XCTAssertEqual(Array(payload.prefix(pt.bincode.count)), pt.bincode)
        var reader = BincodeReader(payload)
        XCTAssertEqual(try KMSPlaintext(reading: &reader), pt)
        var g = TestSeed.generator()
        for t in FheType.allCases {
            let value = try ClearValue.random(t, using: &g)
            XCTAssertEqual(try KMSPlaintext(bincode: KMSPlaintext(value).bincode).value, value)
            XCTAssertEqual(KMSPlaintext(value).bytes.count, t.byteWidth)
        }
        // threshold form: 16 LE bytes for a euint8
        var w = BincodeWriter()
        w.writeBytes([0x2a] + [UInt8](repeating: 0, count: 15)); w.writeLength(4); w.write(Int32(2))
        XCTAssertEqual(try KMSPlaintext(bincode: w.bytes), pt)
        // bad type code, bad tag length, value too wide
        XCTAssertThrowsError(try KMSPlaintext(bincode: Hex.decode("01000000000000002a04000000000000000c000000")))
        XCTAssertThrowsError(try KMSPlaintext(bincode: Hex.decode("01000000000000002a03000000000000000200000000")))
        XCTAssertThrowsError(try KMSPlaintext(bincode: Hex.decode("02000000000000002a01040000000000000002000000")))
    }

    func testSignerFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("signer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("kms.key")
        let f = try fixture()
        try f.signers[0].save(to: url)
        XCTAssertEqual(try SecureFile.permissions(of: url), 0o600)
        let bytes = try SecureFile.read(url)
        XCTAssertEqual(Hex.encode(bytes), "2000000000000000388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91")
        XCTAssertEqual(try KMSSigner.load(from: url).address.checksummed, "0x0971C80fF03B428fD2094dd5354600ab103201C5")
        XCTAssertEqual(Hex.encode(f.signers[0].verificationKey), "2100000000000000" + "03b3c5588823028868b0b4b6abb4ebe4353c48e54ce860b4ff3bcc990485b9b21d")
        XCTAssertThrowsError(try f.signers[1].save(to: url)) { e in
            XCTAssertEqual(e as? StorageError, .alreadyExists(path: url.path))
        }
        XCTAssertFalse(f.signers[0].description.contains("388b"))
        chmod(url.path, 0o644)
        XCTAssertThrowsError(try KMSSigner.load(from: url))
        XCTAssertThrowsError(try KMSSigner(fileBytes: Array(bytes.dropLast())))
        XCTAssertThrowsError(try KMSSigner(fileBytes: [0x21] + Array(bytes.dropFirst())))
        XCTAssertThrowsError(try KMSSigner(fileBytes: [UInt8](repeating: 0, count: 8) + [UInt8](repeating: 0, count: 32)))
    }
}
