/// What `kmsctl bench grpc` prints: each concurrency level against the server, and the same
/// decryption done in-process for comparison.
public struct GRPCBenchReport: Sendable, Codable, Equatable {
    public var target: String
    public var fheType: String
    public var levels: [LoadLevelResult]
    /// Latency of the service's work per request without gRPC, store or queue (nil for a threshold core).
    public var inProcess: LatencySummary?
    /// The same levels with two bare health checks per request: what gRPC itself costs on this
    /// machine (empty when not measured).
    public var transportFloor: [LoadLevelResult]

    public init(target: String, fheType: String, levels: [LoadLevelResult], inProcess: LatencySummary?,
                transportFloor: [LoadLevelResult] = []) {
        self.target = target
        self.fheType = fheType
        self.levels = levels
        self.inProcess = inProcess
        self.transportFloor = transportFloor
    }

    enum CodingKeys: String, CodingKey {
        case target, fheType = "fhe_type", levels, inProcess = "in_process", transportFloor = "transport_floor"
    }
}
