import GRPCCore
import GRPCNIOTransportHTTP2

/// Mutual TLS between the threshold core and its parties, from PEM files (e.g. made with
/// `openssl`): this side's certificate chain and private key, and the CA that every peer's
/// certificate must chain to. Both sides present a certificate and both check the other's
/// against the CA; host names are not checked (parties are addressed by IP).
///
/// The CA alone does not tell the core from a party: a party's certificate chains to it too. A
/// party should therefore also pin its caller (`allowedPeerCertificatePaths`: the core's
/// certificate), or another party could ask it for partial decryptions. The core identifies
/// each party by its signing key instead (`ThresholdCoreConfiguration.partySigners`).
public struct PartyTLS: Sendable, Equatable {
    /// PEM certificate (chain) of this side.
    public var certificatePath: String
    /// PEM private key of this side.
    public var privateKeyPath: String
    /// PEM certificate of the CA peers must chain to.
    public var trustRootsPath: String
    /// On a party: PEM files of the only certificates a caller may present (the core's); empty
    /// accepts any certificate that chains to the CA. Calls from others get PERMISSION_DENIED.
    public var allowedPeerCertificatePaths: [String]

    public init(certificatePath: String, privateKeyPath: String, trustRootsPath: String,
                allowedPeerCertificatePaths: [String] = []) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
        self.allowedPeerCertificatePaths = allowedPeerCertificatePaths
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
