/// The ABI `decryptedResult` bytes a KMS signs in `DecryptionResult` and the relayer passes to
/// `GatewayContract.fulfillRequest` (fhevm.md §1.2).
///
/// Per value: `ebool` → 0/1 word, `euint4…euint256` → the value as a big-endian word, `eaddress`
/// → an address word, `ebytes64/128/256` → a dynamic `bytes` of 64/128/256 bytes. The bytes are
/// `abi.encode(uint256 dummy, v_1, …, v_n)` with the dummy's word removed (offsets of dynamic
/// values still count it, since it stands for the callback's `requestID`). With
/// `passSignaturesToCaller`, a trailing empty `bytes[] signatures` argument is encoded too and its
/// (empty) length word removed, leaving its offset word after the value heads: exactly what
/// `Gateway.getSignedDataLength` measures in trustless callbacks.
///
/// ```swift
/// let bytes = DecryptedResultEncoder.encode([try ClearValue(type: .euint8, 42)])   // 32 bytes
/// ```
public enum DecryptedResultEncoder {
    /// Encodes the clear values in request order.
    public static func encode(_ values: [ClearValue], passSignaturesToCaller: Bool = false) -> [UInt8] {
        let headCount = 1 + values.count + (passSignaturesToCaller ? 1 : 0)
        var heads = [UInt8]()
        heads.reserveCapacity(headCount * 32)
        var tails = [UInt8]()
        // Offsets are relative to the start of the encoding including the dummy head word.
        var tailOffset = headCount * 32
        for v in values {
            switch v.type {
            case .ebytes64, .ebytes128, .ebytes256:
                heads += word(UInt64(tailOffset))
                let data = v.bigEndianBytes
                tails += word(UInt64(data.count))
                tails += data
                let pad = (32 - data.count % 32) % 32
                tails += [UInt8](repeating: 0, count: pad)
                tailOffset += 32 + data.count + pad
            default:
                let be = v.bigEndianBytes
                heads += [UInt8](repeating: 0, count: 32 - be.count) + be
            }
        }
        if passSignaturesToCaller {
            // Offset of the empty bytes[]; its length word (0) is the one removed at the end.
            heads += word(UInt64(tailOffset))
        }
        return heads + tails
    }

    /// The encoded length for a list of types (what `Gateway.getSignedDataLength` computes).
    public static func encodedLength(_ types: [FheType], passSignaturesToCaller: Bool = false) -> Int {
        types.reduce(passSignaturesToCaller ? 32 : 0) { acc, t in
            switch t {
            case .ebytes64, .ebytes128, .ebytes256: acc + 64 + t.byteWidth
            default: acc + 32
            }
        }
    }

    /// A 32-byte big-endian word.
    static func word(_ v: UInt64) -> [UInt8] {
        [UInt8](repeating: 0, count: 24) + withUnsafeBytes(of: v.bigEndian) { Array($0) }
    }
}
