/// A list of LWE ciphertexts of one dimension over the native 2^64 modulus, stored contiguously:
/// ciphertext i occupies `data[i·(n+1) ..< (i+1)·(n+1)]` as `[a_0 … a_{n−1}, b]` (body last, as
/// tfhe-rs stores it).
public struct LweCiphertextList: Sendable, Equatable {
    /// n, the dimension of the key the ciphertexts are under.
    public let lweDimension: Int
    /// All ciphertexts, each `lweDimension + 1` words.
    public let data: [UInt64]

    /// Wraps `data`, which must hold whole ciphertexts.
    public init(lweDimension: Int, data: [UInt64]) throws(TFHEError) {
        guard lweDimension > 0, data.count % (lweDimension + 1) == 0 else {
            throw .ciphertextMismatch("\(data.count) words is not a whole number of LWE ciphertexts of dimension \(lweDimension)")
        }
        self.lweDimension = lweDimension
        self.data = data
    }

    init(trusted lweDimension: Int, _ data: [UInt64]) {
        self.lweDimension = lweDimension
        self.data = data
    }

    /// Words per ciphertext (n + 1).
    public var lweSize: Int { lweDimension + 1 }

    /// Number of ciphertexts.
    public var count: Int { data.count / lweSize }

    /// The body of ciphertext `i`.
    public func body(_ i: Int) -> UInt64 { data[i * lweSize + lweDimension] }
}

/// tfhe-rs `LweCompactPublicKey`: a GLWE ciphertext with k = 1 whose body is
/// `b = a ⊛ rev(s) + e` in Z_{2^64}[X]/(X^N+1), for the compact-PKE secret key s.
public struct LweCompactPublicKey: Sendable, Equatable {
    /// The uniform mask polynomial a (N coefficients).
    public let mask: [UInt64]
    /// The body polynomial b (N coefficients).
    public let body: [UInt64]

    public init(mask: [UInt64], body: [UInt64]) throws(TFHEError) {
        let n = mask.count
        guard n > 0, n & (n - 1) == 0, body.count == n else {
            throw .keyMismatch("compact public key polynomials must have the same power-of-two size")
        }
        self.mask = mask
        self.body = body
    }

    init(trusted mask: [UInt64], _ body: [UInt64]) {
        self.mask = mask
        self.body = body
    }

    /// N, the polynomial size (= the compact-PKE LWE dimension).
    public var polynomialSize: Int { mask.count }
}

/// tfhe-rs `LweCompactCiphertextList`: `count` LWE ciphertexts of dimension N sharing one mask
/// polynomial per bin of N entries. Entry j of a bin is the LWE ciphertext with mask
/// `mask·X^j` (negacyclic rotation) and body `bodies[j]`.
public struct LweCompactCiphertextList: Sendable, Equatable {
    /// N, the LWE dimension (= polynomial size).
    public let lweDimension: Int
    /// ⌈count / N⌉ mask polynomials, each N words.
    public let masks: [UInt64]
    /// One body per entry.
    public let bodies: [UInt64]

    public init(lweDimension: Int, masks: [UInt64], bodies: [UInt64]) throws(TFHEError) {
        let n = lweDimension
        guard n > 0, n & (n - 1) == 0 else {
            throw .ciphertextMismatch("compact list dimension \(n) is not a power of two")
        }
        let bins = (bodies.count + n - 1) / n
        guard masks.count == bins * n else {
            throw .ciphertextMismatch("compact list with \(bodies.count) entries needs \(bins * n) mask words, got \(masks.count)")
        }
        self.lweDimension = n
        self.masks = masks
        self.bodies = bodies
    }

    init(trusted n: Int, _ masks: [UInt64], _ bodies: [UInt64]) {
        lweDimension = n
        self.masks = masks
        self.bodies = bodies
    }

    /// Number of entries.
    public var count: Int { bodies.count }
}
