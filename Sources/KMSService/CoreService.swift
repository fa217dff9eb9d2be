import GRPCCore
import Logging
import SwiftProtobuf

/// `kms.CoreServiceEndpoint` of a centralized KMS: Decrypt, Reencrypt and KeyGen and their polls.
/// CRS generation, input-proof verification and the threshold calls answer UNIMPLEMENTED.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct CoreService: Kms_CoreServiceEndpoint.SimpleServiceProtocol {
    let processor: RequestProcessor
    var logger: Logger { processor.logger }

    // MARK: Decryption

    func decrypt(request: Kms_DecryptionRequest, context: ServerContext) async throws -> Kms_Empty {
        try await submit(rpc: "Decrypt", id: request.requestID.requestID) { () async throws(RPCError) in
            let id = try processor.kms.check(request)
            try await processor.accept(kind: .decrypt, id: id, request: try serialize(request))
        }
    }

    func getDecryptResult(request: Kms_RequestId, context: ServerContext) async throws -> Kms_DecryptionResponse {
        try await poll(rpc: "GetDecryptResult", kind: .decrypt, request)
    }

    // MARK: Reencryption

    func reencrypt(request: Kms_ReencryptionRequest, context: ServerContext) async throws -> Kms_Empty {
        try await submit(rpc: "Reencrypt", id: request.requestID.requestID) { () async throws(RPCError) in
            let (id, _) = try processor.kms.check(request)
            try await processor.accept(kind: .reencrypt, id: id, request: try serialize(request))
        }
    }

    func getReencryptResult(request: Kms_RequestId, context: ServerContext) async throws -> Kms_ReencryptionResponse {
        try await poll(rpc: "GetReencryptResult", kind: .reencrypt, request)
    }

    // MARK: Key generation

    /// Generates a key set (client key, compact public key, server key) whose key id is the
    /// request id; `params` test makes INSECURE keys, for tests only.
    func keyGen(request: Kms_KeyGenRequest, context: ServerContext) async throws -> Kms_Empty {
        try await submit(rpc: "KeyGen", id: request.requestID.requestID) { () async throws(RPCError) in
            let id = try processor.kms.check(request)
            try await processor.accept(kind: .keyGen, id: id, request: try serialize(request))
        }
    }

    func getKeyGenResult(request: Kms_RequestId, context: ServerContext) async throws -> Kms_KeyGenResult {
        try await poll(rpc: "GetKeyGenResult", kind: .keyGen, request)
    }

    // MARK: Not offered by this server

    func `init`(request: Kms_InitRequest, context: ServerContext) async throws -> Kms_Empty {
        throw RPCError(code: .unimplemented, message: "Init is for threshold KMS parties; this KMS is centralized")
    }
    func keyGenPreproc(request: Kms_KeyGenPreprocRequest, context: ServerContext) async throws -> Kms_Empty {
        throw RPCError(code: .unimplemented, message: "KeyGenPreproc is for threshold KMS parties; this KMS is centralized")
    }
    func getPreprocStatus(request: Kms_RequestId, context: ServerContext) async throws -> Kms_KeyGenPreprocStatus {
        throw RPCError(code: .unimplemented, message: "GetPreprocStatus is for threshold KMS parties; this KMS is centralized")
    }
    func crsGen(request: Kms_CrsGenRequest, context: ServerContext) async throws -> Kms_Empty {
        throw RPCError(code: .unimplemented, message: "CrsGen is not offered")
    }
    func getCrsGenResult(request: Kms_RequestId, context: ServerContext) async throws -> Kms_CrsGenResult {
        throw RPCError(code: .unimplemented, message: "CrsGen is not offered")
    }
    func verifyProvenCt(request: Kms_VerifyProvenCtRequest, context: ServerContext) async throws -> Kms_Empty {
        throw RPCError(code: .unimplemented, message: "VerifyProvenCt is not offered")
    }
    func getVerifyProvenCtResult(request: Kms_RequestId, context: ServerContext) async throws -> Kms_VerifyProvenCtResponse {
        throw RPCError(code: .unimplemented, message: "VerifyProvenCt is not offered")
    }

    // MARK: Shared

    /// Runs a submission and logs its outcome (request id, rpc, duration, status code).
    private func submit(rpc: String, id: String, _ body: () async throws(RPCError) -> Void) async throws(RPCError) -> Kms_Empty {
        let start = ContinuousClock.now
        do {
            try await body()
            logger.info("request accepted", metadata: metadata(rpc, id, start, "ok"))
            return Kms_Empty()
        } catch {
            logger.notice("request refused", metadata: metadata(rpc, id, start, "\(error.code)", error.message))
            throw error
        }
    }

    private func poll<Response: SwiftProtobuf.Message>(rpc: String, kind: RequestKind, _ request: Kms_RequestId) async throws(RPCError) -> Response {
        let start = ContinuousClock.now
        do {
            let id = try RequestID.parse(request, field: "request_id")
            let bytes = try await processor.result(kind: kind, id: id)
            let response: Response = try decode(bytes)
            logger.debug("result served", metadata: metadata(rpc, id.hex, start, "ok"))
            return response
        } catch {
            logger.debug("poll answered", metadata: metadata(rpc, request.requestID, start, "\(error.code)"))
            throw error
        }
    }

    private func decode<Response: SwiftProtobuf.Message>(_ bytes: [UInt8]) throws(RPCError) -> Response {
        do { return try Response(serializedBytes: bytes) } catch {
            throw RPCError(code: .internalError, message: "stored result unreadable")
        }
    }

    private func serialize(_ message: some SwiftProtobuf.Message) throws(RPCError) -> [UInt8] {
        do { return try message.serializedBytes() } catch {
            throw RPCError(code: .internalError, message: "request could not be serialized")
        }
    }

    private func metadata(_ rpc: String, _ id: String, _ start: ContinuousClock.Instant, _ outcome: String,
                          _ reason: String? = nil) -> Logger.Metadata {
        let ms = LatencySummary.milliseconds(ContinuousClock.now - start)
        // A malformed id is logged truncated: the id field is client input.
        var m: Logger.Metadata = ["request_id": "\(id.prefix(64))", "rpc": "\(rpc)", "duration_ms": "\(Int(ms))",
                                  "outcome": "\(outcome)"]
        if let reason { m["reason"] = "\(reason)" }
        return m
    }
}
