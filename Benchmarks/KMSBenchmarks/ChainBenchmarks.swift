import Benchmark
import Crypto
import KMSChain

/// KMSChain benchmarks: header hashing, single Ed25519 verification (the baseline), and commit
/// verification of N = 4, 100, 150 validators — all signatures (`countAll`) and the light
/// client's early-exit +2/3 rule — plus one full adjacent `Verifier.verify` step.
func registerChainBenchmarks() {
    for n in [4, 100, 150] {
        let fixture = ChainBenchFixture(validators: n)
        Benchmark("Chain commit verify, all \(n) signatures", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                var calc = VotingPowerCalculator(signedHeader: fixture.untrusted.signedHeader)
                blackHole(try calc.tallyByIndex(fixture.untrusted.validators, threshold: .twoThirds, countAll: true))
            }
        }
        Benchmark("Chain VerifyCommitLight (+2/3, early exit) \(n) validators", configuration: .init(timeUnits: .microseconds)) { benchmark in
            for _ in benchmark.scaledIterations {
                var calc = VotingPowerCalculator(signedHeader: fixture.untrusted.signedHeader)
                blackHole(try calc.tallyByIndex(fixture.untrusted.validators, threshold: .twoThirds))
            }
        }
        Benchmark("Chain Verifier.verify adjacent \(n) validators", configuration: .init(timeUnits: .microseconds)) { benchmark in
            let verifier = Verifier(options: VerificationOptions(trustingPeriod: .seconds(3600)))
            for _ in benchmark.scaledIterations {
                blackHole(verifier.verify(untrusted: fixture.untrusted, trusted: fixture.trusted, now: fixture.now))
            }
        }
        Benchmark("Chain \(n) × Ed25519 verify (baseline)", configuration: .init(timeUnits: .microseconds)) { benchmark in
            let bytes = fixture.signBytes
            let sigs = fixture.untrusted.signedHeader.commit.signatures
            let keys = fixture.untrusted.validators.validators.map(\.publicKey)
            for _ in benchmark.scaledIterations {
                for i in 0..<n { blackHole(keys[i].isValidSignature(sigs[i].signature, for: bytes[i])) }
            }
        }
    }

    let single = ChainBenchFixture(validators: 1)
    Benchmark("Chain Ed25519 verify (single, swift-crypto)") { benchmark in
        let key = single.untrusted.validators.validators[0].publicKey
        let sig = single.untrusted.signedHeader.commit.signatures[0].signature
        let msg = single.signBytes[0]
        for _ in benchmark.scaledIterations { blackHole(key.isValidSignature(sig, for: msg)) }
    }
    Benchmark("Chain header hash") { benchmark in
        let header = single.untrusted.signedHeader.header
        for _ in benchmark.scaledIterations { blackHole(header.hash()) }
    }
    let big = ChainBenchFixture(validators: 150)
    Benchmark("Chain validator-set hash 150") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(big.untrusted.validators.hash()) }
    }
    Benchmark("Chain precommit sign bytes (reused buffer)") { benchmark in
        let builder = CommitSignBytes(commit: big.untrusted.signedHeader.commit, chainID: big.untrusted.chainID)
        var buffer = [UInt8]()
        for _ in benchmark.scaledIterations {
            builder.write(index: 7, into: &buffer)
            blackHole(buffer)
        }
    }
}

/// Two adjacent, fully signed light blocks with `validators` Ed25519 validators of unequal power.
struct ChainBenchFixture {
    let trusted: LightBlock
    let untrusted: LightBlock
    let signBytes: [[UInt8]]
    let now: Timestamp

    init(validators n: Int) {
        var keys: [Curve25519.Signing.PrivateKey] = []
        var members: [Validator] = []
        for i in 0..<n {
            // Fixed 32-byte seeds are valid Ed25519 private keys.
            let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: UInt8(i % 251), count: 31) + [UInt8(i / 251 + 1)])
            keys.append(key)
            members.append(Validator(publicKey: try! PublicKey(ed25519: Array(key.publicKey.rawRepresentation)), votingPower: Int64(100 + i % 13)))
        }
        let set = ValidatorSet(members)
        let genesis = try! Timestamp(rfc3339: "2025-06-01T12:00:00.123456789Z")
        func block(_ height: Int64, last: BlockID) -> LightBlock {
            let time = genesis.adding(.seconds(6 * height))!
            let header = Header(
                version: ConsensusVersion(block: 11, app: 1), chainID: "kmschain-bench-1", height: height, time: time,
                lastBlockID: last, lastCommitHash: [UInt8](repeating: 1, count: 32), dataHash: [UInt8](repeating: 2, count: 32),
                validatorsHash: set.hash(), nextValidatorsHash: set.hash(), consensusHash: [UInt8](repeating: 3, count: 32),
                appHash: [UInt8](repeating: 4, count: 32), lastResultsHash: [UInt8](repeating: 5, count: 32),
                evidenceHash: [UInt8](repeating: 6, count: 32), proposerAddress: set.validators[0].address)
            let id = BlockID(hash: header.hash(), partSetHeader: PartSetHeader(total: 1, hash: [UInt8](repeating: 7, count: 32)))
            var commit = Commit(height: height, round: 0, blockID: id, signatures: set.validators.enumerated().map { i, v in
                CommitSig(flag: .commit, validatorAddress: v.address, timestamp: time.adding(.milliseconds(900 + i))!, signature: [])
            })
            let builder = CommitSignBytes(commit: commit, chainID: header.chainID)
            let byAddress = Dictionary(uniqueKeysWithValues: zip(members.map(\.address), keys))
            for i in commit.signatures.indices {
                commit.signatures[i].signature = Array(try! byAddress[set.validators[i].address]!.signature(for: builder.signBytes(index: i)))
            }
            return LightBlock(signedHeader: SignedHeader(header: header, commit: commit), validators: set, nextValidators: set)
        }
        trusted = block(41, last: .zero)
        untrusted = block(42, last: trusted.signedHeader.commit.blockID)
        let builder = CommitSignBytes(commit: untrusted.signedHeader.commit, chainID: untrusted.chainID)
        signBytes = untrusted.signedHeader.commit.signatures.indices.map { builder.signBytes(index: $0) }
        now = genesis.adding(.seconds(6 * 43))!
    }
}
