/// A source of light blocks (a full node's RPC, a directory of files, a test double).
///
/// ```swift
/// let provider = DirectoryProvider(directory: URL(fileURLWithPath: "blocks"))
/// let block = try await provider.lightBlock(at: 57)
/// let head = try await provider.latestHeight()
/// ```
public protocol LightBlockProvider: Sendable {
    /// The light block at `height` (with its validator set and next validator set).
    func lightBlock(at height: Int64) async throws(ProviderError) -> LightBlock
    /// The highest height this provider can serve.
    func latestHeight() async throws(ProviderError) -> Int64
}

/// Why a provider could not deliver a light block.
public enum ProviderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No block at this height (never produced here, or pruned).
    case notFound(height: Int64)
    /// The height is above the provider's latest height.
    case heightTooHigh(height: Int64)
    /// The provider answered with something that is not a well-formed light block.
    case malformed(String)
    /// The provider answered with a block for another height or an inconsistent validator set.
    case inconsistent(String)
    /// The node returned a JSON-RPC error.
    case rpc(RPCErrorObject)
    /// The provider could not be reached or read (network, HTTP status, file system).
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let h): "no light block at height \(h)"
        case .heightTooHigh(let h): "height \(h) is above the provider's latest height"
        case .malformed(let s): "malformed provider data: \(s)"
        case .inconsistent(let s): "inconsistent provider data: \(s)"
        case .rpc(let e): "\(e)"
        case .unavailable(let s): "provider unavailable: \(s)"
        }
    }
}
