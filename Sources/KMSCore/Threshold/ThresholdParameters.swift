/// The shape of a threshold key: n parties, of whom up to t may be malicious, and the Galois
/// rings the key shares live in.
///
/// Robust opening needs n ≥ 3t + 1 (kms.md §4.2: degree t + 2t < n), the ring needs
/// n ≤ 2^D − 1, and the masks of the noise flooding come from one PRF key per set of n − t
/// parties, C(n, t) of them (at most 8,192, as the reference).
///
/// ```swift
/// let shape = try ThresholdParameters(parties: 4, threshold: 1)          // D = 8
/// let small = try ThresholdParameters(parties: 13, threshold: 4, ringDegree: .four)
/// ```
public struct ThresholdParameters: Sendable, Hashable, Codable, CustomStringConvertible {
    /// n.
    public let parties: Int
    /// t: the sharing degree and the number of wrong or missing parties tolerated.
    public let threshold: Int
    /// D of GR(2^64, D) and GR(2^128, D).
    public let ringDegree: ThresholdRingDegree

    /// The most PRF key sets (C(n, t)) accepted.
    public static let maximumMaskSets = 8192

    /// - Throws: `ThresholdError.invalidParameters` unless 1 ≤ n ≤ 2^D − 1, 0 ≤ t, 3t + 1 ≤ n
    ///   and C(n, t) ≤ 8,192.
    public init(parties: Int, threshold: Int, ringDegree: ThresholdRingDegree = .eight) throws(ThresholdError) {
        guard parties >= 1, parties <= ringDegree.maximumParties else {
            throw .invalidParameters("\(parties) parties: the ring with \(ringDegree) has points for 1...\(ringDegree.maximumParties)")
        }
        guard threshold >= 0, 3 * threshold + 1 <= parties else {
            throw .invalidParameters("threshold \(threshold) with \(parties) parties: robust decryption needs at least 3t + 1 parties")
        }
        guard let sets = Self.binomial(parties, threshold), sets <= Self.maximumMaskSets else {
            throw .invalidParameters("\(parties) parties with threshold \(threshold) need more than \(Self.maximumMaskSets) mask key sets")
        }
        self.parties = parties
        self.threshold = threshold
        self.ringDegree = ringDegree
    }

    /// C(n, k), or nil above 2^31.
    static func binomial(_ n: Int, _ k: Int) -> Int? {
        guard k >= 0, k <= n else { return 0 }
        var r = 1
        for i in 0..<min(k, n - k) {
            r = r * (n - i) / (i + 1)
            if r > Int(Int32.max) { return nil }
        }
        return r
    }

    public var description: String { "(\(parties), \(threshold)) over GR(2^k, \(ringDegree.rawValue))" }

    private enum CodingKeys: String, CodingKey { case parties, threshold, ringDegree = "ring_degree" }

    /// Decodes and validates (the same checks as `init`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(parties: c.decode(Int.self, forKey: .parties), threshold: c.decode(Int.self, forKey: .threshold),
                      ringDegree: c.decode(ThresholdRingDegree.self, forKey: .ringDegree))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parties, forKey: .parties)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(ringDegree, forKey: .ringDegree)
    }
}
