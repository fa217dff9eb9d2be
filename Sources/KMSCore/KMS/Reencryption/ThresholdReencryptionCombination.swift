/// The client side of threshold reencryption (kms.md §3.6 "Threshold", fhevm.md §3.6): checks the
/// parties' responses, opens each party's signcrypted shares, opens every block's Shamir sharing
/// with error correction (§4.6) and recombines the blocks (§4.4).
///
/// Checks, in the reference order, each with its own `ReencryptionError` (`response` = position
/// in the gateway's list; the first response is the pivot):
/// 1. the pivot's version is 1; every response has the pivot's version, FHE type and digest;
///    its verification key's address is a trusted signer; its signature over the payload verifies;
///    it has the pivot's degree t; 1 ≤ party id ≤ 3t + 1; party ids and keys are unique;
/// 2. 3t + 1 parties fit the ring (≤ 2^D − 1);
/// 3. at least 2t + 1 responses. The reference asks for t, but opening with n = 3t + 1,
///    degree t and threshold t (`reconstruct_w_errors_sync`) needs at most t missing shares, so
///    fewer than 2t + 1 can never decrypt;
/// 4. the pivot's digest is this request's link; its type is the handle's.
///
/// Then each response's signcryption is opened. A response whose box does not open or verify,
/// whose inner link or type is not the expected one, or whose share vector is malformed, empty
/// or longer than the type's block count, is *discarded*: that party counts as missing (an
/// erasure), it does not abort the decryption. (The reference skips parties whose
/// unsigncryption fails and aborts on a malformed vector; we treat both alike so one bad party
/// cannot stop the user.) Parties whose vector length differs from the most common one are
/// discarded too. At least 2t + 1 usable parties must remain.
///
/// Every block j is then opened from the parties' j-th shares with n = 3t + 1, degree t,
/// threshold t: m missing parties (absent or discarded) are erasures, up to t − m wrong shares
/// are corrected and their parties reported; beyond that `.shareReconstructionFailed`. (When all
/// shares of a block lie on one polynomial — or all but those of parties already caught lying,
/// with at least 2t + 1 left — the result is the robust opening's, computed with Lagrange weights
/// fixed once for all blocks; only other blocks run the error correction.) The
/// opened secret must be a constant ring element; its constant coefficient is decoded with
/// `from_expanded_msg(v, 4)`. Blocks are recombined little-endian with 2 bits per block (the
/// full 4-bit block value is added, carries propagate), missing blocks up to
/// ⌈bits/2⌉ (ebool and euint4 counted as 8 bits) are zero, and the result is truncated to the
/// type (ebool: value ≠ 0).
extension ReencryptionClient {
    /// A response that passed the outer checks.
    struct VerifiedPartyResponse {
        let partyId: UInt32
        let serverKey: ServerVerificationKey
        let signcryptedCiphertext: [UInt8]
    }

    /// The parties' shares of one decryption, after the signcryptions were opened.
    struct PartyShares<Ring: GaloisRing> {
        let partyId: UInt32
        let shares: [GaloisRingElement<Ring>]
    }

    /// Blocks of 2 message bits (message modulus 4) the parties share for `type`, with ebool and
    /// euint4 counted as 8 bits as in the reference.
    static func thresholdBlockCount(_ type: FheType) -> Int { (max(type.bitWidth, 8) + 1) / 2 }

    /// The threshold path: the checks and the combination described above.
    func decryptThreshold(_ responses: [ReencryptionResponse],
                          for request: UserReencryptionRequest) throws(ReencryptionError) -> ReencryptionResult {
        let (pivot, verified) = try verifyThresholdResponses(responses, for: request)
        switch ringDegree {
        case .four:
            return try combine(GaloisRing128Degree4.self, verified, fheType: pivot.fheType, degree: Int(pivot.degree),
                               link: pivot.digest, request: request)
        case .eight:
            return try combine(GaloisRing128Degree8.self, verified, fheType: pivot.fheType, degree: Int(pivot.degree),
                               link: pivot.digest, request: request)
        }
    }

    /// Steps 1–4 of the checks; returns the pivot payload and the responses in gateway order.
    func verifyThresholdResponses(
        _ responses: [ReencryptionResponse], for request: UserReencryptionRequest
    ) throws(ReencryptionError) -> (ReencryptionResponsePayload, [VerifiedPartyResponse]) {
        guard let first = responses.first else { throw .noResponses }
        let pivot = try first.decodedPayload()
        guard pivot.version == ReencryptionResponsePayload.currentVersion else {
            throw .unsupportedResponseVersion(pivot.version)
        }
        let trusted = Set(trustedSigners)
        var partyIds = Set<UInt32>()
        var servers = Set<EthereumAddress>()
        var verified: [VerifiedPartyResponse] = []
        verified.reserveCapacity(responses.count)
        for (i, response) in responses.enumerated() {
            let payload = try (i == 0 ? pivot : response.decodedPayload())
            guard payload.version == pivot.version else {
                throw .responseVersionMismatch(response: i, version: payload.version, expected: pivot.version)
            }
            guard payload.fheType == pivot.fheType else {
                throw .responseFheTypeMismatch(response: i, fheType: payload.fheType, expected: pivot.fheType)
            }
            guard ConstantTime.equal(payload.digest, pivot.digest) else { throw .responseDigestMismatch(response: i) }
            let serverKey = try ServerVerificationKey(bincode: payload.verificationKey)
            guard trusted.contains(serverKey.address) else { throw .untrustedServer(address: serverKey.address.checksummed) }
            guard serverKey.publicKey.isValidSignature(response.signature, sha256Of: response.payload) else {
                throw .invalidResponseSignature
            }
            guard payload.degree == pivot.degree else {
                throw .responseDegreeMismatch(response: i, degree: payload.degree, expected: pivot.degree)
            }
            guard payload.partyId >= 1, UInt64(payload.partyId) <= 3 * UInt64(payload.degree) + 1 else {
                throw .partyIdOutOfRange(partyId: payload.partyId, degree: payload.degree)
            }
            guard partyIds.insert(payload.partyId).inserted else { throw .duplicatePartyId(payload.partyId) }
            guard servers.insert(serverKey.address).inserted else {
                throw .duplicateServer(address: serverKey.address.checksummed)
            }
            verified.append(VerifiedPartyResponse(partyId: payload.partyId, serverKey: serverKey,
                                                  signcryptedCiphertext: payload.signcryptedCiphertext))
        }
        guard 3 * UInt64(pivot.degree) + 1 <= UInt64(ringDegree.maximumParties) else {
            throw .unsupportedDegree(pivot.degree, ringDegree: ringDegree)
        }
        let needed = 2 * Int(pivot.degree) + 1
        guard verified.count >= needed else { throw .notEnoughResponses(usable: verified.count, needed: needed) }
        guard ConstantTime.equal(pivot.digest, request.link(ciphertextDigest: first.ciphertextDigest)) else {
            throw .linkMismatch
        }
        guard pivot.fheType == request.handle.type else {
            throw .fheTypeMismatch(expected: request.handle.type, actual: pivot.fheType)
        }
        return (pivot, verified)
    }

    /// Opens each party's signcryption, then every block's sharing, and recombines the blocks.
    func combine<Ring: GaloisRing>(
        _: Ring.Type, _ verified: [VerifiedPartyResponse], fheType: FheType, degree t: Int, link: [UInt8],
        request: UserReencryptionRequest
    ) throws(ReencryptionError) -> ReencryptionResult where Ring.Coefficients.Coefficient == U128 {
        let blockCount = Self.thresholdBlockCount(fheType)
        var discarded: [UInt32] = []
        var usable: [PartyShares<Ring>] = []
        usable.reserveCapacity(verified.count)
        for party in verified {
            if let shares = openShares(Ring.self, party, fheType: fheType, link: link, maxBlocks: blockCount,
                                       request: request) {
                usable.append(PartyShares(partyId: party.partyId, shares: shares))
            } else {
                discarded.append(party.partyId)
            }
        }
        // The block count honest parties agree on: the most common length (ties: the larger).
        var lengthVotes: [Int: Int] = [:]
        for p in usable { lengthVotes[p.shares.count, default: 0] += 1 }
        let sharedBlocks = lengthVotes.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
        for p in usable where p.shares.count != sharedBlocks { discarded.append(p.partyId) }
        usable.removeAll { $0.shares.count != sharedBlocks }
        usable.sort { $0.partyId < $1.partyId }
        let needed = 2 * t + 1
        guard usable.count >= needed else { throw .notEnoughResponses(usable: usable.count, needed: needed) }

        var opener: SharingBatchOpener<Ring>
        do {
            opener = try SharingBatchOpener(partyIDs: usable.map { Int($0.partyId) }, parties: 3 * t + 1, degree: t)
        } catch {
            throw .shareReconstructionFailed(block: 0, error)
        }
        var blocks = [UInt64](repeating: 0, count: blockCount)
        var values: [GaloisRingElement<Ring>] = []
        values.reserveCapacity(usable.count)
        for j in 0..<sharedBlocks {
            values.removeAll(keepingCapacity: true)
            for p in usable { values.append(p.shares[j]) }
            let secret: GaloisRingElement<Ring>
            do { secret = try opener.open(values) } catch { throw .shareReconstructionFailed(block: j, error) }
            for i in 1..<Ring.degree where secret[i] != .zero { throw .nonConstantBlock(block: j) }
            blocks[j] = BlockRecomposition.message(fromExpanded: secret[0], totalBits: 4)
        }
        let corrupted = opener.corruptedParties
        let limbs = BlockRecomposition.recompose(blocks, bitsPerBlock: 2)
        return ReencryptionResult(value: try Self.clearValue(fheType, limbs: limbs),
                                  corruptedParties: corrupted.sorted().map { UInt32($0) },
                                  discardedParties: discarded.sorted())
    }

    /// One party's shares, or nil when its signcryption does not open and verify, its inner link
    /// or type is wrong, or its vector is malformed, empty or longer than `maxBlocks`.
    func openShares<Ring: GaloisRing>(
        _: Ring.Type, _ party: VerifiedPartyResponse, fheType: FheType, link: [UInt8], maxBlocks: Int,
        request: UserReencryptionRequest
    ) -> [GaloisRingElement<Ring>]? where Ring.Coefficients.Coefficient == U128 {
        typealias Element = GaloisRingElement<Ring>
        guard let cipher = try? SigncryptionCipher(bincode: party.signcryptedCiphertext),
              let message = try? Signcryption.unsigncrypt(cipher, clientAddress: request.userAddress,
                                                          clientKey: encryptionKey, serverKey: party.serverKey),
              let inner = try? SigncryptionPayload(bincode: message,
                                                   maxPlaintextByteCount: 8 + maxBlocks * Element.bincodeSize),
              ConstantTime.equal(inner.link, link), inner.plaintext.fheType == fheType,
              let shares = try? Element.decodeVector(inner.plaintext.bytes, maxCount: maxBlocks),
              !shares.isEmpty
        else { return nil }
        return shares
    }

    /// The value of `type` from recomposed little-endian limbs, truncated to the type's width
    /// (ebool: whether any bit is set).
    static func clearValue(_ type: FheType, limbs: [UInt64]) throws(ReencryptionError) -> ClearValue {
        if type == .ebool { return ClearValue(bool: limbs.contains { $0 != 0 }) }
        let wordCount = (type.bitWidth + 63) / 64
        var words = Array(limbs.prefix(wordCount))
        let top = type.bitWidth % 64
        if top != 0, words.count == wordCount { words[wordCount - 1] &= (1 << UInt64(top)) - 1 }
        do { return try ClearValue(type: type, words: words) } catch { throw .decryptionFailed(error.description) }
    }
}
