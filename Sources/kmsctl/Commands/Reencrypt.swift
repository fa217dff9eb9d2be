import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl reencrypt`: a centralized KMS answering one gateway reencryption request.
struct Reencrypt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a gateway reencryption request: validate, decrypt, signcrypt for the user, sign.",
        discussion: """
            Reads the gateway request JSON {signature, client_address, enc_key, ciphertext_handle,
            eip712_verifying_contract} and the ciphertext file, checks the request as the reference KMS does
            (EIP-55 addresses, client ≠ contract, the user's low-s EIP-712 signature of Reencrypt(bytes publicKey)
            under ("Authorization token", "1", --chain-id, contract), key id), and prints the gateway response
            {"status":"success","response":[{"signature","payload","ciphertext_digest"}]} (hex without 0x).
            A refused request prints {"status":"failure","error":"…"} and exits 1. Every run uses a fresh
            ephemeral X25519 key and nonce.
            """
    )

    @Option(help: "Key directory (from keygen).")
    var keys: String

    @Option(help: "KMS signer key file (from `kmsctl signer`).")
    var signer: String

    @Option(help: "Gateway request JSON file, or - for stdin.")
    var request: String

    @Option(help: "Ciphertext file: native (from encrypt) or a tfhe-rs ciphertext holding one value (FheUint, compact or compressed list).")
    var ct: String

    @Option(name: .customLong("chain-id"), help: "The host chain id of the user's EIP-712 domain.")
    var chainId: UInt64

    func run() async throws {
        let keySet = try KeyStore(directory: URL(fileURLWithPath: keys)).load()
        let kmsSigner = try KMSSigner.load(from: URL(fileURLWithPath: signer))
        let ciphertext = try readInput(ct)
        let kms = Reencryptor(keyID: keySet.keyID, decryptor: keySet.clientKey, signer: kmsSigner)
        do {
            let body = try GatewayReencryptionRequest(json: readInput(request, maxSize: maxJSONInputSize))
            let kmsRequest = try ReencryptionRequest(gateway: body, ciphertext: ciphertext, keyID: keySet.keyID, chainId: chainId)
            print(GatewayReencryptionResponse.success([try kms.reencrypt(kmsRequest)]).json)
        } catch let refusal as ReencryptionError {
            print(GatewayReencryptionResponse.failure(refusal.description).json)
            throw ExitCode(1)
        }
    }
}
