import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import X509

/// Serves a call only when the TLS peer presented one of the pinned certificates
/// (`PartyTLS.allowedPeerCertificatePaths`); any other caller, and a call without a peer
/// certificate, gets PERMISSION_DENIED before the handler runs.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct PinnedPeerInterceptor: ServerInterceptor {
    let allowed: [Certificate]

    /// Reads the pinned certificates (one PEM certificate per file).
    /// - Throws: `PartySetupError` for a file that cannot be read or is not a PEM certificate.
    init(paths: [String]) throws {
        allowed = try paths.map { path in
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw PartySetupError("cannot read the pinned certificate \(path)")
            }
            do { return try Certificate(pemEncoded: text) } catch {
                throw PartySetupError("the pinned certificate \(path) is not a PEM certificate")
            }
        }
    }

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let peer = (context.transportSpecific as? HTTP2ServerTransport.Posix.Context)?.peerCertificate
        guard let peer, allowed.contains(peer) else {
            throw RPCError(code: .permissionDenied, message: "this party serves only its core's certificate")
        }
        return try await next(request, context)
    }
}
