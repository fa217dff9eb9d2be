/// A header with the commit that signs it (`tendermint.types.SignedHeader`).
public struct SignedHeader: Sendable, Hashable {
    /// The block header.
    public var header: Header
    /// The precommits for `header`.
    public var commit: Commit

    /// A signed header.
    public init(header: Header, commit: Commit) {
        self.header = header
        self.commit = commit
    }

    /// The header's height.
    public var height: Int64 { header.height }
}
