import GRPCCore
import GRPCNIOTransportHTTP2

/// The threshold core's connection to one party: its id, address and a client whose connection
/// is kept open while the core runs (`ThresholdKMS.run`).
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
struct PartyConnection: Sendable {
    let id: Int
    let address: ServiceAddress
    let client: GRPCClient<HTTP2ClientTransport.Posix>

    init(id: Int, address: ServiceAddress, tls: PartyTLS?) throws {
        self.id = id
        self.address = address
        client = GRPCClient(transport: try .http2NIOPosix(target: .ipv4(address: address.host, port: address.port),
                                                          transportSecurity: tls?.clientSecurity ?? .plaintext))
    }

    var stub: Swiftkms_Party_V1_ThresholdParty.Client<HTTP2ClientTransport.Posix> { .init(wrapping: client) }
}
