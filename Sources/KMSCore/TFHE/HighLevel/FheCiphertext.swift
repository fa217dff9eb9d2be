/// An encrypted fhEVM value: a radix ciphertext of shortint blocks, least significant block
/// first, each block carrying `encoding.messageBits` bits of the value, in any of the forms the
/// fhEVM stack stores or sends.
///
/// Decryption is two halves: a decryptor (`ClientKey`, or threshold parties behind a combiner)
/// computes the phase of each LWE *slot* of the body (`phaseCount` of them, under the key
/// `Body.key` names), and `decode(phases:)` turns phases into the clear value. Read untrusted
/// bytes into ciphertexts with `CiphertextReader`, which checks them against the key first.
///
/// ```swift
/// let ct = clientKey.encrypt(try ClearValue(type: .euint8, 7))
/// ct.type, ct.blockCount                 // euint8, 4
/// let v = try clientKey.decrypt(ct)      // euint8(7)
/// ```
public struct FheCiphertext: Sendable, Equatable {
    /// How the blocks are stored.
    public enum Body: Sendable, Equatable {
        /// One LWE ciphertext per block under the big (k·N) or small (n) LWE key: secret-key
        /// encryption, tfhe-rs `FheUint`/`FheBool`.
        case lwe(LweCiphertextList, key: EncryptionKeyChoice)
        /// One seeded LWE ciphertext per block (tfhe-rs `CompressedFheUint`/`CompressedFheBool`).
        case seeded(SeededLweCiphertextList, key: EncryptionKeyChoice)
        /// Blocks `blocks` of a compact list under the compact-PKE secret key (public-key
        /// encryption, fhevmjs input lists). A packed list holds two blocks per entry
        /// (`low + message_modulus · high`).
        case compact(LweCompactCiphertextList, blocks: Range<Int>, packed: Bool)
        /// Blocks `blocks` of a compressed list under the compression key (what the fhEVM
        /// coprocessor stores per handle).
        case compressed(CompressedCiphertextList, blocks: Range<Int>)

        /// The secret key the phases are computed under.
        package var key: SecretKeyKind {
            switch self {
            case .lwe(_, let k), .seeded(_, let k): k == .big ? .big : .small
            case .compact: .compactPublicKey
            case .compressed: .compression
            }
        }
    }

    /// The secret key a body decrypts under.
    package enum SecretKeyKind: Sendable, Equatable, Hashable {
        /// The big LWE key: the GLWE key's coefficients (k·N).
        case big
        /// The small LWE key (n).
        case small
        /// The compact-PKE key (or the big key when the parameter set has none).
        case compactPublicKey
        /// The compression GLWE key.
        case compression
    }

    public let type: FheType
    public let encoding: BlockEncoding
    public let body: Body

    /// Assembles a ciphertext, checking that the body holds exactly the type's blocks.
    public init(type: FheType, encoding: BlockEncoding, body: Body) throws(TFHEError) {
        let expected = type.blockCount(messageBits: encoding.messageBits)
        let actual: Int
        switch body {
        case .lwe(let l, _): actual = l.count
        case .seeded(let l, _): actual = l.count
        case .compact(let c, let blocks, let packed):
            let available = packed ? 2 * c.count : c.count
            guard blocks.lowerBound >= 0, blocks.upperBound <= available else {
                throw .ciphertextMismatch("blocks \(blocks) of a compact list of \(available) blocks")
            }
            if packed, encoding.carryModulus < encoding.messageModulus {
                throw .ciphertextMismatch("a packed compact list needs carry modulus ≥ message modulus")
            }
            actual = blocks.count
        case .compressed(let c, let blocks):
            guard blocks.lowerBound >= 0, blocks.upperBound <= c.count else {
                throw .ciphertextMismatch("blocks \(blocks) of a compressed list of \(c.count) blocks")
            }
            guard c.encoding == encoding else {
                throw .ciphertextMismatch("the compressed list's moduli are not the ciphertext's")
            }
            actual = blocks.count
        }
        guard actual == expected else {
            throw .ciphertextMismatch("\(type) needs \(expected) blocks, ciphertext has \(actual)")
        }
        self.type = type
        self.encoding = encoding
        self.body = body
    }

    init(trusted type: FheType, _ encoding: BlockEncoding, _ body: Body) {
        self.type = type
        self.encoding = encoding
        self.body = body
    }

    /// Number of radix blocks.
    public var blockCount: Int { type.blockCount(messageBits: encoding.messageBits) }

    /// The LWE slots whose phases decryption needs: one per block, except in a packed compact
    /// list, where one entry holds two blocks.
    package var phaseCount: Int {
        if case .compact(_, let blocks, true) = body { return Self.entries(ofPacked: blocks).count }
        return blockCount
    }

    /// The entries of a packed compact list holding `blocks`.
    static func entries(ofPacked blocks: Range<Int>) -> Range<Int> {
        blocks.isEmpty ? 0..<0 : (blocks.lowerBound / 2) ..< ((blocks.upperBound + 1) / 2)
    }

    /// Turns the phases of the LWE slots (`phaseCount`, in order) into the clear value, with
    /// tfhe-rs's rounding and radix recombination — the decoding half of decryption, shared by a
    /// single key and a threshold combiner.
    package func decode(phases: [UInt64]) throws(TFHEError) -> ClearValue {
        guard phases.count == phaseCount else {
            throw .ciphertextMismatch("expected \(phaseCount) phases, got \(phases.count)")
        }
        return RadixEncoding.value(blockValues: blockValues(phases: phases), type: type, encoding: encoding)
    }

    /// The rounded value (message and carry) of every block, from the slot phases.
    func blockValues(phases: [UInt64]) -> [UInt64] {
        switch body {
        case .lwe, .seeded, .compact(_, _, false):
            return phases.map(encoding.decodeMessageAndCarry)
        case .compact(_, let blocks, true):
            // tfhe-rs unpacking: low = x mod message, high = (x / message) mod message.
            let msg = UInt64(encoding.messageModulus)
            var values: [UInt64] = []
            values.reserveCapacity(2 * phases.count)
            for p in phases {
                let x = encoding.decodeMessageAndCarry(p)
                values.append(x % msg)
                values.append((x / msg) % msg)
            }
            let first = blocks.lowerBound - Self.entries(ofPacked: blocks).lowerBound * 2
            return Array(values[first ..< first + blocks.count])
        case .compressed(let list, _):
            return phases.map(list.blockValue(phase:))
        }
    }
}
