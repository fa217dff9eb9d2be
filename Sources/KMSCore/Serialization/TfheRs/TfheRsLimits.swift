/// Hard limits applied while reading tfhe-rs data, checked before anything is allocated.
///
/// `sizeLimit` bounds the whole input (header included), as tfhe-rs's `safe_deserialize` limit
/// does; the other bounds cap every count read from the input, so a hostile length can never
/// make the reader allocate more than the input itself, or loop for long.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes, limits: .ciphertext)   // fhEVM's 16 MiB
/// ```
public struct TfheRsLimits: Sendable, Equatable {
    /// Maximum size of the whole input in bytes.
    public var sizeLimit: Int
    /// Maximum LWE/GLWE dimension, polynomial size or key length (in coefficients).
    public var maxDimension: Int
    /// Maximum number of entries of any list of ciphertexts, blocks or data kinds.
    public var maxListLength: Int
    /// Maximum length of a `Tag` or of a header string.
    package var maxTagLength: Int
    /// Maximum size in bytes of an object once expanded (seeded masks regenerated): compressed
    /// forms are small on the wire and large in memory, so the input bound alone does not bound
    /// memory.
    public var maxExpandedSize: Int

    public init(sizeLimit: Int, maxDimension: Int = 1 << 17, maxListLength: Int = 1 << 20, maxTagLength: Int = 1 << 16,
                maxExpandedSize: Int? = nil) {
        self.sizeLimit = sizeLimit
        self.maxDimension = maxDimension
        self.maxListLength = maxListLength
        self.maxTagLength = maxTagLength
        self.maxExpandedSize = maxExpandedSize ?? sizeLimit.multipliedReportingOverflow(by: 4).partialValue
    }

    /// fhEVM's ciphertext limit (`SAFE_SER_DESER_LIMIT`, 16 MiB); expanded objects up to 64 MiB
    /// (an `FheUint2048` under 2048-dimension keys expands to 16.8 MB).
    public static let ciphertext = TfheRsLimits(sizeLimit: 16 << 20)
    /// fhEVM's key limit (`SAFE_SER_DESER_LIMIT_KEY`, 512 MiB); expanded objects up to 2 GiB.
    public static let key = TfheRsLimits(sizeLimit: 512 << 20)
    /// tfhe-rs's standard (Fourier-domain) key files beyond fhEVM's key limit: up to 1 GiB, the
    /// size of a standard noise-squashing key at the 2M128 sets (785 MB for n = 887); expanded
    /// objects up to 4 GiB. For reading such a file on purpose, never for untrusted input.
    public static let standardKey = TfheRsLimits(sizeLimit: 1 << 30)
    /// The default: the key limit (client keys, public keys and every ciphertext fit).
    package static let `default` = key
}
