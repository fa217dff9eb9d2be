/// The three independent random streams TFHE needs, as tfhe-rs's `ShortintEngine` keeps them:
/// a *secret* generator (secret keys, compact-encryption randomness), a *mask* generator
/// (uniform masks) and a *noise* generator.
///
/// ```swift
/// let live = TFHERandomness.system()                       // OS-seeded, for real keys
/// let replay = try TFHERandomness.seeded(Hex.decode("00112233445566778899aabbccddeeff"))  // reproducible
/// ```
public struct TFHERandomness {
    /// Secret keys and compact-encryption randomness.
    public let secret: RandomGenerator
    /// Uniform masks.
    public let mask: RandomGenerator
    /// Noise samples.
    public let noise: RandomGenerator

    /// Streams from three generators.
    public init(secret: RandomGenerator, mask: RandomGenerator, noise: RandomGenerator) {
        self.secret = secret
        self.mask = mask
        self.noise = noise
    }

    /// Three generators, each seeded with 128 bits from the operating system's CSPRNG.
    public static func system() -> TFHERandomness {
        TFHERandomness(secret: AesCtrGenerator.system(), mask: AesCtrGenerator.system(), noise: AesCtrGenerator.system())
    }

    /// Reproducible generators derived from a 16-byte root seed, as tfhe-rs's `DeterministicSeeder`
    /// hands out child seeds (16 stream bytes each, in the order secret, mask, noise).
    /// Only for tests and callers that explicitly ask for reproducibility.
    /// - Throws: `TFHEError.invalidParameters` unless the seed is 16 bytes.
    public static func seeded(_ seed: [UInt8]) throws(TFHEError) -> TFHERandomness {
        do {
            let root = try AesCtrGenerator(seed: seed)
            let s = try AesCtrGenerator(seed: root.nextSeed())
            let m = try AesCtrGenerator(seed: root.nextSeed())
            let n = try AesCtrGenerator(seed: root.nextSeed())
            return TFHERandomness(secret: s, mask: m, noise: n)
        } catch {
            throw .invalidParameters("a seed is 16 bytes, got \(seed.count)")
        }
    }
}
