import GRPCCore
import Logging

/// `swiftkms.party.v1.ThresholdParty` over one `ThresholdParty`: each call runs the party's
/// CPU-bound work off the cooperative pool, reports its compute time, and logs the outcome
/// (rpc, request id, duration; never shares or plaintexts).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct ThresholdPartyService: Swiftkms_Party_V1_ThresholdParty.SimpleServiceProtocol {
    let party: ThresholdParty
    let logger: Logger

    func partialDecrypt(request: Swiftkms_Party_V1_PartialDecryptRequest,
                        context: ServerContext) async throws -> Swiftkms_Party_V1_PartialDecryptResponse {
        let r = request.request
        let (partial, micros) = try await timed("PartialDecrypt", r.requestID.requestID) { try party.partialDecrypt(r) }
        return .with {
            $0.partial = partial
            $0.computeMicros = micros
        }
    }

    func signDecryption(request: Swiftkms_Party_V1_SignDecryptionRequest,
                        context: ServerContext) async throws -> Swiftkms_Party_V1_SignDecryptionResponse {
        let r = request.request, partials = request.partials
        let (opening, micros) = try await timed("SignDecryption", r.requestID.requestID) {
            try party.signDecryption(r, partials: partials)
        }
        if !opening.corruptedParties.isEmpty || !opening.missingParties.isEmpty {
            logger.warning("partial decryptions set aside", metadata: [
                "request_id": "\(r.requestID.requestID.prefix(64))", "corrupted": "\(opening.corruptedParties)",
                "missing": "\(opening.missingParties)"])
        }
        return .with {
            $0.response = opening.response
            $0.corruptedParties = opening.corruptedParties.map(UInt32.init)
            $0.missingParties = opening.missingParties.map(UInt32.init)
            $0.computeMicros = micros
        }
    }

    func reencrypt(request: Swiftkms_Party_V1_PartyReencryptRequest,
                   context: ServerContext) async throws -> Swiftkms_Party_V1_PartyReencryptResponse {
        let r = request.request
        let (response, micros) = try await timed("Reencrypt", r.requestID.requestID) { try party.reencrypt(r) }
        return .with {
            $0.response = response
            $0.computeMicros = micros
        }
    }

    func info(request: Swiftkms_Party_V1_PartyInfoRequest, context: ServerContext) async throws -> Swiftkms_Party_V1_PartyInfo {
        party.info
    }

    /// Runs `work` on a Dispatch thread; a refusal or failure becomes an `RPCError` (the
    /// request's own checks keep their code; failed work is FAILED_PRECONDITION).
    private func timed<T: Sendable>(_ rpc: String, _ id: String,
                                    _ work: @escaping @Sendable () throws -> T) async throws(RPCError) -> (T, UInt64) {
        let start = ContinuousClock.now
        do {
            let value = try await RequestProcessor.offload(work)
            let micros = Self.micros(ContinuousClock.now - start)
            logger.info("party call", metadata: ["rpc": "\(rpc)", "request_id": "\(id.prefix(64))",
                                                 "duration_ms": "\(micros / 1000)", "outcome": "ok"])
            return (value, micros)
        } catch {
            let status = (error as? RPCError)
                ?? RPCError(code: .failedPrecondition, message: (error as? ServiceFailure)?.description ?? "\(error)")
            logger.notice("party call refused", metadata: ["rpc": "\(rpc)", "request_id": "\(id.prefix(64))",
                                                           "outcome": "\(status.code)", "reason": "\(status.message)"])
            throw status
        }
    }

    static func micros(_ d: Duration) -> UInt64 {
        UInt64(max(0, d.components.seconds)) * 1_000_000 + UInt64(max(0, d.components.attoseconds) / 1_000_000_000_000)
    }
}
