/// Latency percentiles and throughput of a set of timed calls (JSON members in snake_case).
public struct LatencySummary: Sendable, Codable, Equatable {
    /// Calls that completed.
    public var count: Int
    /// Median latency, milliseconds (nearest rank).
    public var p50Ms: Double
    /// 99th percentile latency, milliseconds (nearest rank).
    public var p99Ms: Double
    /// Largest latency, milliseconds.
    public var maxMs: Double

    enum CodingKeys: String, CodingKey { case count, p50Ms = "p50_ms", p99Ms = "p99_ms", maxMs = "max_ms" }

    /// The summary of `latencies` (an empty list gives zeros).
    public init(_ latencies: [Duration]) {
        let ms = latencies.map(Self.milliseconds).sorted()
        count = ms.count
        p50Ms = Self.rank(0.50, ms)
        p99Ms = Self.rank(0.99, ms)
        maxMs = ms.last ?? 0
    }

    /// The nearest-rank percentile `p` of sorted values.
    static func rank(_ p: Double, _ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(index, 0), sorted.count - 1)]
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
