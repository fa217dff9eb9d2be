/// A list of LWE ciphertexts of one dimension over the native 2^64 modulus, stored contiguously:
/// ciphertext i occupies `data[i·(n+1) ..< (i+1)·(n+1)]` as `[a_0 … a_{n−1}, b]` (body last, as
/// tfhe-rs stores it).
public struct LweCiphertextList: Sendable, Equatable {
    /// n, the dimension of the key the ciphertexts are under.
    package let lweDimension: Int
    /// All ciphertexts, each `lweDimension + 1` words.
    package let data: [UInt64]

    /// Wraps `data`, which must hold whole ciphertexts.
    package init(lweDimension: Int, data: [UInt64]) throws(TFHEError) {
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
    package var lweSize: Int { lweDimension + 1 }

    /// Number of ciphertexts.
    package var count: Int { data.count / lweSize }

    /// The body of ciphertext `i`.
    package func body(_ i: Int) -> UInt64 { data[i * lweSize + lweDimension] }
}
