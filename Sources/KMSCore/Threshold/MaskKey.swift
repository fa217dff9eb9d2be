/// One PRF key of the noise-flooding masks (kms.md §4.5, PRSS "nSmall"): a set of n − t parties
/// and the 16-byte AES key that exactly those parties hold. The dealer draws one per set; each
/// party keeps the keys of the sets it belongs to.
package struct MaskKey: Sendable, Equatable {
    /// The party ids of the set, ascending.
    package var parties: [Int]
    /// The AES-128 key.
    package var key: [UInt8]

    package init(parties: [Int], key: [UInt8]) {
        self.parties = parties
        self.key = key
    }

    /// All sets of n − t of the parties 1…n, in lexicographic order.
    package static func sets(parties n: Int, threshold t: Int) -> [[Int]] {
        let size = n - t
        guard size >= 1 else { return [] }
        var out: [[Int]] = []
        var current = Array(1...size)
        while true {
            out.append(current)
            // Next combination: the rightmost slot that can still move right.
            var i = size - 1
            while i >= 0 && current[i] == n - size + i + 1 { i -= 1 }
            if i < 0 { return out }
            current[i] += 1
            for j in (i + 1)..<size { current[j] = current[j - 1] + 1 }
        }
    }
}
