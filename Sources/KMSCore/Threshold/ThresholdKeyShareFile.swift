/// The file form of a `ThresholdKeyShare`: magic `SWKMS-THRESHOLD-SHARE`, then bincode
/// fields — u32 version (1), key id (20 bytes), u32 n, u32 t, u8 D, u32 party, u32 message
/// modulus, u32 carry modulus, the three share vectors as `Vec<u64>` words, and the mask keys
/// as `Vec<(Vec<u32> set, [u8; 16] key)>`. Every count is checked against the parameters
/// before anything is allocated.
extension ThresholdKeyShare {
    static let magic = Array("SWKMS-THRESHOLD-SHARE".utf8)
    static let fileVersion: UInt32 = 1
    /// The largest key dimension accepted when reading (k·N of any tfhe-rs parameter set is far below).
    static let maxKeyBits = 1 << 17

    /// The file bytes.
    public var bytes: [UInt8] {
        var w = BincodeWriter(capacity: 64 + 8 * (squashingKeyShares.count + smallKeyShares.count + glweKeyShares.count))
        w.writeRaw(Self.magic)
        w.write(Self.fileVersion)
        w.writeRaw(keyID.bytes)
        w.write(UInt32(parameters.parties))
        w.write(UInt32(parameters.threshold))
        w.write(UInt8(parameters.ringDegree.rawValue))
        w.write(UInt32(partyID))
        w.write(UInt32(messageModulus))
        w.write(UInt32(carryModulus))
        w.writeWords(squashingKeyShares)
        w.writeWords(smallKeyShares)
        w.writeWords(glweKeyShares)
        w.writeLength(maskKeys.count)
        for k in maskKeys {
            w.writeLength(k.parties.count)
            for p in k.parties { w.write(UInt32(p)) }
            w.writeRaw(k.key)
        }
        return w.bytes
    }

    /// Reads a share file.
    /// - Throws: `SerializationError` for a wrong magic or version, truncation, counts beyond
    ///   what the parameters allow, or a share that does not fit its parameters.
    public init(bytes: [UInt8]) throws(SerializationError) {
        var r = BincodeReader(bytes)
        guard try r.readRaw(Self.magic.count) == Self.magic else { throw .invalidValue(what: "threshold key share: wrong magic") }
        let version: UInt32 = try r.read()
        guard version == Self.fileVersion else { throw .invalidValue(what: "threshold key share version \(version)") }
        let keyID = try KeyID(bytes: try r.readRaw(KeyID.byteCount))
        let n: UInt32 = try r.read(), t: UInt32 = try r.read(), d: UInt8 = try r.read()
        guard let degree = ThresholdRingDegree(rawValue: Int(d)) else { throw .invalidValue(what: "ring degree \(d)") }
        let parameters: ThresholdParameters
        do {
            parameters = try ThresholdParameters(parties: Int(min(n, 1 << 16)), threshold: Int(min(t, 1 << 16)), ringDegree: degree)
        } catch { throw .invalidValue(what: "threshold parameters: \(error)") }
        let party: UInt32 = try r.read(), message: UInt32 = try r.read(), carry: UInt32 = try r.read()
        let words = Int(d) * Self.maxKeyBits
        let squashing = try r.readWords(max: 2 * words)
        let small = try r.readWords(max: words)
        let glwe = try r.readWords(max: words)
        let setSize = parameters.parties - parameters.threshold
        let keyCount = try r.readLength(max: ThresholdParameters.maximumMaskSets, elementSize: 8 + 4 * setSize + 16)
        var keys: [MaskKey] = []
        keys.reserveCapacity(keyCount)
        for _ in 0..<keyCount {
            let size = try r.readLength(max: setSize, elementSize: 4)
            var set: [Int] = []
            for _ in 0..<size { set.append(Int(try r.read(UInt32.self))) }
            keys.append(MaskKey(parties: set, key: try r.readRaw(16)))
        }
        try r.finish()
        do {
            try self.init(keyID: keyID, parameters: parameters, partyID: Int(min(party, 1 << 16)),
                          messageModulus: Int(min(message, 1 << 16)), carryModulus: Int(min(carry, 1 << 16)),
                          squashingKeyShares: squashing, smallKeyShares: small, glweKeyShares: glwe, maskKeys: keys)
        } catch { throw .invalidValue(what: "threshold key share: \(error)") }
    }
}
