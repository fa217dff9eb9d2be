/// KMSChain: a CometBFT light client (header hashing, vote sign bytes, commit verification,
/// adjacent / skipping / bisection verification over JSON-RPC shaped data).
///
/// The verifier lands with its own issue; this namespace fixes the module's place in the package.
public enum KMSChain {
    /// Version of the light-client module's public API.
    public static let apiVersion = 1
}
