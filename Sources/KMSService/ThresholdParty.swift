import Foundation
import GRPCCore
import KMSCore

/// One threshold party's work, transport aside: its key share, the public keys it squashes
/// with, its KMS signing key and the signing addresses of all n parties (to check the partial
/// decryptions the core relays). Every request is checked again here, as a centralized KMS
/// checks it: a party does not trust the core for more than relaying.
///
/// ```swift
/// let party = try ThresholdParty(partyDirectory: dir.appendingPathComponent("party-1"), signer: signer,
///                                partySigners: addresses)
/// let signed = try party.partialDecrypt(request)               // round 1
/// let answer = try party.signDecryption(request, partials: all) // round 2: opens and signs
/// ```
public struct ThresholdParty: Sendable {
    /// The party's key share (its id, n, t, D, the key id).
    public let share: ThresholdKeyShare
    /// The party's KMS signing key.
    public let signer: KMSSigner
    /// The KMS signing addresses of parties 1…n (index = id − 1).
    public let partySigners: [EthereumAddress]
    let serverKey: ServerKey
    let squashingKey: NoiseSquashingKey
    let checks: RequestChecks
    private let reencryptor: ThresholdReencryptor

    /// Loads the share from `partyDirectory` (`DIR/party-I` of `kmsctl threshold keygen`) and the
    /// server and noise-squashing keys from `publicDirectory` (default: its parent).
    /// - Throws: `StorageError` for missing or altered key files, `PartySetupError` when
    ///   `partySigners` does not list n addresses with the signer's at the party's id.
    public init(partyDirectory: URL, publicDirectory: URL? = nil, signer: KMSSigner, partySigners: [EthereumAddress],
                limits: ServiceLimits = ServiceLimits()) throws {
        let share = try KeyStore(directory: partyDirectory).loadThresholdShare()
        let store = KeyStore(directory: publicDirectory ?? partyDirectory.deletingLastPathComponent())
        let n = share.parameters.parties
        guard partySigners.count == n else {
            throw PartySetupError("\(partySigners.count) party signer addresses for \(n) parties")
        }
        guard partySigners[share.partyID - 1] == signer.address else {
            throw PartySetupError("party \(share.partyID)'s signer address is \(partySigners[share.partyID - 1].checksummed), "
                                  + "not this signing key's \(signer.address.checksummed)")
        }
        guard Set(partySigners).count == n else { throw PartySetupError("a party signer address repeats") }
        self.share = share
        self.signer = signer
        self.partySigners = partySigners
        serverKey = try store.loadServerKey()
        squashingKey = try store.loadNoiseSquashingKey()
        checks = RequestChecks(keyID: share.keyID, limits: limits)
        reencryptor = try ThresholdReencryptor(share: share, signer: signer, serverKey: serverKey, squashingKey: squashingKey)
    }

    /// Round 1: this party's partial decryption of every ciphertext of `r`, signed.
    /// - Throws: `RPCError` (INVALID_ARGUMENT, NOT_FOUND) for a request a KMS refuses,
    ///   `ServiceFailure` when a ciphertext cannot be read or squashed.
    public func partialDecrypt(_ r: Kms_DecryptionRequest) throws -> Swiftkms_Party_V1_SignedPartial {
        _ = try checks.check(r)
        let ciphertexts = try CiphertextReader(keyID: share.keyID, parameters: serverKey.parameters).ciphertexts(of: r)
        let squashed = try ciphertexts.enumerated().map { i, ct in
            do { return try squashingKey.switchAndSquash(ct, serverKey: serverKey) } catch {
                throw ServiceFailure("ciphertexts[\(i)]: \(error)")
            }
        }
        let partial = try share.partialDecrypt(squashed, session: PartyMessages.session(of: r)).bytes
        return .with {
            $0.partyID = UInt32(share.partyID)
            $0.partial = Data(partial)
            $0.signature = Data(PartyMessages.signPartial(partial, signer: signer))
        }
    }

    /// What round 2 opened and answered.
    public struct SignedOpening: Sendable {
        /// This party's V09 answer (its own signatures).
        public var response: Kms_DecryptionResponse
        /// Parties whose partial was set aside (bad signature, unreadable, wrong values).
        public var corruptedParties: [Int]
        /// Parties whose partial was not relayed.
        public var missingParties: [Int]
    }

    /// Round 2: checks every relayed partial's signature against its party's address, opens the
    /// values itself (up to t wrong or missing partials) and signs them — the EIP-712
    /// `DecryptionResult` and the V09 response — with this party's key.
    /// - Throws: `RPCError` for a request a KMS refuses or more partials than parties,
    ///   `ServiceFailure` when the partials cannot be opened.
    public func signDecryption(_ r: Kms_DecryptionRequest, partials: [Swiftkms_Party_V1_SignedPartial]) throws -> SignedOpening {
        _ = try checks.check(r)
        let n = share.parameters.parties
        guard partials.count <= n else {
            throw RPCError(code: .invalidArgument, message: "\(partials.count) partial decryptions for \(n) parties")
        }
        var rejected = Set<Int>(), seen = Set<Int>()
        var messages: [ThresholdPartialDecryption] = []
        for p in partials {
            guard p.partyID >= 1, p.partyID <= n else { continue }
            let id = Int(p.partyID)
            guard seen.insert(id).inserted else { rejected.insert(id); continue }
            let bytes = [UInt8](p.partial)
            guard (try? PartyMessages.partialSigner(bytes, signature: [UInt8](p.signature))) == partySigners[id - 1],
                  let message = try? ThresholdPartialDecryption(bytes: bytes), message.partyID == id else {
                rejected.insert(id)
                continue
            }
            messages.append(message)
        }
        messages.removeAll { rejected.contains($0.partyID) }
        let opening: ThresholdDecryptionOpening
        do { opening = try ThresholdCombiner.combine(messages, key: share.info, session: PartyMessages.session(of: r)) } catch {
            throw ServiceFailure("the partial decryptions cannot be opened: \(error) (set aside: \(rejected.sorted()))")
        }
        let types = try r.ciphertexts.enumerated().map { i, c throws(RPCError) in try FheType(proto: c.fheType, field: "ciphertexts[\(i)].fhe_type") }
        guard opening.values.map(\.type) == types else { throw ServiceFailure("the partial decryptions open other types than requested") }
        let response = try DecryptionSigning.response(to: r, values: opening.values, signer: signer)
        let corrupted = rejected.union(opening.corruptedParties)
        return SignedOpening(response: response, corruptedParties: corrupted.sorted(),
                             missingParties: opening.missingParties.filter { !corrupted.contains($0) })
    }

    /// This party's V09 answer to a reencryption request (its shares signcrypted to the user).
    /// - Throws: `RPCError` for a request a KMS refuses, `ServiceFailure` when it cannot answer.
    public func reencrypt(_ r: Kms_ReencryptionRequest) throws -> Kms_ReencryptionResponse {
        let (_, request) = try checks.check(r)
        do { return try Kms_ReencryptionResponse(try reencryptor.reencrypt(request)) } catch {
            throw ServiceFailure("reencryption failed: \(error)")
        }
    }

    /// Who this party is.
    public var info: Swiftkms_Party_V1_PartyInfo {
        .with {
            $0.partyID = UInt32(share.partyID)
            $0.parties = UInt32(share.parameters.parties)
            $0.threshold = UInt32(share.parameters.threshold)
            $0.keyID = share.keyID.hex
            $0.signerAddress = signer.address.checksummed
        }
    }
}

/// A party that cannot start: its configuration does not fit its key share.
public struct PartySetupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
