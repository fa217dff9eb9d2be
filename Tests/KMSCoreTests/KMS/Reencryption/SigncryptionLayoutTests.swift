import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// The byte layouts of the signcryption (Cipher, box, response payload, gateway JSON) against the
/// intermediate values of the spec vector.
final class SigncryptionLayoutTests: XCTestCase {
    func testBoxOfTheVector() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let ephemeral = try BoxSecretKey(bytes: Hex.decode(v.serverEphemeralX25519Sk))
        XCTAssertEqual(ephemeral.publicKey.bytes, try Hex.decode(v.serverEphemeralX25519Pk))
        let client = try BoxSecretKey(hex: v.clientEncSkBincode)
        XCTAssertEqual(client.publicKey.hex, v.clientEncPkBincode)
        let message = try Hex.decode(v.plaintextToEncrypt)
        XCTAssertEqual(message.count, 221)
        let sealed = try CryptoBox(publicKey: client.publicKey, secretKey: ephemeral).seal(message, nonce: Hex.decode(v.nonce))
        XCTAssertEqual(Hex.encode(sealed), v.boxCiphertextTagFirst)
        XCTAssertEqual(sealed.count, 237)
        let opened = try CryptoBox(publicKey: ephemeral.publicKey, secretKey: client).open(sealed, nonce: Hex.decode(v.nonce))
        XCTAssertEqual(opened, message)
    }

    func testCipherBincode() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let encoded = try Hex.decode(v.cipherBincode)
        XCTAssertEqual(encoded.count, 317)
        let cipher = try SigncryptionCipher(bincode: encoded)
        XCTAssertEqual(cipher.box, try Hex.decode(v.boxCiphertextTagFirst))
        XCTAssertEqual(cipher.nonce, try Hex.decode(v.nonce))
        XCTAssertEqual(cipher.serverEncryptionKey.bytes, try Hex.decode(v.serverEphemeralX25519Pk))
        XCTAssertEqual(cipher.bincode, encoded)
        // Truncated, extended, or a 23-byte nonce: refused.
        XCTAssertThrowsError(try SigncryptionCipher(bincode: Array(encoded.dropLast())))
        XCTAssertThrowsError(try SigncryptionCipher(bincode: encoded + [0]))
        var short = SigncryptionCipher(box: cipher.box, nonce: Array(cipher.nonce.dropLast()),
                                       serverEncryptionKey: cipher.serverEncryptionKey).bincode
        XCTAssertThrowsError(try SigncryptionCipher(bincode: short))
        short = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f] + short.dropFirst(8)
        XCTAssertThrowsError(try SigncryptionCipher(bincode: short))
    }

    func testResponsePayloadBincode() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let encoded = try Hex.decode(v.reencryptionResponsePayloadBincode)
        XCTAssertEqual(encoded.count, 462)
        let p = try ReencryptionResponsePayload(bincode: encoded)
        XCTAssertEqual(p.version, 1)
        XCTAssertEqual(p.verificationKey, try Hex.decode(v.verificationKeyBincode))
        XCTAssertEqual(p.digest, try Hex.decode(v.link))
        XCTAssertEqual(p.fheType, .euint8)
        XCTAssertEqual(p.signcryptedCiphertext, try Hex.decode(v.cipherBincode))
        XCTAssertEqual(p.partyId, 1)
        XCTAssertEqual(p.degree, 0)
        XCTAssertEqual(p.bincode, encoded)
        let rebuilt = ReencryptionResponsePayload(verificationKey: p.verificationKey, digest: p.digest, fheType: .euint8,
                                                  signcryptedCiphertext: p.signcryptedCiphertext)
        XCTAssertEqual(rebuilt.bincode, encoded)
        // fhe_type 12 and -1 are unknown; trailing bytes are refused.
        for code: [UInt8] in [[12, 0, 0, 0], [0xff, 0xff, 0xff, 0xff]] {
            var bad = encoded
            bad.replaceSubrange(4 + 49 + 72..<4 + 49 + 72 + 4, with: code)
            XCTAssertThrowsError(try ReencryptionResponsePayload(bincode: bad)) {
                guard case .unknownTag = $0 as? SerializationError else { return XCTFail("\($0)") }
            }
        }
        XCTAssertThrowsError(try ReencryptionResponsePayload(bincode: encoded + [0]))
    }

    func testGatewayResponseJSON() throws {
        let v = try ReencryptionSigncryptionVector.load()
        let expected = v.gatewayJSONResponse
        XCTAssertEqual(expected.status, "success")
        let item = try XCTUnwrap(expected.response.first)
        let parsed = try GatewayReencryptionResponse(json: ReencryptionFixtures.gatewayResponseJSON(v))
        guard case .success(let responses) = parsed else { return XCTFail("expected success") }
        XCTAssertEqual(responses.count, 1)
        XCTAssertEqual(Hex.encode(responses[0].signature), item.signature)
        XCTAssertEqual(Hex.encode(responses[0].payload), item.payload)
        XCTAssertEqual(Hex.encode(responses[0].ciphertextDigest), item.ciphertextDigest)
        XCTAssertEqual(try responses[0].decodedPayload().fheType, .euint8)
        // Our encoding: same shape and values, status first, hex without 0x.
        let ours = parsed.json
        XCTAssertEqual(ours, "{\"status\":\"success\",\"response\":[{\"signature\":\"\(item.signature)\","
                       + "\"payload\":\"\(item.payload)\",\"ciphertext_digest\":\"\(item.ciphertextDigest)\"}]}")
        XCTAssertEqual(try GatewayReencryptionResponse(json: Array(ours.utf8)), parsed)
    }

    func testGatewayFailureAndMalformedJSON() throws {
        let failure = GatewayReencryptionResponse.failure("bad \"quote\"\nline")
        XCTAssertEqual(failure.json, #"{"status":"failure","error":"bad \"quote\"\nline"}"#)
        XCTAssertEqual(try GatewayReencryptionResponse(json: Array(failure.json.utf8)), failure)
        let bad: [String] = [
            "", "[]", "{}", #"{"status":"maybe"}"#, #"{"status":"success"}"#, #"{"status":"success","response":{}}"#,
            #"{"status":"success","response":[{"signature":"zz","payload":"","ciphertext_digest":""}]}"#,
            #"{"status":"success","response":[{"signature":"00","payload":"00"}]}"#,
            #"{"status":"success","response":[1]}"#,
        ]
        for s in bad {
            XCTAssertThrowsError(try GatewayReencryptionResponse(json: Array(s.utf8)), s) {
                guard case .malformedJSON = $0 as? ReencryptionError else { return XCTFail("\(s): \($0)") }
            }
        }
    }

    func testGatewayRequestJSON() throws {
        // The gateway POST body of eip712_vectors.json `reencrypt_signed`, with a handle filled in.
        let body = #"{"signature":"89eee46754fb29525d525e5be6355a0d96ce76a3cbd29354705d3f9db3174b745c40a1bcb2159eb6345a7bf8d9403b64f73d4158d384f5fe3718ccf4b28e6c431c","client_address":"0x97F272ccfef4026A1F3f0e0E879d514627B84E69","enc_key":"2000000000000000f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59","ciphertext_handle":"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e0500","eip712_verifying_contract":"0xc8c9303Cd7F337fab769686B593B87DC3403E0ce"}"#
        let r = try GatewayReencryptionRequest(json: Array(body.utf8))
        XCTAssertEqual(r.signature.count, 65)
        XCTAssertEqual(r.encryptionKey.count, 40)
        XCTAssertEqual(r.ciphertextHandle[30], 5)
        XCTAssertEqual(r.clientAddress, "0x97F272ccfef4026A1F3f0e0E879d514627B84E69")
        XCTAssertEqual(r.json, body)
        let fields = try JSONDecoder().decode([String: String].self, from: Data(body.utf8))
        XCTAssertEqual(fields.count, 5)
        for missing in ["signature", "client_address", "enc_key", "ciphertext_handle", "eip712_verifying_contract"] {
            var o = fields
            XCTAssertNotNil(o.removeValue(forKey: missing), missing)
            let d = try JSONEncoder().encode(o)
            XCTAssertThrowsError(try GatewayReencryptionRequest(json: [UInt8](d)), missing)
        }
        let shortHandle = body.replacingOccurrences(of: "0500\"", with: "05\"")
        XCTAssertThrowsError(try GatewayReencryptionRequest(json: Array(shortHandle.utf8)))
    }
}
