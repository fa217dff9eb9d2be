import XCTest
import KMSTestSupport
@testable import KMSPrimitives

final class Secp256k1Tests: XCTestCase {
    private func key(_ hex: String) throws -> Secp256k1PrivateKey {
        try Secp256k1PrivateKey(rawRepresentation: Hex.decode(hex))
    }

    /// A private key drawn from the test run's seeded generator.
    private func randomKey(_ g: inout SeededGenerator) -> Secp256k1PrivateKey {
        while true {
            // Out of range (0 or ≥ n) with probability ≈ 2^-128: draw again.
            if let k = try? Secp256k1PrivateKey(rawRepresentation: g.bytes(32)) { return k }
        }
    }

    // MARK: curve arithmetic

    func testSmallMultiplesOfG() throws {
        let one = try key("0000000000000000000000000000000000000000000000000000000000000001")
        XCTAssertEqual(Hex.encode(one.publicKey.uncompressed),
                       "04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                            + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")
        let two = try key("0000000000000000000000000000000000000000000000000000000000000002")
        XCTAssertEqual(Hex.encode(two.publicKey.uncompressed),
                       "04" + "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"
                            + "1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a")
        let three = try key("0000000000000000000000000000000000000000000000000000000000000003")
        XCTAssertEqual(Hex.encode(three.publicKey.compressed),
                       "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9")
        // (n − 1)·G = −G
        let minusOne = try key("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")
        XCTAssertEqual(minusOne.publicKey.compressed, [0x03] + Array(one.publicKey.compressed.dropFirst()))
    }

    func testPrivateKeyRange() {
        XCTAssertThrowsError(try key(String(repeating: "00", count: 32)))
        XCTAssertThrowsError(try key("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"))   // n
        XCTAssertThrowsError(try key(String(repeating: "ff", count: 32)))
        XCTAssertThrowsError(try key("01"))
        XCTAssertThrowsError(try Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 33)))
    }

    func testPrivateKeyNeverPrintsItsBytes() throws {
        let sk = try key("388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91")
        for text in [sk.description, sk.debugDescription, "\(sk)", String(reflecting: sk)] {
            XCTAssertFalse(text.lowercased().contains("388b7680"), text)
            XCTAssertTrue(text.contains("0x0971C80fF03B428fD2094dd5354600ab103201C5"), text)
        }
        var dumped = ""
        dump(sk, to: &dumped)
        XCTAssertFalse(dumped.lowercased().contains("388b7680"), dumped)
    }

    func testFieldAndScalarIdentities() {
        var g = TestSeed.generator()
        for _ in 0..<50 {
            let a = Secp256k1Field(unchecked: U256(g.next(), g.next(), g.next(), g.next() >> 1))
            if a.isZero { continue }
            XCTAssertEqual(a * a.inverse(), .one)
            XCTAssertEqual(a.squared(), a * a)
            XCTAssertEqual(a + (-a), .zero)
            let sq = a.squared()
            let root = sq.squareRoot()
            XCTAssertNotNil(root)
            if let root { XCTAssertTrue(root == a || root == -a) }
            XCTAssertEqual(a.times(21), (a + a + a + a + a + a + a).times(3))
            let s = Secp256k1Scalar(reducing: U256(g.next(), g.next(), g.next(), g.next()))
            if s.isZero { continue }
            XCTAssertEqual(s * s.inverse(), .one)
            XCTAssertEqual(s + (-s), .zero)
            XCTAssertEqual((s + s) * s.inverse(), .one + .one)
        }
        // p − 1 is −1: (−1)² = 1, and the largest field element reduces correctly.
        let minusOne = Secp256k1Field.zero - .one
        XCTAssertEqual(minusOne.v, U256(0xFFFF_FFFE_FFFF_FC2E, .max, .max, .max))
        XCTAssertEqual(minusOne * minusOne, .one)
        XCTAssertEqual(minusOne + .one, .zero)
        // −1 (≡ 3 mod 4 prime) is not a square.
        XCTAssertNil(minusOne.squareRoot())
    }

    func testGeneratorTableMatchesLadder() throws {
        var g = TestSeed.generator()
        for _ in 0..<10 {
            let k = Secp256k1Scalar(reducing: U256(g.next(), g.next(), g.next(), g.next()))
            let viaTable = Secp256k1Point.generatorMultiple(k)
            let viaWindow = Secp256k1AffinePoint.generator.multipleVartime(k)
            XCTAssertTrue(Secp256k1Point.equal(viaTable, viaWindow))
        }
        XCTAssertTrue(Secp256k1Point.generatorMultiple(.zero).isIdentity)
        XCTAssertTrue(Secp256k1Point.equal(Secp256k1Point.generatorMultiple(.one), Secp256k1AffinePoint.generator.projective))
    }

    // MARK: SEC1

    func testSEC1RoundTripAndRejection() throws {
        let sk = try key("bbaed91514fa4b7c86aa4f73becbabcf4bce0ae130240f0d6ac3f87e06812440")
        let pk = sk.publicKey
        XCTAssertEqual(try Secp256k1PublicKey(sec1: pk.compressed), pk)
        XCTAssertEqual(try Secp256k1PublicKey(sec1: pk.uncompressed), pk)
        XCTAssertThrowsError(try Secp256k1PublicKey(sec1: Array(pk.compressed.dropLast())))
        var badPrefix = pk.compressed; badPrefix[0] = 0x04
        XCTAssertThrowsError(try Secp256k1PublicKey(sec1: badPrefix))
        var offCurve = pk.uncompressed; offCurve[64] ^= 1
        XCTAssertThrowsError(try Secp256k1PublicKey(sec1: offCurve)) { e in
            XCTAssertEqual(e as? SignatureError, .publicKeyNotOnCurve)
        }
        // x = p is not a field element.
        let xp = [UInt8](repeating: 0xff, count: 27) + [0xfe, 0xff, 0xff, 0xfc, 0x2f]
        XCTAssertThrowsError(try Secp256k1PublicKey(sec1: [0x02] + xp))
        // x = 5 has no point (x³ + 7 = 132 is not a square mod p).
        XCTAssertThrowsError(try Secp256k1PublicKey(sec1: [0x02] + [UInt8](repeating: 0, count: 31) + [5]))
        // The vector's compressed KMS key.
        let v = try ReencryptionSigncryptionVector.load()
        let signer0 = try key(v.serverSigningKey)
        XCTAssertEqual(Hex.encode(signer0.publicKey.compressed), v.serverPubkeySEC1Compressed)
    }

    // MARK: signatures

    /// Deterministic EIP-712 signatures of the four KMS test signers (eth-account / libsecp256k1 output).
    func testEthereumSignaturesMatchVectors() throws {
        let v = try EIP712Vectors.load()
        let keys = try v.testKeys.kmsSigners.map { try key($0.privateKey) }
        let dr = v.decryptionResult
        let cv = v.ciphertextVerificationForKMS
        var cases: [(String, [String])] = []
        for layout in [dr.passSignaturesToCallerFalse, dr.passSignaturesToCallerTrue] {
            cases.append((layout.digest, layout.signaturesBySignerIndex))
        }
        cases.append((cv.digest, cv.signaturesBySignerIndex))
        var checked = 0
        for (digestHex, sigs) in cases {
            let digest = try Hex.decode(digestHex)
            for (i, sigHex) in sigs.enumerated() {
                let sig = keys[i].signEthereum(digest: digest)
                XCTAssertEqual(Hex.encode(sig, prefix: true), sigHex, "signer \(i)")
                let back = try Secp256k1PublicKey.recover(digest: digest, signature65: sig)
                XCTAssertEqual(back, keys[i].publicKey)
                XCTAssertTrue(keys[i].publicKey.isValidSignature(Array(sig[0..<64]), digest: digest))
                checked += 1
            }
        }
        XCTAssertEqual(checked, 12)
        // The user's Reencrypt signature (relayer key) and the coprocessor's signature.
        let re = v.reencryptSigned
        let user = try key(try XCTUnwrap(re.userPrivateKey))
        XCTAssertEqual(Hex.encode(user.signEthereum(digest: try Hex.decode(re.digest)), prefix: true), re.signature)
        let del = try XCTUnwrap(re.delegatedVariant)
        XCTAssertEqual(Hex.encode(user.signEthereum(digest: try Hex.decode(del.digest)), prefix: true), del.signature)
        let copro = v.ciphertextVerificationForCopro
        let coproKey = try key(v.testKeys.coprocessor.privateKey)
        XCTAssertEqual(Hex.encode(coproKey.signEthereum(digest: try Hex.decode(copro.digest)), prefix: true), copro.signature)
    }

    /// The signature published in the kms repository recovers to the published address.
    func testRecoverPublishedReencryptSignature() throws {
        let p = try EIP712Vectors.load().reencryptPublished
        let digest = try Hex.decode(p.digest)
        let sig = try Hex.decode(p.signature)
        let pk = try Secp256k1PublicKey.recover(digest: digest, signature65: sig)
        XCTAssertEqual(pk.address.checksummed, try XCTUnwrap(p.recoveredAddress))
    }

    /// KMS-internal 64-byte signatures over a SHA-256 prehash (k256 / coincurve output).
    func testSHA256SignaturesMatchVectors() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let sk = try key(v.serverSigningKey)
        let pairs: [(name: String, message: String, signature: String)] = [
            ("inner_signed_message", v.innerSignedMessage, v.innerSignatureRS),
            ("reencryption_response_payload_bincode", v.reencryptionResponsePayloadBincode, v.responseSignatureRS),
        ]
        for (msgKey, message, signature) in pairs {
            let msg = try Hex.decode(message)
            let sig = sk.signSHA256(message: msg)
            XCTAssertEqual(Hex.encode(sig), signature, msgKey)
            XCTAssertTrue(sk.publicKey.isValidSignature(sig, sha256Of: msg))
            XCTAssertFalse(sk.publicKey.isValidSignature(sig, sha256Of: msg + [0]))
        }
    }

    /// Keys and messages from the run's seeded generator (`SWIFTKMS_TEST_SEED` replays them).
    func testRandomSignRecoverRoundTrips() throws {
        var g = TestSeed.generator()
        for i in 0..<25 {
            let sk = randomKey(&g)
            let digest = Keccak256.hash(g.bytes(40 + i))
            let sig = sk.signEthereum(digest: digest)
            XCTAssertEqual(sig.count, 65)
            XCTAssertTrue(sig[64] == 27 || sig[64] == 28)
            let parsed = try Secp256k1Signature(ethereum: sig)
            XCTAssertTrue(parsed.isLowS)
            XCTAssertEqual(try Secp256k1PublicKey.recover(digest: digest, signature65: sig), sk.publicKey)
            XCTAssertEqual(sk.signEthereum(digest: digest), sig, "deterministic")
            // a different digest recovers someone else
            var other = digest; other[0] ^= 1
            XCTAssertNotEqual(try? Secp256k1PublicKey.recover(digest: other, signature65: sig), sk.publicKey)
            XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig[0..<64]), digest: other))
            let rs = sk.signSHA256(message: digest)
            XCTAssertTrue(sk.publicKey.isValidSignature(rs, sha256Of: digest))
        }
    }

    func testRejectsHighSWrongVAndLengths() throws {
        let sk = try key("1bfa3e2233b0103ad67954a728b246c528916791f7fab4894ff361e3937b47e1")
        let digest = Keccak256.hash(Array("message".utf8))
        let sig = sk.signEthereum(digest: digest)
        // high-s twin: (r, n − s, v ^ 1) is mathematically valid but must be refused
        let s = Secp256k1Scalar(U256(bigEndianBytes: sig[32..<64])!)!
        let highS = Array(sig[0..<32]) + (-s).bigEndianBytes + [sig[64] == 27 ? 28 : 27]
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: highS)) { e in
            XCTAssertEqual(e as? SignatureError, .highS)
        }
        XCTAssertFalse(sk.publicKey.isValidSignature(Array(highS[0..<64]), digest: digest))
        XCTAssertFalse(try Secp256k1Signature(compact: Array(highS[0..<64])).isLowS)
        // wrong v
        for v: UInt8 in [0, 1, 26, 29, 35] {
            var bad = sig; bad[64] = v
            XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: bad)) { e in
                XCTAssertEqual(e as? SignatureError, .invalidRecoveryValue(v))
            }
        }
        // flipped v recovers a different key
        var flipped = sig; flipped[64] = sig[64] == 27 ? 28 : 27
        XCTAssertNotEqual(try? Secp256k1PublicKey.recover(digest: digest, signature65: flipped), sk.publicKey)
        // lengths
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: Array(sig.dropLast())))
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: sig + [0]))
        XCTAssertFalse(sk.publicKey.isValidSignature(Array(sig[0..<63]), digest: digest))
        // r = 0, s = 0, r = n
        let zero = [UInt8](repeating: 0, count: 32)
        let n = try Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: zero + Array(sig[32..<65])))
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: Array(sig[0..<32]) + zero + [27]))
        XCTAssertThrowsError(try Secp256k1PublicKey.recover(digest: digest, signature65: n + Array(sig[32..<65])))
        XCTAssertFalse(sk.publicKey.isValidSignature(zero + zero, digest: digest))
    }
}
