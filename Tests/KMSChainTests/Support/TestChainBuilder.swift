@testable import KMSPrimitives
import KMSTestSupport
import XCTest
@testable import KMSChain

/// A validator key that can sign in tests (Ed25519 via swift-crypto in KMSTestSupport, secp256k1 via KMSPrimitives).
struct TestSigner {
    enum Key {
        case ed25519(TestCrypto.Ed25519Key)
        case secp256k1(Secp256k1PrivateKey)
    }

    let key: Key

    /// Deterministic Ed25519 key from a one-byte seed.
    static func ed25519(_ seed: UInt8) -> TestSigner {
        // A 32-byte seed is always a valid Ed25519 private key.
        TestSigner(key: .ed25519(try! TestCrypto.Ed25519Key(seed: [UInt8](repeating: seed, count: 32))))
    }

    /// Deterministic secp256k1 key from a one-byte seed.
    static func secp256k1(_ seed: UInt8) -> TestSigner {
        var raw = [UInt8](repeating: 0, count: 32)
        raw[31] = seed
        raw[0] = 0x11
        return TestSigner(key: .secp256k1(try! Secp256k1PrivateKey(rawRepresentation: raw)))
    }

    var publicKey: PublicKey {
        switch key {
        case .ed25519(let k): try! PublicKey(ed25519: k.publicKey)
        case .secp256k1(let k): try! PublicKey(secp256k1: k.publicKey.compressed)
        }
    }

    var address: [UInt8] { publicKey.address }

    func sign(_ message: [UInt8]) -> [UInt8] {
        switch key {
        case .ed25519(let k): try! k.sign(message)
        case .secp256k1(let k): k.signSHA256(message: message)
        }
    }
}

/// Builds correctly signed light blocks for negative tests.
struct TestChainBuilder {
    var chainID = "test-chain"
    var genesis = try! Timestamp(rfc3339: "2024-01-01T00:00:00Z")

    func validatorSet(_ members: [(TestSigner, Int64)]) -> ValidatorSet {
        ValidatorSet(members.map { Validator(publicKey: $0.0.publicKey, votingPower: $0.1) })
    }

    func time(_ height: Int64) -> Timestamp { genesis.adding(.seconds(10 * height))! }

    /// A light block at `height` signed by `signers` (all members by default).
    func block(height: Int64, validators: [(TestSigner, Int64)], next: [(TestSigner, Int64)]? = nil,
               signers: Set<Int>? = nil, chainID: String? = nil, time: Timestamp? = nil,
               lastBlockID: BlockID = .zero) -> LightBlock {
        let set = validatorSet(validators)
        let nextSet = validatorSet(next ?? validators)
        let header = Header(
            version: ConsensusVersion(block: 11, app: 1), chainID: chainID ?? self.chainID, height: height,
            time: time ?? self.time(height), lastBlockID: lastBlockID,
            lastCommitHash: [UInt8](repeating: 0xC1, count: 32), dataHash: [UInt8](repeating: 0xD1, count: 32),
            validatorsHash: set.hash(), nextValidatorsHash: nextSet.hash(),
            consensusHash: [UInt8](repeating: 0xC2, count: 32), appHash: [1, 2, 3, 4],
            lastResultsHash: [UInt8](repeating: 0xE3, count: 32), evidenceHash: [UInt8](repeating: 0xE4, count: 32),
            proposerAddress: set.validators[0].address)
        let blockID = BlockID(hash: header.hash(), partSetHeader: PartSetHeader(total: 1, hash: [UInt8](repeating: 0xAB, count: 32)))
        let sh = SignedHeader(header: header, commit: commit(for: header, blockID: blockID, set: set,
                                                              members: validators, signers: signers))
        return LightBlock(signedHeader: sh, validators: set, nextValidators: nextSet)
    }

    /// A commit for `header` signed by the chosen members (canonical order, absent entries for others).
    func commit(for header: Header, blockID: BlockID, set: ValidatorSet, members: [(TestSigner, Int64)],
                signers: Set<Int>? = nil, round: Int32 = 0) -> Commit {
        var commit = Commit(height: header.height, round: round, blockID: blockID, signatures: [])
        var keyOf: [[UInt8]: TestSigner] = [:]
        for (i, m) in members.enumerated() where signers?.contains(i) ?? true { keyOf[m.0.address] = m.0 }
        let voteTime = header.time.adding(.seconds(1))!
        commit.signatures = set.validators.enumerated().map { i, v in
            keyOf[v.address] == nil ? .absent
                : CommitSig(flag: .commit, validatorAddress: v.address, timestamp: voteTime.adding(.nanoseconds(Int64(i)))!, signature: [])
        }
        let builder = CommitSignBytes(commit: commit, chainID: header.chainID)
        for i in commit.signatures.indices where commit.signatures[i].flag == .commit {
            commit.signatures[i].signature = keyOf[commit.signatures[i].validatorAddress]!.sign(builder.signBytes(index: i))
        }
        return commit
    }

    /// Re-signs a block's commit after its header was modified (keeps the block valid).
    func resign(_ block: LightBlock, members: [(TestSigner, Int64)]) -> LightBlock {
        var b = block
        let blockID = BlockID(hash: b.signedHeader.header.hash(), partSetHeader: b.signedHeader.commit.blockID.partSetHeader)
        b.signedHeader.commit = commit(for: b.signedHeader.header, blockID: blockID, set: b.validators, members: members)
        return b
    }
}
