import GRPCCore

/// `grpc.health.v1.Health/Check`: SERVING for the server as a whole ("") and for
/// "kms.CoreServiceEndpoint" once the server runs; NOT_FOUND for any other service name, as the
/// health-checking protocol asks.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    static let servedNames: Set<String> = ["", "kms.CoreServiceEndpoint"]

    func check(request: Grpc_Health_V1_HealthCheckRequest,
               context: ServerContext) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard Self.servedNames.contains(request.service) else {
            throw RPCError(code: .notFound, message: "unknown service")
        }
        return .with { $0.status = .serving }
    }
}
