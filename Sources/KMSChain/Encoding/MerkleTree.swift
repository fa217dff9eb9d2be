internal import Crypto

/// CometBFT's simple Merkle tree (`crypto/merkle`, RFC 6962 domain separation).
///
/// - empty list → `SHA256("")`
/// - one item → `SHA256(0x00 ‖ item)` (leaf)
/// - n > 1 → `SHA256(0x01 ‖ root(items[..<k]) ‖ root(items[k...]))`, `k` = largest power of two `< n`.
///
/// No odd-node promotion or duplication; an empty item is a valid leaf.
///
/// ```swift
/// let root = MerkleTree.root([[1, 2, 3], [4, 5, 6]])   // 82e6cfce…3c4b
/// ```
package enum MerkleTree {
    /// The 32-byte root over `items`.
    package static func root(_ items: [[UInt8]]) -> [UInt8] {
        if items.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        return items.withUnsafeBufferPointer { subtree($0) }
    }

    /// `SHA256(0x00 ‖ leaf)`.
    package static func leafHash(_ leaf: [UInt8]) -> [UInt8] {
        var h = SHA256()
        withUnsafeBytes(of: UInt8(0)) { h.update(bufferPointer: $0) }
        h.update(data: leaf)
        return Array(h.finalize())
    }

    /// `SHA256(0x01 ‖ left ‖ right)`.
    package static func innerHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var h = SHA256()
        withUnsafeBytes(of: UInt8(1)) { h.update(bufferPointer: $0) }
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }

    /// Largest power of two strictly less than `n` (`n >= 2`).
    @inline(__always)
    static func splitPoint(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    private static func subtree(_ items: UnsafeBufferPointer<[UInt8]>) -> [UInt8] {
        switch items.count {
        case 1:
            return leafHash(items[0])
        default:
            let k = splitPoint(items.count)
            let left = subtree(UnsafeBufferPointer(rebasing: items[0..<k]))
            let right = subtree(UnsafeBufferPointer(rebasing: items[k...]))
            return innerHash(left, right)
        }
    }
}
