/// Why a light-client sync failed.
public enum LightClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The block at `height` (the target or an intermediate one) is invalid when verified from
    /// the trusted block at `from`.
    case verificationFailed(from: Int64, to: Int64, reason: InvalidReason)
    /// A block below the trusted height does not hash-link to the verified block above it.
    case backwardVerificationFailed(height: Int64, reason: String)
    /// The provider could not deliver a needed block.
    case provider(height: Int64, ProviderError)
    /// The store could not be read or written.
    case store(String)

    public var description: String {
        switch self {
        case .verificationFailed(let f, let t, let r): "verifying height \(t) from trusted height \(f) failed: \(r)"
        case .backwardVerificationFailed(let h, let r): "backward verification of height \(h) failed: \(r)"
        case .provider(let h, let e): "fetching height \(h): \(e)"
        case .store(let s): "light client store: \(s)"
        }
    }
}

/// A light client: verifies a target height from a trusted light block by bisection over a
/// provider (skipping when the trusted validators signed enough, halving the gap otherwise),
/// optionally persisting every verified block.
///
/// ```swift
/// let client = LightClient(verifier: Verifier(options: options), provider: RPCProvider(baseURL: node))
/// let trace = try await client.verify(to: 1_000, from: trusted, now: now)
/// let verified = trace.last!                 // the block at height 1000
/// ```
public struct LightClient: Sendable {
    /// The single-step verifier (options included).
    public let verifier: Verifier
    /// Where light blocks come from.
    public let provider: any LightBlockProvider
    /// Where verified blocks are kept (optional).
    public let store: LightClientStore?

    /// A client over `provider`.
    public init(verifier: Verifier, provider: any LightBlockProvider, store: LightClientStore? = nil) {
        self.verifier = verifier
        self.provider = provider
        self.store = store
    }

    /// The trusted block to start from: `trusted`, or the store's latest block when it is higher
    /// on the same chain (a restarted client resumes where it stopped).
    public func resumePoint(from trusted: LightBlock) throws(LightClientError) -> LightBlock {
        guard let store else { return trusted }
        let latest: LightBlock?
        do { latest = try store.latest() } catch { throw .store(error.description) }
        guard let latest, latest.chainID == trusted.chainID, latest.height > trusted.height else { return trusted }
        return latest
    }

    /// Verifies the block at `target` starting from `trusted` at time `now`.
    ///
    /// Forward (target above trusted): bisection; returns the newly verified blocks in the order
    /// they were verified, ending with the target. Backward (target below): follows
    /// `last_block_id` hashes down from `trusted`; returns the blocks from trusted − 1 down to the
    /// target. Returns `[]` when `target` is the trusted height.
    public func verify(to target: Int64, from trusted: LightBlock, now: Timestamp,
                       onVerified: (@Sendable (LightBlock) -> Void)? = nil) async throws(LightClientError) -> [LightBlock] {
        if target == trusted.height {
            return []
        }
        if target < trusted.height {
            guard target > 0 else { throw .provider(height: target, .notFound(height: target)) }
            return try await verifyBackward(to: target, from: trusted, onVerified: onVerified)
        }
        var trustedBlock = trusted
        var current = target
        var fetched: [Int64: LightBlock] = [:]
        var trace: [LightBlock] = []
        while trustedBlock.height < target {
            let block: LightBlock
            if let cached = fetched[current] {
                block = cached
            } else {
                block = try await fetch(current)
                fetched[current] = block
            }
            switch verifier.verify(untrusted: block, trusted: trustedBlock, now: now) {
            case .success:
                trustedBlock = block
                trace.append(block)
                if let store {
                    do { try store.save(block) } catch { throw .store(error.description) }
                }
                onVerified?(block)
                fetched = fetched.filter { $0.key > block.height }
            case .notEnoughTrust:
                break
            case .invalid(let reason):
                throw .verificationFailed(from: trustedBlock.height, to: block.height, reason: reason)
            }
            current = Scheduler.next(trusted: trustedBlock.height, current: current, target: target)
        }
        return trace
    }

    /// The provider's block at `height`, which must be at that height: a block of another
    /// height would make bisection ask for the same height forever.
    private func fetch(_ height: Int64) async throws(LightClientError) -> LightBlock {
        let block: LightBlock
        do { block = try await provider.lightBlock(at: height) } catch { throw .provider(height: height, error) }
        guard block.height == height else {
            throw .provider(height: height, .inconsistent("asked for height \(height), got a block at height \(block.height)"))
        }
        return block
    }

    /// Backward verification: each lower header must hash to the `last_block_id` of the
    /// verified header above it (same chain, earlier time, well formed). No signatures needed.
    private func verifyBackward(to target: Int64, from trusted: LightBlock,
                                onVerified: (@Sendable (LightBlock) -> Void)?) async throws(LightClientError) -> [LightBlock] {
        var above = trusted.signedHeader.header
        var trace: [LightBlock] = []
        var h = trusted.height - 1
        while h >= target {
            let block: LightBlock
            block = try await fetch(h)
            let header = block.signedHeader.header
            do {
                try Predicates.isWellFormed(block.signedHeader)
            } catch {
                throw .backwardVerificationFailed(height: h, reason: error.description)
            }
            guard header.height == h, header.chainID == above.chainID else {
                throw .backwardVerificationFailed(height: h, reason: "height or chain ID does not match")
            }
            guard header.time < above.time else {
                throw .backwardVerificationFailed(height: h, reason: "header time \(header.time) is not before \(above.time)")
            }
            guard !above.lastBlockID.hash.isEmpty, header.hash() == above.lastBlockID.hash else {
                throw .backwardVerificationFailed(height: h, reason: "header hash does not match last_block_id of height \(h + 1)")
            }
            trace.append(block)
            onVerified?(block)
            above = header
            h -= 1
        }
        return trace
    }
}
