import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import KMSCore
import Logging

/// The threshold KMS behind the core endpoint (`KMSServer(threshold:…)`): it holds no secret,
/// only the public threshold facts, and asks the n parties (`ThresholdPartyServer`) over
/// `swiftkms.party.v1.ThresholdParty`, all at once, each call with its own deadline. Up to t
/// parties may be down, slow or lying; they are named in the logs and in the stored result.
///
/// **Decrypt** (two rounds). 1. Every party answers its signed partial decryption. The core
/// keeps those signed by the party's own key (`partySigners`) and opens them with
/// `ThresholdCombiner` (robust opening: the wrong ones are corrected and named).
/// 2. The core relays the partials to the parties that answered well; each checks their
/// signatures, opens the values itself and answers its own V09 `DecryptionResponse` — its
/// EIP-712 `DecryptionResult` signature by its KMS key in `payload.external_signature`, its
/// 64-byte signature over the payload in `signature`. The core keeps the answers whose values
/// are the ones it opened and whose signatures verify with that party's key, and needs t + 1 of
/// them (KMSVerifier's threshold for n = 3t + 1).
///
/// **How that maps onto the V09 `DecryptionResponse`.** V09 has one `external_signature` per
/// response because each V09 threshold party is its own endpoint. The core answers
/// `GetDecryptResult` with a `swiftkms.party.v1.ThresholdDecryptionResponse`, which is a V09
/// `DecryptionResponse` on the wire: tags 1–2 are the complete, unchanged answer of the
/// lowest-id agreeing party (a V09 client verifies it as that party's answer), and tags 100–102,
/// unknown to V09 clients, carry every agreeing party's own V09 answer with their ids (all the
/// signatures, for `ThresholdSignedDecryption.merge` or the relayer's `bytes[] signatures`) and
/// the outcome: corrupted and missing parties with reasons, and the latency split.
///
/// **Reencrypt** (one round). The V09 threshold answer is one `ReencryptionResponse` per party
/// (each party signcrypts its own shares to the user; the user combines). The core checks each
/// party's answer (its signature over the payload by that party's key, party id, degree t, type,
/// the same digest as the others), needs 2t + 1 of them, and answers a `ThresholdReencryptionResponse`: tags 1–2 the
/// lowest-id party's answer, tag 100 all of them for the user, tag 102 the outcome. The core
/// cannot see whether a party's signcrypted shares are right; the user's combination corrects
/// up to t wrong ones.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct ThresholdKMS: KMSBackend {
    let info: ThresholdKeyInfo
    let parties: [PartyConnection]
    /// Party i's signing address at index i − 1.
    let partySigners: [EthereumAddress]
    let limits: ServiceLimits
    let partyTimeout: Duration
    let logger: Logger
    let checks: RequestChecks

    init(info: ThresholdKeyInfo, parties: [ServiceAddress], partySigners: [EthereumAddress], tls: PartyTLS?,
         limits: ServiceLimits, partyTimeout: Duration, logger: Logger) throws {
        guard parties.count == info.parameters.parties else {
            throw PartySetupError("\(parties.count) party addresses for a key shared among \(info.parameters.parties) parties")
        }
        guard partySigners.count == info.parameters.parties else {
            throw PartySetupError("\(partySigners.count) party signers for a key shared among \(info.parameters.parties) parties")
        }
        self.partySigners = partySigners
        self.info = info
        self.parties = try parties.enumerated().map { try PartyConnection(id: $0.offset + 1, address: $0.element, tls: tls) }
        self.limits = limits
        self.partyTimeout = partyTimeout
        self.logger = logger
        checks = RequestChecks(keyID: info.keyID, limits: limits)
    }

    var n: Int { info.parameters.parties }
    /// Party `id`'s signing address.
    func signer(_ id: Int) -> EthereumAddress { partySigners[id - 1] }
    var t: Int { info.parameters.threshold }

    func check(_ r: Kms_DecryptionRequest) throws(RPCError) -> RequestID { try checks.check(r) }

    func check(_ r: Kms_ReencryptionRequest) throws(RPCError) -> (RequestID, ReencryptionRequest) { try checks.check(r) }

    /// Threshold keys come from a dealer (`ThresholdKeyGeneration`, `kmsctl threshold keygen`);
    /// distributed key generation among the parties is not offered.
    func check(_ r: Kms_KeyGenRequest) throws(RPCError) -> RequestID {
        throw RPCError(code: .unimplemented, message: "KeyGen is not offered in threshold mode (keys come from a dealer)")
    }

    var startMetadata: Logger.Metadata {
        ["mode": "threshold", "key_id": "\(info.keyID)", "parties": "\(parties.map { "\($0.id)=\($0.address)" })",
         "threshold": "\(t)"]
    }

    /// Keeps the connections to the parties until cancelled.
    func run() async throws {
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for p in parties { group.addTask { try await p.client.runConnections() } }
                try await group.waitForAll()
            }
        } onCancel: {
            for p in parties { p.client.beginGracefulShutdown() }
        }
    }

    func work(kind: RequestKind, request: [UInt8]) async throws -> [UInt8] {
        switch kind {
        case .decrypt: return try await decrypt(Kms_DecryptionRequest(serializedBytes: request)).serializedBytes()
        case .reencrypt: return try await reencrypt(Kms_ReencryptionRequest(serializedBytes: request)).serializedBytes()
        case .keyGen: throw ServiceFailure("KeyGen is not offered in threshold mode")
        }
    }

    // MARK: Fan-out

    /// Every party's answer (or error) to `call`, all parties at once, each with the deadline.
    private func fanOut<T: Sendable>(
        to ids: [Int],
        _ call: @escaping @Sendable (Swiftkms_Party_V1_ThresholdParty.Client<HTTP2ClientTransport.Posix>, CallOptions) async throws -> T
    ) async -> [Int: Result<T, any Error>] {
        var options = CallOptions.defaults
        options.timeout = partyTimeout
        options.waitForReady = false
        options.maxRequestMessageBytes = limits.maxRequestBytes
        options.maxResponseMessageBytes = limits.maxRequestBytes
        let callOptions = options
        let chosen = parties.filter { ids.contains($0.id) }
        return await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for p in chosen {
                group.addTask {
                    do { return (p.id, .success(try await call(p.stub, callOptions))) } catch { return (p.id, .failure(error)) }
                }
            }
            var out: [Int: Result<T, any Error>] = [:]
            for await (id, result) in group { out[id] = result }
            return out
        }
    }

    /// Why a call failed, for logs and results (status code and message, bounded).
    private static func reason(_ error: any Error) -> String {
        if let e = error as? RPCError { return "\(e.code): \(e.message.prefix(200))" }
        return "\(String(describing: error).prefix(200))"
    }

    private func logFaults(_ faults: PartyFaults, rpc: String, id: String) {
        for (party, f) in faults.faults.sorted(by: { $0.key < $1.key }) {
            logger.warning("party fault", metadata: ["request_id": "\(id.prefix(64))", "rpc": "\(rpc)", "party": "\(party)",
                                                     "address": "\(parties[party - 1].address)", "fault": "\(f.kind)",
                                                     "reason": "\(f.reason)"])
        }
    }

    // MARK: Decryption

    func decrypt(_ r: Kms_DecryptionRequest) async throws -> Swiftkms_Party_V1_ThresholdDecryptionResponse {
        _ = try checks.check(r)
        let start = ContinuousClock.now
        var faults = PartyFaults()
        let digest = RequestDigest.decryption(r)
        let session = PartyMessages.session(requestDigest: digest)
        let all = parties.map(\.id)

        // Round 1: partial decryptions.
        let round1 = await fanOut(to: all) { stub, options in
            try await stub.partialDecrypt(.with { $0.request = r }, options: options)
        }
        let partialRound = ContinuousClock.now - start
        var signed: [Swiftkms_Party_V1_SignedPartial] = []
        var partials: [ThresholdPartialDecryption] = []
        var partialCompute: UInt64 = 0
        for id in all {
            switch round1[id] {
            case .success(let answer):
                partialCompute = max(partialCompute, answer.computeMicros)
                let p = answer.partial
                guard p.partyID == id else { faults.corrupted(id, "answered as party \(p.partyID)"); continue }
                guard (try? PartyMessages.partialSigner([UInt8](p.partial), signature: [UInt8](p.signature))) == signer(id) else {
                    faults.corrupted(id, "partial decryption not signed by the party's key")
                    continue
                }
                do {
                    let message = try ThresholdPartialDecryption(bytes: [UInt8](p.partial))
                    guard message.partyID == id else { faults.corrupted(id, "partial decryption of party \(message.partyID)"); continue }
                    partials.append(message)
                    signed.append(p)
                } catch {
                    faults.corrupted(id, "unreadable partial decryption: \(error)")
                }
            case .failure(let error): faults.missing(id, Self.reason(error))
            case nil: faults.missing(id, "no answer")
            }
        }
        let combineStart = ContinuousClock.now
        let opening: ThresholdDecryptionOpening
        do { opening = try ThresholdCombiner.combine(partials, key: info, session: session) } catch {
            logFaults(faults, rpc: "Decrypt", id: r.requestID.requestID)
            throw ServiceFailure("threshold decryption failed: \(error); \(faults.summary)")
        }
        for id in opening.corruptedParties { faults.corrupted(id, "partial decryption does not fit the others (corrected)") }
        let combine = ContinuousClock.now - combineStart
        let expected = opening.values.map { KMSPlaintext($0).bincode }

        // Round 2: each party that answered well opens and signs.
        let signers = all.filter { !faults.has($0) }
        let signStart = ContinuousClock.now
        let relayed = signed
        let round2 = await fanOut(to: signers) { stub, options in
            try await stub.signDecryption(.with { $0.request = r; $0.partials = relayed }, options: options)
        }
        let signRound = ContinuousClock.now - signStart
        var agreeing: [(Int, Kms_DecryptionResponse)] = []
        var setAside: [Int: Int] = [:]   // party → how many agreeing parties refused its partial
        var signCompute: UInt64 = 0
        // The EIP-712 message every party must have signed, when the request asks for one.
        let external = try DecryptionSigning.externalMessage(r, values: opening.values)
        for id in signers {
            switch round2[id] {
            case .success(let answer):
                signCompute = max(signCompute, answer.computeMicros)
                do {
                    try Self.verify(answer.response, plaintexts: expected, digest: digest, external: external,
                                    signer: signer(id))
                    agreeing.append((id, answer.response))
                    for refused in answer.corruptedParties { setAside[Int(refused), default: 0] += 1 }
                } catch {
                    faults.corrupted(id, "signed answer refused: \(error)")
                }
            case .failure(let error): faults.missing(id, Self.reason(error))
            case nil: faults.missing(id, "no answer")
            }
        }
        // A partial that more than t honest-looking parties set aside (e.g. a bad signature, which
        // only the parties can check) names its sender even when the core's opening used it.
        for (party, votes) in setAside where votes > t && (1...n).contains(party) {
            faults.corrupted(party, "its partial decryption was set aside by \(votes) parties (signature or shares)")
        }
        agreeing.removeAll { faults.corruptedParties.contains($0.0) }
        logFaults(faults, rpc: "Decrypt", id: r.requestID.requestID)
        guard agreeing.count >= t + 1, let first = agreeing.first else {
            throw ServiceFailure("\(agreeing.count) parties signed the opened values, \(t + 1) needed; \(faults.summary)")
        }
        let timing = Swiftkms_Party_V1_ThresholdTiming.with {
            $0.totalMicros = ThresholdPartyService.micros(ContinuousClock.now - start)
            $0.partialRoundMicros = ThresholdPartyService.micros(partialRound)
            $0.partialComputeMicros = partialCompute
            $0.combineMicros = ThresholdPartyService.micros(combine)
            $0.signRoundMicros = ThresholdPartyService.micros(signRound)
            $0.signComputeMicros = signCompute
        }
        logger.info("threshold decryption", metadata: [
            "request_id": "\(r.requestID.requestID)", "signers": "\(agreeing.map(\.0))", "total_us": "\(timing.totalMicros)",
            "partial_round_us": "\(timing.partialRoundMicros)", "partial_compute_us": "\(timing.partialComputeMicros)",
            "combine_us": "\(timing.combineMicros)", "sign_round_us": "\(timing.signRoundMicros)",
            "sign_compute_us": "\(timing.signComputeMicros)"])
        return .with {
            $0.signature = first.1.signature
            $0.payload = first.1.payload
            $0.partyResponses = agreeing.map(\.1)
            $0.partyIds = agreeing.map { UInt32($0.0) }
            $0.outcome = faults.outcome(timing: timing)
        }
    }

    /// A party's signed answer: the opened plaintexts, the request's digest, a valid signature
    /// over the payload by the party's key `signer`, and an EIP-712 signature by that same key.
    static func verify(_ response: Kms_DecryptionResponse, plaintexts: [[UInt8]], digest: [UInt8],
                       external: (DecryptionResult, EIP712Domain)?, signer: EthereumAddress) throws {
        let p = response.payload
        guard p.plaintexts.map({ [UInt8]($0) }) == plaintexts else { throw ServiceFailure("other plaintexts than the opened ones") }
        guard [UInt8](p.digest) == digest else { throw ServiceFailure("the digest of another request") }
        let payload = DecryptionResponsePayload(version: p.version, verificationKey: [UInt8](p.verificationKey), digest: [UInt8](p.digest),
                                                plaintexts: plaintexts,
                                                externalSignature: p.hasExternalSignature ? [UInt8](p.externalSignature) : nil)
        let key = try payload.signerKey()
        guard key.address == signer else { throw ServiceFailure("signed by \(key.address.checksummed), not by the party's key") }
        try DecryptionResponse(signature: [UInt8](response.signature), payload: payload).verify(trusted: [signer])
        if let (message, domain) = external {
            guard p.hasExternalSignature else { throw ServiceFailure("no EIP-712 signature") }
            guard try message.recoverSigner([UInt8](p.externalSignature), domain: domain) == key.address else {
                throw ServiceFailure("the EIP-712 signature is not by the payload's key")
            }
        }
    }

    // MARK: Reencryption

    func reencrypt(_ r: Kms_ReencryptionRequest) async throws -> Swiftkms_Party_V1_ThresholdReencryptionResponse {
        let (_, request) = try checks.check(r)
        let start = ContinuousClock.now
        var faults = PartyFaults()
        let answers = await fanOut(to: parties.map(\.id)) { stub, options in
            try await stub.reencrypt(.with { $0.request = r }, options: options)
        }
        let round = ContinuousClock.now - start
        var valid: [(Int, Kms_ReencryptionResponse, [UInt8])] = []
        var compute: UInt64 = 0
        for p in parties {
            switch answers[p.id] {
            case .success(let answer):
                compute = max(compute, answer.computeMicros)
                do { valid.append((p.id, answer.response, try checkReencryption(answer.response, party: p.id, type: request.fheType))) } catch {
                    faults.corrupted(p.id, "answer refused: \(error)")
                }
            case .failure(let error): faults.missing(p.id, Self.reason(error))
            case nil: faults.missing(p.id, "no answer")
            }
        }
        // The digest (the request's link) most parties agree on; the others answered another request.
        var votes: [[UInt8]: Int] = [:]
        for v in valid { votes[v.2, default: 0] += 1 }
        if let link = votes.max(by: { $0.value < $1.value })?.key {
            for v in valid where v.2 != link { faults.corrupted(v.0, "answers another request (digest differs)") }
            valid.removeAll { $0.2 != link }
        }
        logFaults(faults, rpc: "Reencrypt", id: r.requestID.requestID)
        guard valid.count >= 2 * t + 1, let first = valid.first else {
            throw ServiceFailure("\(valid.count) parties answered, \(2 * t + 1) needed; \(faults.summary)")
        }
        let timing = Swiftkms_Party_V1_ThresholdTiming.with {
            $0.totalMicros = ThresholdPartyService.micros(ContinuousClock.now - start)
            $0.partialRoundMicros = ThresholdPartyService.micros(round)
            $0.partialComputeMicros = compute
        }
        logger.info("threshold reencryption", metadata: [
            "request_id": "\(r.requestID.requestID)", "parties": "\(valid.map(\.0))", "total_us": "\(timing.totalMicros)",
            "round_us": "\(timing.partialRoundMicros)", "compute_us": "\(timing.partialComputeMicros)"])
        return .with {
            $0.signature = first.1.signature
            $0.payload = first.1.payload
            $0.partyResponses = valid.map(\.1)
            $0.outcome = faults.outcome(timing: timing)
        }
    }

    /// A party's reencryption answer: signed by the party's key, from that party, degree t, of
    /// the requested type. Returns its digest.
    private func checkReencryption(_ response: Kms_ReencryptionResponse, party: Int, type: FheType) throws -> [UInt8] {
        let p = response.payload
        guard p.partyID == party else { throw ServiceFailure("answered as party \(p.partyID)") }
        guard p.degree == t else { throw ServiceFailure("degree \(p.degree), not \(t)") }
        guard (try? FheType(proto: p.fheType, field: "fhe_type")) == type else { throw ServiceFailure("another fhe_type") }
        let library: ReencryptionResponse
        do { library = try ReencryptionResponse(proto: response, ciphertextDigest: []) } catch { throw ServiceFailure("\(error)") }
        let key = try DecryptionResponsePayload(verificationKey: [UInt8](p.verificationKey), digest: [], plaintexts: [],
                                                externalSignature: nil).signerKey()
        guard key.address == signer(party) else { throw ServiceFailure("signed by another key than the party's") }
        guard key.isValidSignature(library.signature, sha256Of: library.payload) else {
            throw ServiceFailure("signature does not verify")
        }
        return [UInt8](p.digest)
    }
}
