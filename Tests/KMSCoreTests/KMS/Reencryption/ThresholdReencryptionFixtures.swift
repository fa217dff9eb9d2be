import KMSTestSupport
import XCTest
@testable import KMSCore

/// Simulated threshold KMS parties for the client tests: n = 3t + 1 parties with their own
/// signing keys, each answering a reencryption request with its Shamir shares of the clear
/// encodings of the value's 2-bit blocks (Δ·m + e, Δ = 2^123, |e| < 2^100, in Z_2^128; no FHE
/// involved). They follow our reading of kms.md §3.4–3.6 and §4.4–4.6.
struct ThresholdTestParties {
    typealias F = ReencryptionFixtures

    /// The sharing degree t.
    let degree: Int
    /// The ring the shares live in.
    let ring: ThresholdRingDegree
    /// Party i + 1's signer.
    let signers: [KMSSigner]

    /// n = 3t + 1.
    var count: Int { 3 * degree + 1 }
    /// The parties' addresses (the client's trusted set).
    var addresses: [EthereumAddress] { signers.map(\.address) }

    /// Parties with fixed, distinct keys (no randomness needed).
    init(degree: Int, ring: ThresholdRingDegree) throws {
        self.degree = degree
        self.ring = ring
        signers = try (1...(3 * degree + 1)).map { i in
            KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: [UInt8(degree), UInt8(i)] + [UInt8](repeating: 0x3c, count: 30)))
        }
    }

    /// The user's client trusting these parties.
    func client(ring clientRing: ThresholdRingDegree? = nil, trusted: [EthereumAddress]? = nil) throws -> ReencryptionClient {
        ReencryptionClient(encryptionKey: try F.userBoxKey(), trustedSigners: trusted ?? addresses, ringDegree: clientRing ?? ring)
    }

    /// Party `id`'s reencryptor.
    func reencryptor(_ id: Int, signer: KMSSigner? = nil) throws -> Reencryptor {
        try Reencryptor(keyID: KeyID(bytes: [UInt8](repeating: 0x4b, count: 20)), decryptor: F.NoDecryptor(),
                        signer: signer ?? signers[id - 1], partyId: UInt32(id), degree: UInt32(degree))
    }

    /// What the parties do to their shares before answering.
    enum Behaviour {
        /// Every party answers with its true shares.
        case honest
        /// These parties answer with random ring elements instead (still validly signed).
        case garbage(Set<Int>)
        /// Every block's secret gets a nonzero X coefficient (a sharing of a non-constant element).
        case nonConstantSecret
    }

    /// The user's request for a handle of `value.type`, the KMS-side validated request and every
    /// party's response (index i = party i + 1).
    func answer(_ value: ClearValue, behaviour: Behaviour = .honest, ciphertext: [UInt8]? = nil,
                using g: inout SeededGenerator) throws -> (UserReencryptionRequest, ReencryptionRequest, [ReencryptionResponse]) {
        let user = try F.userRequest(F.handle(value.type))
        let request = try ReencryptionRequest(gateway: user.gatewayRequest,
                                              ciphertext: ciphertext ?? Array("threshold-\(value.type)".utf8),
                                              keyID: KeyID(bytes: [UInt8](repeating: 0x4b, count: 20)), chainId: F.chainId)
        let checked = try request.validate()
        let responses: [ReencryptionResponse]
        switch ring {
        case .four:
            responses = try respond(GaloisRing128Degree4.self, value, behaviour, checked, request.ciphertextDigest, &g)
        case .eight:
            responses = try respond(GaloisRing128Degree8.self, value, behaviour, checked, request.ciphertextDigest, &g)
        }
        return (user, request, responses)
    }

    private func respond<Ring: GaloisRing>(
        _: Ring.Type, _ value: ClearValue, _ behaviour: Behaviour, _ checked: ReencryptionRequest.Validated,
        _ digest: [UInt8], _ g: inout SeededGenerator
    ) throws -> [ReencryptionResponse] where Ring.Coefficients.Coefficient == U128 {
        let shares = try Self.shares(Ring.self, value, parties: count, degree: degree, behaviour: behaviour, using: &g)
        return try (1...count).map { id in
            try reencryptor(id).respond(shares: shares[id - 1], fheType: value.type, to: checked, ciphertextDigest: digest)
        }
    }

    /// Δ·m + e for a block value m, with |e| < 2^100.
    static func encode(_ m: UInt64, using g: inout SeededGenerator) -> U128 {
        let magnitude = U128(low: g.next(), high: g.next() & ((1 << 36) - 1))
        let noise = g.next() & 1 == 0 ? magnitude : U128.zero &- magnitude
        return (U128(m) << 123) &+ noise
    }

    /// Party i's shares (index i − 1), one per 2-bit block of `value` (the real block count:
    /// 1 for ebool, 2 for euint4, bits/2 otherwise), least significant block first.
    static func shares<Ring: GaloisRing>(
        _: Ring.Type, _ value: ClearValue, parties n: Int, degree t: Int, behaviour: Behaviour,
        using g: inout SeededGenerator
    ) throws -> [[GaloisRingElement<Ring>]] where Ring.Coefficients.Coefficient == U128 {
        let blocks = value.type.blockCount(messageBits: 2)
        var out = [[GaloisRingElement<Ring>]](repeating: [], count: n)
        for j in 0..<blocks {
            var secret = GaloisRingElement<Ring>(scalar: encode(value.bits(at: 2 * j, count: 2), using: &g))
            if case .nonConstantSecret = behaviour { secret[1] = U128(1) << 120 }
            for share in try ShamirSharing<Ring>.share(secret, parties: n, degree: t, using: &g) {
                out[share.partyID - 1].append(share.value)
            }
        }
        if case .garbage(let liars) = behaviour {
            for id in liars { out[id - 1] = (0..<blocks).map { _ in .random(using: &g) } }
        }
        return out
    }

    /// `response` with its payload changed by `edit` and signed again by party `id`'s own key:
    /// a party that lies in ways its signature cannot prevent.
    func resigned(_ response: ReencryptionResponse, by id: Int,
                  _ edit: (inout ReencryptionResponsePayload) throws -> Void) throws -> ReencryptionResponse {
        var payload = try response.decodedPayload()
        try edit(&payload)
        let bytes = payload.bincode
        return ReencryptionResponse(signature: signers[id - 1].key.signSHA256(message: bytes), payload: bytes,
                                    ciphertextDigest: response.ciphertextDigest)
    }
}
