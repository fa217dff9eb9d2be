/// A `HOST:PORT` address of the service: an IPv4 address (the transport binds and connects to
/// IPv4 literals) and a port; port 0 asks for a free one when listening.
public struct ServiceAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host part (`127.0.0.1`, `0.0.0.0`).
    public let host: String
    /// The port, 0...65535.
    public let port: Int

    /// Why a `HOST:PORT` text was refused.
    public struct ParseError: Error, CustomStringConvertible {
        public let text: String
        public var description: String { "not HOST:PORT (e.g. 127.0.0.1:50051): \(text.prefix(100))" }
    }

    /// Creates an address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; the host must be non-empty and the port a decimal in 0...65535.
    public init(parsing text: String) throws(ParseError) {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ParseError(text: text)
        }
        self.init(host: String(text[..<colon]), port: port)
    }

    public var description: String { "\(host):\(port)" }
}
