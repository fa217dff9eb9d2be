import GRPCCore
import GRPCNIOTransportHTTP2

/// Mutual TLS between the threshold core and its parties, from PEM files (e.g. made with
/// `openssl`): this side's certificate chain and private key, and the CA that every peer's
/// certificate must chain to. Both sides present a certificate and both check the other's
/// against the CA; host names are not checked (parties are addressed by IP), so the CA is the
/// identity: sign only the deployment's core and party certificates with it.
public struct PartyTLS: Sendable, Equatable {
    /// PEM certificate (chain) of this side.
    public var certificatePath: String
    /// PEM private key of this side.
    public var privateKeyPath: String
    /// PEM certificate of the CA peers must chain to.
    public var trustRootsPath: String

    public init(certificatePath: String, privateKeyPath: String, trustRootsPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
    }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    var serverSecurity: HTTP2ServerTransport.Posix.TransportSecurity {
        .mTLS(certificateChain: [.file(path: certificatePath, format: .pem)],
              privateKey: .file(path: privateKeyPath, format: .pem)) {
            $0.trustRoots = .certificates([.file(path: trustRootsPath, format: .pem)])
            $0.clientCertificateVerification = .noHostnameVerification
        }
    }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    var clientSecurity: HTTP2ClientTransport.Posix.TransportSecurity {
        .mTLS(certificateChain: [.file(path: certificatePath, format: .pem)],
              privateKey: .file(path: privateKeyPath, format: .pem)) {
            $0.trustRoots = .certificates([.file(path: trustRootsPath, format: .pem)])
            $0.serverCertificateVerification = .noHostnameVerification
        }
    }
}
