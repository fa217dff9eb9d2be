/// A JSON-RPC 2.0 response envelope `{"jsonrpc":"2.0","id":…,"result":…}` or `{…,"error":{…}}`.
///
/// ```swift
/// let response = try ChainJSON.decode(RPCResponse<CommitResult>.self, from: bytes)
/// let commit = try response.get()            // throws RPCErrorObject on an error response
/// ```
public struct RPCResponse<Result: Decodable & Sendable>: Decodable, Sendable {
    /// The result, when the call succeeded.
    public let result: Result?
    /// The error, when it failed.
    public let error: RPCErrorObject?

    enum CodingKeys: String, CodingKey { case result, error }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        error = try c.decodeIfPresent(RPCErrorObject.self, forKey: .error)
        result = error == nil ? try c.decode(Result.self, forKey: .result) : nil
    }

    /// The result, or the error thrown.
    public func get() throws(RPCErrorObject) -> Result {
        if let result { return result }
        throw error ?? RPCErrorObject(code: 0, message: "response has neither result nor error", data: nil)
    }
}

/// The `error` member of a JSON-RPC response (`{"code":-32603,"message":"Internal error","data":"…"}`).
public struct RPCErrorObject: Error, Decodable, Equatable, Sendable, CustomStringConvertible {
    /// JSON-RPC error code.
    public let code: Int
    /// Short message.
    public let message: String
    /// Details (CometBFT puts the real reason here).
    public let data: String?

    /// An error object.
    public init(code: Int, message: String, data: String?) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String {
        "RPC error \(code): \(message)" + (data.map { " (\($0.prefix(200)))" } ?? "")
    }
}

/// `/commit` result: `{"signed_header":{"header","commit"},"canonical":bool}`.
public struct CommitResult: Decodable, Sendable {
    /// Header and commit.
    public let signedHeader: SignedHeader
    /// False only for the latest height (the node's own "seen commit").
    public let canonical: Bool

    enum CodingKeys: String, CodingKey {
        case signedHeader = "signed_header"
        case canonical
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        signedHeader = try c.decode(SignedHeader.self, forKey: .signedHeader)
        canonical = try c.decodeIfPresent(Bool.self, forKey: .canonical) ?? true
    }
}

/// `/validators` result (one page): `{"block_height","validators","count","total"}`.
public struct ValidatorsResult: Decodable, Sendable {
    /// Height the set is for.
    public let blockHeight: Int64
    /// This page's validators (canonical order).
    public let validators: [Validator]
    /// Number of validators on this page.
    public let count: Int64
    /// Number of validators in the whole set.
    public let total: Int64

    enum CodingKeys: String, CodingKey {
        case blockHeight = "block_height"
        case validators, count, total
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        blockHeight = try c.chainInt64(.blockHeight)
        validators = try c.decodeIfPresent([Validator].self, forKey: .validators) ?? []
        count = try c.chainInt64IfPresent(.count) ?? Int64(validators.count)
        total = try c.chainInt64IfPresent(.total) ?? Int64(validators.count)
    }
}

/// `/block` result: the block ID, header and `last_commit` (the commit of height − 1).
public struct BlockResult: Decodable, Sendable {
    /// The block's ID.
    public let blockID: BlockID
    /// The block's header.
    public let header: Header
    /// Precommits for the previous height (`nil` at height 1).
    public let lastCommit: Commit?

    enum CodingKeys: String, CodingKey {
        case blockID = "block_id"
        case block
    }

    enum BlockKeys: String, CodingKey {
        case header
        case lastCommit = "last_commit"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        blockID = try c.decode(BlockID.self, forKey: .blockID)
        let b = try c.nestedContainer(keyedBy: BlockKeys.self, forKey: .block)
        header = try b.decode(Header.self, forKey: .header)
        lastCommit = try b.decodeIfPresent(Commit.self, forKey: .lastCommit)
    }
}

/// `/status` result: chain ID, latest height and this node's validator entry.
public struct StatusResult: Decodable, Sendable {
    /// Chain ID (`node_info.network`).
    public let network: String
    /// Latest committed height (`sync_info.latest_block_height`).
    public let latestBlockHeight: Int64
    /// Latest block time.
    public let latestBlockTime: Timestamp?
    /// The node's own validator entry (`validator_info`; power 0 for non-validators).
    public let validatorInfo: Validator?

    enum CodingKeys: String, CodingKey {
        case nodeInfo = "node_info"
        case syncInfo = "sync_info"
        case validatorInfo = "validator_info"
    }

    enum NodeKeys: String, CodingKey { case network }

    enum SyncKeys: String, CodingKey {
        case latestBlockHeight = "latest_block_height"
        case latestBlockTime = "latest_block_time"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        network = try c.nestedContainer(keyedBy: NodeKeys.self, forKey: .nodeInfo).decode(String.self, forKey: .network)
        let s = try c.nestedContainer(keyedBy: SyncKeys.self, forKey: .syncInfo)
        latestBlockHeight = try s.chainInt64(.latestBlockHeight)
        latestBlockTime = s.contains(.latestBlockTime) ? try s.chainTime(.latestBlockTime) : nil
        validatorInfo = try c.decodeIfPresent(Validator.self, forKey: .validatorInfo)
    }
}

/// `/blockchain` result: block metas (ID and header), highest first.
public struct BlockchainResult: Decodable, Sendable {
    /// One block's ID and header.
    public struct BlockMeta: Decodable, Sendable {
        /// The block ID.
        public let blockID: BlockID
        /// The header.
        public let header: Header

        enum CodingKeys: String, CodingKey {
            case blockID = "block_id"
            case header
        }
    }

    /// The metas, in the node's order (descending heights).
    public let blockMetas: [BlockMeta]

    enum CodingKeys: String, CodingKey { case blockMetas = "block_metas" }
}
