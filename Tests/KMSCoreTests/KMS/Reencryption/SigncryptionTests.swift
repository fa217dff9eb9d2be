import KMSTestSupport
import XCTest
@testable import KMSCore

/// Signcryption against the spec vector (fixed ephemeral key 0x11… and nonce 0x22…), and each
/// failing check of `unsigncrypt` with its own error.
final class SigncryptionTests: XCTestCase {
    struct Fixture {
        let message: [UInt8]
        let clientAddress: EthereumAddress
        let clientKey: BoxSecretKey
        let server: Secp256k1PrivateKey
        let ephemeral: BoxSecretKey
        let nonce: [UInt8]
        let vector: ReencryptionSigncryptionVector
    }

    func fixture() throws -> Fixture {
        let v = try ReencryptionSigncryptionVector.load()
        return Fixture(
            message: try Hex.decode(v.signcryptionPayloadBincode),
            clientAddress: try EthereumAddress(eip55: v.clientAddress),
            clientKey: try BoxSecretKey(hex: v.clientEncSkBincode),
            server: try Secp256k1PrivateKey(rawRepresentation: Hex.decode(v.serverSigningKey)),
            ephemeral: try BoxSecretKey(bytes: Hex.decode(v.serverEphemeralX25519Sk)),
            nonce: try Hex.decode(v.nonce),
            vector: v)
    }

    func testVerificationKeyOfTheVector() throws {
        let f = try fixture()
        let vk = ServerVerificationKey(f.server.publicKey)
        XCTAssertEqual(vk.bincode, try Hex.decode(f.vector.verificationKeyBincode))
        XCTAssertEqual(vk.address.checksummed, f.vector.serverAddress)
        XCTAssertEqual(try ServerVerificationKey(bincode: vk.bincode), vk)
        var bad = vk.bincode
        bad[0] = 65   // uncompressed length prefix without the bytes
        XCTAssertThrowsError(try ServerVerificationKey(bincode: bad))
        bad = vk.bincode
        bad[8] = 0x05   // not a SEC1 prefix
        XCTAssertThrowsError(try ServerVerificationKey(bincode: bad)) {
            guard case .invalidVerificationKey = $0 as? ReencryptionError else { return XCTFail("\($0)") }
        }
    }

    func testSigncryptReproducesTheVector() throws {
        let f = try fixture()
        let signed = Signcryption.signedBytes(f.message, clientAddress: f.clientAddress, clientKey: f.clientKey.publicKey)
        XCTAssertEqual(Hex.encode(signed), f.vector.innerSignedMessage)
        XCTAssertEqual(Hex.encode(f.server.signSHA256(message: signed)), f.vector.innerSignatureRS)
        let cipher = try Signcryption.signcrypt(f.message, clientAddress: f.clientAddress, clientKey: f.clientKey.publicKey,
                                                signingKey: f.server, ephemeralKey: f.ephemeral, nonce: f.nonce)
        XCTAssertEqual(Hex.encode(cipher.bincode), f.vector.cipherBincode)
        let opened = try Signcryption.unsigncrypt(cipher, clientAddress: f.clientAddress, clientKey: f.clientKey,
                                                  serverKey: ServerVerificationKey(f.server.publicKey))
        XCTAssertEqual(opened, f.message)
    }

    func testFreshEphemeralKeyAndNonceByDefault() throws {
        let f = try fixture()
        let a = try Signcryption.signcrypt(f.message, clientAddress: f.clientAddress, clientKey: f.clientKey.publicKey, signingKey: f.server)
        let b = try Signcryption.signcrypt(f.message, clientAddress: f.clientAddress, clientKey: f.clientKey.publicKey, signingKey: f.server)
        XCTAssertNotEqual(a.nonce, b.nonce)
        XCTAssertNotEqual(a.serverEncryptionKey, b.serverEncryptionKey)
        XCTAssertNotEqual(a.box, b.box)
        for c in [a, b] {
            XCTAssertEqual(try Signcryption.unsigncrypt(c, clientAddress: f.clientAddress, clientKey: f.clientKey,
                                                        serverKey: ServerVerificationKey(f.server.publicKey)), f.message)
        }
    }

    /// Seals `boxed` (message ‖ trailer, possibly altered) with the vector's ephemeral key.
    func cipher(_ f: Fixture, boxed: [UInt8]) throws -> SigncryptionCipher {
        let box = try CryptoBox(publicKey: f.clientKey.publicKey, secretKey: f.ephemeral).seal(boxed, nonce: f.nonce)
        return SigncryptionCipher(box: box, nonce: f.nonce, serverEncryptionKey: f.ephemeral.publicKey)
    }

    func assertUnsigncrypt(_ f: Fixture, _ c: SigncryptionCipher, throws expected: ReencryptionError,
                           clientAddress: EthereumAddress? = nil, serverKey: ServerVerificationKey? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Signcryption.unsigncrypt(
            c, clientAddress: clientAddress ?? f.clientAddress, clientKey: f.clientKey,
            serverKey: serverKey ?? ServerVerificationKey(f.server.publicKey)), file: file, line: line) {
            XCTAssertEqual($0 as? ReencryptionError, expected, file: file, line: line)
        }
    }

    func testEachCheckHasItsOwnError() throws {
        let f = try fixture()
        let good = try SigncryptionCipher(bincode: Hex.decode(f.vector.cipherBincode))
        let boxed = try Hex.decode(f.vector.plaintextToEncrypt)
        let m = boxed.count - 128

        var c = good
        c.box[40] ^= 1
        assertUnsigncrypt(f, c, throws: .boxOpenFailed)
        c = good
        c.nonce[0] ^= 1
        assertUnsigncrypt(f, c, throws: .boxOpenFailed)
        c = good
        var g = TestSeed.generator()
        c.serverEncryptionKey = try g.boxKey().publicKey
        assertUnsigncrypt(f, c, throws: .boxOpenFailed)

        assertUnsigncrypt(f, try cipher(f, boxed: Array(boxed.suffix(127))), throws: .signcryptedMessageTooShort(127))

        var altered = boxed
        altered[m + 64] ^= 1
        assertUnsigncrypt(f, try cipher(f, boxed: altered), throws: .serverKeyDigestMismatch)
        altered = boxed
        altered[m + 127] ^= 1
        assertUnsigncrypt(f, try cipher(f, boxed: altered), throws: .ephemeralKeyDigestMismatch)
        altered = boxed
        altered[m] ^= 1   // signature r
        assertUnsigncrypt(f, try cipher(f, boxed: altered), throws: .invalidInnerSignature)
        altered = boxed
        altered[10] ^= 1  // message
        assertUnsigncrypt(f, try cipher(f, boxed: altered), throws: .invalidInnerSignature)

        // Another server key: its digest is not the one inside the box.
        let other = ServerVerificationKey(g.secp256k1Key().publicKey)
        assertUnsigncrypt(f, good, throws: .serverKeyDigestMismatch, serverKey: other)
        // Another client address: the inner signature does not cover it.
        let eve = try EthereumAddress(eip55: "0x0971C80fF03B428fD2094dd5354600ab103201C5")
        assertUnsigncrypt(f, good, throws: .invalidInnerSignature, clientAddress: eve)
    }

    func testHighSInnerSignatureIsRefused() throws {
        let f = try fixture()
        var boxed = try Hex.decode(f.vector.plaintextToEncrypt)
        let m = boxed.count - 128
        // s → n − s: still a valid ECDSA signature mathematically, but not normalised.
        let n: [UInt8] = try Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        let s = Array(boxed[m + 32..<m + 64])
        var highS = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let d = Int(n[i]) - Int(s[i]) - borrow
            highS[i] = UInt8((d + 256) % 256)
            borrow = d < 0 ? 1 : 0
        }
        boxed.replaceSubrange(m + 32..<m + 64, with: highS)
        assertUnsigncrypt(f, try cipher(f, boxed: boxed), throws: .invalidInnerSignature)
    }
}
