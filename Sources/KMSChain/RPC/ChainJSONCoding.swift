/// JSON coding of the chain types in CometBFT RPC shape.
///
/// Reading is tolerant of what real files contain: `parts` or `part_set_header`,
/// `last_block_id: null`, `signatures: null`, `signature: null` or `""`, `voting_power` or
/// `power`, integers as strings or numbers, hex of either case, extra keys. Fields of absent
/// (flag 1) commit signatures are ignored. Writing produces the CometBFT RPC shape (`parts`,
/// 64-bit integers as strings, uppercase hex, base64, RFC 3339 with trimmed nanoseconds).

extension PartSetHeader: Codable {
    enum CodingKeys: String, CodingKey { case total, hash }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(total: try c.contains(.total) ? c.chainUInt32(.total) : 0, hash: try c.chainHex(.hash))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encodeChainHex(hash, forKey: .hash)
    }
}

extension BlockID: Codable {
    enum CodingKeys: String, CodingKey {
        case hash
        case parts
        case partSetHeader = "part_set_header"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let hash = try c.chainHex(.hash)
        var psh = PartSetHeader(total: 0, hash: [])
        if c.contains(.parts), try !c.decodeNil(forKey: .parts) {
            psh = try c.decode(PartSetHeader.self, forKey: .parts)
        } else if c.contains(.partSetHeader), try !c.decodeNil(forKey: .partSetHeader) {
            psh = try c.decode(PartSetHeader.self, forKey: .partSetHeader)
        }
        self.init(hash: hash, partSetHeader: psh)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeChainHex(hash, forKey: .hash)
        try c.encode(partSetHeader, forKey: .parts)
    }
}

extension ConsensusVersion: Codable {
    enum CodingKeys: String, CodingKey { case block, app }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(block: try c.chainUInt64(.block), app: try c.contains(.app) ? c.chainUInt64(.app) : 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(String(block), forKey: .block)
        try c.encode(String(app), forKey: .app)
    }
}

extension Header: Codable {
    enum CodingKeys: String, CodingKey {
        case version
        case chainID = "chain_id"
        case height, time
        case lastBlockID = "last_block_id"
        case lastCommitHash = "last_commit_hash"
        case dataHash = "data_hash"
        case validatorsHash = "validators_hash"
        case nextValidatorsHash = "next_validators_hash"
        case consensusHash = "consensus_hash"
        case appHash = "app_hash"
        case lastResultsHash = "last_results_hash"
        case evidenceHash = "evidence_hash"
        case proposerAddress = "proposer_address"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var lastBlockID = BlockID.zero
        if c.contains(.lastBlockID), try !c.decodeNil(forKey: .lastBlockID) {
            lastBlockID = try c.decode(BlockID.self, forKey: .lastBlockID)
        }
        self.init(
            version: try c.decode(ConsensusVersion.self, forKey: .version),
            chainID: try c.decode(String.self, forKey: .chainID),
            height: try c.chainInt64(.height),
            time: try c.chainTime(.time),
            lastBlockID: lastBlockID,
            lastCommitHash: try c.chainHex(.lastCommitHash),
            dataHash: try c.chainHex(.dataHash),
            validatorsHash: try c.chainHex(.validatorsHash),
            nextValidatorsHash: try c.chainHex(.nextValidatorsHash),
            consensusHash: try c.chainHex(.consensusHash),
            appHash: try c.chainHex(.appHash),
            lastResultsHash: try c.chainHex(.lastResultsHash),
            evidenceHash: try c.chainHex(.evidenceHash),
            proposerAddress: try c.chainHex(.proposerAddress))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(chainID, forKey: .chainID)
        try c.encodeChainInt64(height, forKey: .height)
        try c.encodeChainTime(time, forKey: .time)
        try c.encode(lastBlockID, forKey: .lastBlockID)
        try c.encodeChainHex(lastCommitHash, forKey: .lastCommitHash)
        try c.encodeChainHex(dataHash, forKey: .dataHash)
        try c.encodeChainHex(validatorsHash, forKey: .validatorsHash)
        try c.encodeChainHex(nextValidatorsHash, forKey: .nextValidatorsHash)
        try c.encodeChainHex(consensusHash, forKey: .consensusHash)
        try c.encodeChainHex(appHash, forKey: .appHash)
        try c.encodeChainHex(lastResultsHash, forKey: .lastResultsHash)
        try c.encodeChainHex(evidenceHash, forKey: .evidenceHash)
        try c.encodeChainHex(proposerAddress, forKey: .proposerAddress)
    }
}

extension CommitSig: Codable {
    enum CodingKeys: String, CodingKey {
        case flag = "block_id_flag"
        case validatorAddress = "validator_address"
        case timestamp, signature
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.chainInt32(.flag)
        guard let flag = BlockIDFlag(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: .flag, in: c, debugDescription: "block_id_flag must be 1 (absent), 2 (commit) or 3 (nil), got \(raw)")
        }
        if flag == .absent {
            self = .absent
            return
        }
        self.init(flag: flag, validatorAddress: try c.chainHex(.validatorAddress),
                  timestamp: try c.chainTime(.timestamp), signature: try c.chainBase64(.signature))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(flag.rawValue, forKey: .flag)
        try c.encodeChainHex(validatorAddress, forKey: .validatorAddress)
        try c.encodeChainTime(timestamp, forKey: .timestamp)
        try c.encodeChainBase64(signature, forKey: .signature)
    }
}

extension Commit: Codable {
    enum CodingKeys: String, CodingKey {
        case height, round
        case blockID = "block_id"
        case signatures
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var sigs: [CommitSig] = []
        if c.contains(.signatures), try !c.decodeNil(forKey: .signatures) {
            sigs = try c.decode([CommitSig].self, forKey: .signatures)
        }
        self.init(height: try c.chainInt64(.height), round: try c.contains(.round) ? c.chainInt32(.round) : 0,
                  blockID: try c.decode(BlockID.self, forKey: .blockID), signatures: sigs)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeChainInt64(height, forKey: .height)
        try c.encode(round, forKey: .round)
        try c.encode(blockID, forKey: .blockID)
        try c.encode(signatures, forKey: .signatures)
    }
}

extension SignedHeader: Codable {
    enum CodingKeys: String, CodingKey { case header, commit }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(header: try c.decode(Header.self, forKey: .header), commit: try c.decode(Commit.self, forKey: .commit))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(header, forKey: .header)
        try c.encode(commit, forKey: .commit)
    }
}

extension PublicKey: Codable {
    enum CodingKeys: String, CodingKey { case type, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        let value = try c.chainBase64(.value)
        do {
            try self.init(typeName: type, bytes: value)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(typeName, forKey: .type)
        try c.encode(Base64.encode(bytes), forKey: .value)
    }
}

extension Validator: Codable {
    enum CodingKeys: String, CodingKey {
        case address
        case publicKey = "pub_key"
        case votingPower = "voting_power"
        case power
        case proposerPriority = "proposer_priority"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let key = try c.decode(PublicKey.self, forKey: .publicKey)
        let power: Int64
        if let p = try c.chainInt64IfPresent(.votingPower) {
            power = p
        } else if let p = try c.chainInt64IfPresent(.power) {
            power = p
        } else {
            throw DecodingError.keyNotFound(CodingKeys.votingPower, .init(codingPath: c.codingPath, debugDescription: "validator has neither voting_power nor power"))
        }
        // An absent address is derived from the key; a present one is kept (and checked by the verifier).
        let address = c.contains(.address) ? try c.chainHex(.address) : key.address
        self.init(address: address, publicKey: key, votingPower: power,
                  proposerPriority: try c.chainInt64IfPresent(.proposerPriority) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeChainHex(address, forKey: .address)
        try c.encode(publicKey, forKey: .publicKey)
        try c.encodeChainInt64(votingPower, forKey: .votingPower)
        try c.encodeChainInt64(proposerPriority, forKey: .proposerPriority)
    }
}

extension ValidatorSet: Codable {
    enum CodingKeys: String, CodingKey {
        case validators
        case totalVotingPower = "total_voting_power"
    }

    /// Reads `{"validators": [...]}` (other keys such as `proposer` and `total_voting_power` are
    /// ignored; the total is recomputed) or a bare array of validators.
    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var vals: [Validator] = []
            while !list.isAtEnd { vals.append(try list.decode(Validator.self)) }
            self.init(vals)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var vals: [Validator] = []
        if c.contains(.validators), try !c.decodeNil(forKey: .validators) {
            vals = try c.decode([Validator].self, forKey: .validators)
        }
        self.init(vals)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(validators, forKey: .validators)
        try c.encodeChainInt64(totalVotingPower ?? 0, forKey: .totalVotingPower)
    }
}

extension LightBlock: Codable {
    enum CodingKeys: String, CodingKey {
        case signedHeader = "signed_header"
        case validatorSet = "validator_set"
        case nextValidatorSet = "next_validator_set"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(signedHeader: try c.decode(SignedHeader.self, forKey: .signedHeader),
                  validators: try c.decode(ValidatorSet.self, forKey: .validatorSet),
                  nextValidators: try c.decodeIfPresent(ValidatorSet.self, forKey: .nextValidatorSet))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(signedHeader, forKey: .signedHeader)
        try c.encode(validators, forKey: .validatorSet)
        try c.encodeIfPresent(nextValidators, forKey: .nextValidatorSet)
    }
}
