import Foundation
import KMSService

/// What `serve` and `party serve` run: a gRPC server that binds, serves and stops gracefully.
@available(macOS 15.0, *)
protocol ListeningServer: Sendable {
    func run() async throws
    func shutDown()
    var listeningPort: Int { get async throws }
}

@available(macOS 15.0, *)
extension KMSServer: ListeningServer {}
@available(macOS 15.0, *)
extension ThresholdPartyServer: ListeningServer {}

/// Runs `server` until SIGINT or SIGTERM; prints `listening on HOST:PORT` (the bound port) on
/// stdout, unbuffered so a parent reading the pipe sees it at once.
@available(macOS 15.0, *)
func serveUntilSignalled(_ server: some ListeningServer, host: String) async throws {
    let signals = TerminationSignals { _ in server.shutDown() }
    let running = Task { try await server.run() }
    do {
        let bound = ServiceAddress(host: host, port: try await server.listeningPort)
        FileHandle.standardOutput.write(Data("listening on \(bound)\n".utf8))
    } catch {
        server.shutDown()
    }
    try await running.value
    withExtendedLifetime(signals) {}
}
