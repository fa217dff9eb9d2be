/// One party's contribution to a threshold decryption: for every block of every requested
/// value, its share of `b − ⟨a, s⟩ + mask` (kms.md §4.5) — a degree-t Shamir sharing of the
/// block's squashed phase plus flooding noise. Parties send these to whoever combines
/// (`ThresholdCombiner`); t of them reveal nothing about the phase beyond the flooding.
///
/// `bytes` / `init(bytes:)` give the message form (magic `SWKMS-PARTIAL-DECRYPTION`, version 1,
/// then bincode fields: key id, session id, u32 party, u8 D, and a `Vec` of values, each a
/// u8 fhEVM type code and a `Vec<ResiduePoly<Z128, D>>` of block shares).
public struct ThresholdPartialDecryption: Sendable, Equatable {
    /// The key set it was computed with.
    public let keyID: KeyID
    /// The session whose masks it carries.
    public let session: ThresholdSessionID
    /// The sender, 1…n.
    public let partyID: Int
    /// D of the ring the shares are in.
    public let ringDegree: ThresholdRingDegree
    /// Per value: its type and its block shares (2·D words per block).
    package let values: [Value]

    package struct Value: Sendable, Equatable {
        package var type: FheType
        package var shares: [UInt64]

        /// Block `j`'s share as an element of `Ring` (the caller checked the word count).
        package func share<Ring: GaloisRing>(_: Ring.Type, block j: Int) -> GaloisRingElement<Ring>
            where Ring.Coefficients.Coefficient == U128 {
            let d = Ring.degree
            return shares.withUnsafeBufferPointer { buf in
                var c = Ring.Coefficients.zero
                for k in 0..<d { c[k] = U128.load(from: buf.baseAddress! + (j * d + k) * 2) }
                return GaloisRingElement(coefficients: c)
            }
        }

        /// Every block's share as elements of `Ring`.
        package func elements<Ring: GaloisRing>(_: Ring.Type) -> [GaloisRingElement<Ring>]
            where Ring.Coefficients.Coefficient == U128 {
            (0..<shares.count / (2 * Ring.degree)).map { share(Ring.self, block: $0) }
        }
    }

    package init(keyID: KeyID, session: ThresholdSessionID, partyID: Int, ringDegree: ThresholdRingDegree, values: [Value]) {
        self.keyID = keyID
        self.session = session
        self.partyID = partyID
        self.ringDegree = ringDegree
        self.values = values
    }

    /// The types of the values, in request order.
    public var types: [FheType] { values.map(\.type) }

    static let magic = Array("SWKMS-PARTIAL-DECRYPTION".utf8)
    static let version: UInt32 = 1
    /// Values per message and blocks per value accepted when reading.
    static let maxValues = 1024, maxBlocksPerValue = 1024

    /// The message bytes.
    public var bytes: [UInt8] {
        var w = BincodeWriter()
        w.writeRaw(Self.magic)
        w.write(Self.version)
        w.writeRaw(keyID.bytes)
        w.writeRaw(session.bytes)
        w.write(UInt32(partyID))
        w.write(UInt8(ringDegree.rawValue))
        w.writeLength(values.count)
        for v in values {
            w.write(v.type.rawValue)
            w.writeWords(v.shares)
        }
        return w.bytes
    }

    /// Reads a message.
    /// - Throws: `SerializationError` for a wrong magic or version, an unknown type, counts
    ///   beyond the limits, share words that are not whole ring elements, or trailing bytes.
    public init(bytes: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bytes)
        guard try r.readRaw(Self.magic.count) == Self.magic else { throw .invalidValue(what: "partial decryption: wrong magic") }
        let version: UInt32 = try r.read()
        guard version == Self.version else { throw .invalidValue(what: "partial decryption version \(version)") }
        let keyID = try KeyID(bytes: try r.readRaw(KeyID.byteCount))
        let session: ThresholdSessionID
        do { session = try ThresholdSessionID(bytes: try r.readRaw(16)) } catch { throw .invalidValue(what: "session id") }
        let party: UInt32 = try r.read()
        let d: UInt8 = try r.read()
        guard let degree = ThresholdRingDegree(rawValue: Int(d)) else { throw .invalidValue(what: "ring degree \(d)") }
        guard party >= 1, Int(party) <= degree.maximumParties else { throw .invalidValue(what: "party id \(party)") }
        let count = try r.readLength(max: Self.maxValues, elementSize: 9)
        var values: [Value] = []
        for _ in 0..<count {
            let raw: UInt8 = try r.read()
            guard let type = FheType(rawValue: raw) else { throw .unknownTag(what: "fhEVM type", value: UInt64(raw)) }
            let shares = try r.readWords(max: Self.maxBlocksPerValue * 2 * Int(d))
            guard shares.count % (2 * Int(d)) == 0, !shares.isEmpty else { throw .invalidValue(what: "block shares that are not whole ring elements") }
            values.append(Value(type: type, shares: shares))
        }
        try r.finish()
        self.init(keyID: keyID, session: session, partyID: Int(party), ringDegree: degree, values: values)
    }
}

extension ThresholdKeyShare {
    /// This party's partial decryption of switch-and-squashed values: per block,
    /// `b − Σ_j a_j·s_j + mask` in GR(2^128, D), with the masks of `session` in block order.
    /// The same session must never serve two different requests.
    /// - Throws: `ThresholdError.invalidParameters` when a value's blocks are not of the
    ///   squashing key's dimension or number the type's blocks.
    public func partialDecrypt(_ values: [SwitchAndSquashedCiphertext],
                               session: ThresholdSessionID) throws(ThresholdError) -> ThresholdPartialDecryption {
        let blockBits = messageModulus.trailingZeroBitCount
        for v in values {
            guard v.lweDimension == squashingLweDimension else {
                throw .invalidParameters("squashed blocks of dimension \(v.lweDimension) for key shares of dimension \(squashingLweDimension)")
            }
            guard v.blocks.count == v.type.blockCount(messageBits: blockBits) else {
                throw .invalidParameters("\(v.type) has \(v.type.blockCount(messageBits: blockBits)) blocks, got \(v.blocks.count)")
            }
        }
        let out: [ThresholdPartialDecryption.Value]
        switch parameters.ringDegree {
        case .four: out = try partialShares(GaloisRing128Degree4.self, values, session: session)
        case .eight: out = try partialShares(GaloisRing128Degree8.self, values, session: session)
        }
        return ThresholdPartialDecryption(keyID: keyID, session: session, partyID: partyID,
                                          ringDegree: parameters.ringDegree, values: out)
    }

    private func partialShares<Ring: GaloisRing>(_: Ring.Type, _ values: [SwitchAndSquashedCiphertext],
                                                 session: ThresholdSessionID) throws(ThresholdError) -> [ThresholdPartialDecryption.Value]
        where Ring.Coefficients.Coefficient == U128 {
        let masks = try NoiseFloodingMask<Ring>(party: partyID, keys: maskKeys, parameters: parameters, session: session)
        let d = Ring.degree, m = squashingLweDimension
        return values.map { value in
            var shares = [UInt64](repeating: 0, count: value.blocks.count * 2 * d)
            var sums = [U128](repeating: U128(0), count: d)
            for (j, block) in value.blocks.enumerated() {
                var acc = Ring.Coefficients.zero
                block.withUnsafeBufferPointer { lwe in
                    squashingKeyShares.withUnsafeBufferPointer { keyShares in
                        sums.withUnsafeMutableBufferPointer { sum in
                            let a = lwe.baseAddress!, s = keyShares.baseAddress!
                            for c in 0..<d { sum[c] = U128(0) }
                            for i in 0..<m {
                                let ai = U128(low: a[2 &* i], high: a[2 &* i &+ 1])
                                let row = s + i &* d &* 2
                                for c in 0..<d { sum[c] = sum[c] &+ ai &* U128.load(from: row + 2 &* c) }
                            }
                            for c in 0..<d { acc[c] = U128(0) &- sum[c] }
                            acc[0] = acc[0] &+ U128(low: a[2 &* m], high: a[2 &* m &+ 1])
                        }
                    }
                }
                let share = GaloisRingElement<Ring>(coefficients: acc) + masks.next()
                shares.withUnsafeMutableBufferPointer { buf in
                    for c in 0..<d { share[c].store(into: buf.baseAddress! + (j * d + c) * 2) }
                }
            }
            return ThresholdPartialDecryption.Value(type: value.type, shares: shares)
        }
    }
}
