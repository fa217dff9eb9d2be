// libFuzzer target: the reencryption server and client paths on gateway JSON.
// Input: one mode byte, then
//   0: u16 LE n, n bytes of gateway request JSON, then the ciphertext bytes (the server path: a
//      user can sign a valid request for a hostile ciphertext, so validation passes before the
//      ciphertext reader runs);
//   1: gateway response JSON, checked and opened for FuzzFixtures.request (the user's client).
import FuzzFixtures
import KMSCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGateway(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let keys = FuzzFixtures.keys
    if mode == 0 {
        guard bytes.count >= 3 else { return 0 }
        let n = Int(bytes[1]) | Int(bytes[2]) << 8
        guard bytes.count >= 3 + n else { return 0 }
        let json = Array(bytes[3 ..< 3 + n]), ciphertext = Array(bytes[(3 + n)...])
        guard let gateway = try? GatewayReencryptionRequest(json: json) else { return 0 }
        _ = gateway.json
        _ = try? UserReencryptionRequest(gateway: gateway, chainId: FuzzFixtures.chainId)
        guard let request = try? ReencryptionRequest(gateway: gateway, ciphertext: ciphertext, keyID: keys.keyID,
                                                     chainId: FuzzFixtures.chainId) else { return 0 }
        let kms = Reencryptor(keyID: keys.keyID, decryptor: keys.clientKey, signer: FuzzFixtures.signer)
        if let response = try? kms.reencrypt(request) { _ = GatewayReencryptionResponse.success([response]).json }
    } else {
        guard let answer = try? GatewayReencryptionResponse(json: Array(bytes.dropFirst())) else { return 0 }
        _ = answer.json
        let client = ReencryptionClient(encryptionKey: FuzzFixtures.userBoxKey, trustedSigners: [FuzzFixtures.signer.address])
        _ = try? client.decrypt(answer, for: FuzzFixtures.request)
    }
    return 0
}

@_cdecl("FuzzGateway_main")
public func FuzzGatewayMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzGateway(data, size) }
}
