import Benchmark
import Foundation
import KMSCore

/// Reencryption: the server's full answer to one euint64 request (validate the user's EIP-712
/// signature, decrypt, signcrypt, sign) and the client's processing of the answer, plus the
/// crypto_box and signcryption pieces on their own.
func registerReencryptionBenchmarks() {
    // Fixed parties (test keys of the fhEVM repositories); the FHE keys use the default parameters.
    guard let wallet = try? Secp256k1PrivateKey(rawRepresentation: Hex.decode("7ec931411ad75a7c201469a385d6f18a325d4923f9f213bd882bbea87e160b67")),
          let server = try? Secp256k1PrivateKey(rawRepresentation: Hex.decode("388b7680e4e1afa06efbfd45cdd1fe39f3c6af381df6555a19661f283b97de91")),
          let contract = try? EthereumAddress(eip55: "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce"),
          let handle = try? FheHandle(bytes: [UInt8](repeating: 0xab, count: 29) + [0, FheType.euint64.code, 0]),
          let keys = try? KeySet.generate(.default),
          let value = try? ClearValue(type: .euint64, 0x0123_4567_89ab_cdef)
    else {
        fatalError("reencryption benchmark setup failed")
    }
    let userKey = BoxSecretKey.generate()
    let ciphertext = try! CiphertextFile(keyID: keys.keyID, ciphertext: keys.publicKey.encrypt(value)).encoded()
    let user = UserReencryptionRequest.sign(handle: handle, encryptionKey: userKey.publicKey, contract: contract,
                                            chainId: 9000, wallet: wallet)
    let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: KMSSigner(key: server))
    let client = ReencryptionClient(encryptionKey: userKey, trustedSigners: [server.address])
    guard let request = try? ReencryptionRequest(gateway: user.gatewayRequest, ciphertext: ciphertext,
                                                 keyID: keys.keyID, chainId: 9000),
          let checked = try? request.validate(),
          let response = try? kms.reencrypt(request),
          (try? client.decrypt([response], for: user)) == value
    else {
        fatalError("reencryption benchmark round trip failed")
    }
    let plaintext = KMSPlaintext(value)

    Benchmark("Reencryption server euint64: decrypt + signcrypt + sign") { benchmark in
        for _ in benchmark.scaledIterations {
            let file = try CiphertextFile(decoding: ciphertext)
            let clear = try keys.clientKey.decrypt(file.ciphertext)
            blackHole(try kms.respond(plaintext: KMSPlaintext(clear), to: checked, fheType: .euint64,
                                      ciphertextDigest: request.ciphertextDigest))
        }
    }
    Benchmark("Reencryption server euint64: whole request (validate + decrypt + signcrypt + sign)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try kms.reencrypt(request))
        }
    }
    Benchmark("Reencryption server: signcrypt + sign of a decrypted euint64") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try kms.respond(plaintext: plaintext, to: checked, fheType: .euint64,
                                      ciphertextDigest: request.ciphertextDigest))
        }
    }
    Benchmark("Reencryption request validation (EIP-712 recover + SHA3 of the ciphertext)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try request.validate())
        }
    }
    Benchmark("Reencryption client euint64 (verify + open + verify)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try client.decrypt([response], for: user))
        }
    }
    Benchmark("Reencryption gateway JSON encode + parse") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try GatewayReencryptionResponse(json: Array(GatewayReencryptionResponse.success([response]).json.utf8)))
        }
    }

    let message = [UInt8](repeating: 0x5c, count: 221)
    let nonce = CryptoBox.randomNonce()
    let box = BoxSecretKey.generate()
    Benchmark("crypto_box seal 221 B (X25519 + HSalsa20 + XSalsa20-Poly1305)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try CryptoBox(publicKey: userKey.publicKey, secretKey: box).seal(message, nonce: nonce))
        }
    }
    Benchmark("X25519 key generation (base-point multiplication)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(BoxSecretKey.generate())
        }
    }
    guard let sharedKey = try? HSalsa20.derive(key: [UInt8](repeating: 1, count: 32), input: [UInt8](repeating: 0, count: 16))
    else { fatalError("HSalsa20 setup failed") }
    Benchmark("XSalsa20-Poly1305 seal 16 KiB", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        let big = [UInt8](repeating: 1, count: 16384)
        for _ in benchmark.scaledIterations {
            blackHole(try XSalsa20Poly1305.seal(big, key: sharedKey, nonce: nonce))
        }
    }
}
