internal import Crypto

/// Deterministic ECDSA nonces (RFC 6979 §3.2) with HMAC-SHA256 for secp256k1, exactly as
/// libsecp256k1's default nonce function and RustCrypto `k256` generate them (no extra data):
///
///     V = 0x01…01, K = 0x00…00
///     K = HMAC_K(V ‖ 0x00 ‖ x ‖ h1); V = HMAC_K(V)
///     K = HMAC_K(V ‖ 0x01 ‖ x ‖ h1); V = HMAC_K(V)
///     repeat: V = HMAC_K(V); candidate = V; on rejection K = HMAC_K(V ‖ 0x00); V = HMAC_K(V)
///
/// with x the 32-byte private key and h1 the digest reduced modulo n (32 bytes).
struct RFC6979Nonce {
    private var k: SymmetricKey
    private var v: [UInt8]
    private var retry = false

    init(privateKey x: [UInt8], reducedDigest h1: [UInt8]) {
        var v = [UInt8](repeating: 0x01, count: 32)
        var k = SymmetricKey(data: [UInt8](repeating: 0x00, count: 32))
        k = Self.rekey(k, v + [0x00] + x + h1)
        v = Self.mac(k, v)
        k = Self.rekey(k, v + [0x01] + x + h1)
        v = Self.mac(k, v)
        self.k = k
        self.v = v
    }

    private static func rekey(_ key: SymmetricKey, _ data: [UInt8]) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: data, using: key))
    }

    private static func mac(_ key: SymmetricKey, _ data: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
    }

    /// The next 32-byte candidate (the caller rejects 0 and values ≥ n and asks again).
    mutating func next() -> U256 {
        if retry {
            k = Self.rekey(k, v + [0x00])
            v = Self.mac(k, v)
        }
        retry = true
        v = Self.mac(k, v)
        return U256(bigEndianBytes: v) ?? .zero
    }
}
