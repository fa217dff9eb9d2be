import Logging

extension CentralKMS: KMSBackend {
    func work(kind: RequestKind, request: [UInt8]) async throws -> [UInt8] {
        // CPU-bound library work runs on a Dispatch thread so the gRPC event handling and the
        // cooperative pool stay responsive.
        try await RequestProcessor.offload { () throws -> [UInt8] in
            switch kind {
            case .decrypt: return try decrypt(Kms_DecryptionRequest(serializedBytes: request)).serializedBytes()
            case .reencrypt: return try reencrypt(Kms_ReencryptionRequest(serializedBytes: request)).serializedBytes()
            case .keyGen: return try keyGen(Kms_KeyGenRequest(serializedBytes: request)).serializedBytes()
            }
        }
    }

    var startMetadata: Logger.Metadata {
        ["mode": "centralized", "key_id": "\(keySet.keyID)", "signer": "\(signer.address.checksummed)"]
    }

    /// Nothing to run: waits until cancelled.
    func run() async throws {
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
