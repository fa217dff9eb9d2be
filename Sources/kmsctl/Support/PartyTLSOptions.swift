import ArgumentParser
import Foundation
import KMSService

/// `HOST:PORT,HOST:PORT,…` as addresses, in order.
func parsedParties(_ text: String) throws -> [ServiceAddress] {
    try text.split(separator: ",").map { try ServiceAddress(parsing: String($0).trimmingCharacters(in: .whitespaces)) }
}

/// `--tls-cert`, `--tls-key`, `--tls-ca`: all three or none.
struct PartyTLSOptions: ParsableArguments {
    @Option(help: "PEM certificate (chain) this side presents.")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "PEM CA certificate the other side's certificate must chain to.")
    var tlsCa: String?

    func validate() throws {
        let set = [tlsCert, tlsKey, tlsCa].compactMap { $0 }
        guard set.isEmpty || set.count == 3 else { throw ValidationError("give all of --tls-cert, --tls-key and --tls-ca, or none") }
        for path in set where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("cannot read \(path)")
        }
    }

    /// The mutual TLS files, when given.
    var given: PartyTLS? {
        guard let tlsCert, let tlsKey, let tlsCa else { return nil }
        return PartyTLS(certificatePath: tlsCert, privateKeyPath: tlsKey, trustRootsPath: tlsCa)
    }
}
