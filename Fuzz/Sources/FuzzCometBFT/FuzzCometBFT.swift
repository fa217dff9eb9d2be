// libFuzzer target: CometBFT JSON as a node or a light-block file delivers it — RPC envelopes
// of /commit, /validators, /status and light blocks — then hashing and the well-formedness
// predicates, and adjacent verification of a decoded block against itself.
import FuzzFixtures
import KMSChain

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCometBFT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let r = try? ChainJSON.decode(RPCResponse<CommitResult>.self, from: bytes), let c = try? r.get() {
        _ = c.signedHeader.header.hash()
        _ = try? Predicates.isWellFormed(c.signedHeader)
        _ = try? Predicates.headerMatchesCommit(c.signedHeader)
    }
    if let r = try? ChainJSON.decode(RPCResponse<ValidatorsResult>.self, from: bytes), let v = try? r.get() {
        let set = ValidatorSet(v.validators)
        _ = set.hash()
        _ = try? Predicates.isWellFormed(set)
    }
    _ = try? ChainJSON.decode(RPCResponse<StatusResult>.self, from: bytes)
    if let block = try? ChainJSON.decodeLightBlock(bytes) {
        _ = block.signedHeader.header.hash()
        _ = block.validators.hash()
        _ = ChainJSON.encode(block, compact: true)
        let verifier = Verifier(options: VerificationOptions(trustingPeriod: VerificationOptions.defaultTrustingPeriod))
        _ = verifier.verifyAdjacent(untrusted: block, trusted: block, now: block.time)
    }
    return 0
}

@_cdecl("FuzzCometBFT_main")
public func FuzzCometBFTMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzCometBFT(data, size) }
}
