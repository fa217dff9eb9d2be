import GRPCCore
import GRPCNIOTransportHTTP2

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
extension GRPCServer<HTTP2ServerTransport.Posix> {
    /// The port the server listens on, once `serve()` has bound it (the real one for port 0).
    var boundPort: Int {
        get async throws {
            guard let address = try await listeningAddress else {
                throw RPCError(code: .internalError, message: "the transport has no listening address")
            }
            if let ipv4 = address.ipv4 { return ipv4.port }
            if let ipv6 = address.ipv6 { return ipv6.port }
            throw RPCError(code: .internalError, message: "not an IP address: \(address)")
        }
    }
}
