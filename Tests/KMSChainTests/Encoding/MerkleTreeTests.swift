@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class MerkleTreeTests: XCTestCase {
    func testKnownAnswers() throws {
        var checked = 0
        for entry in try ChainVectors.knownAnswers().merkle {
            if let leaves = entry.leavesHex {
                XCTAssertEqual(Hex.encode(MerkleTree.root(leaves.map(hex))), try XCTUnwrap(entry.rootHex), entry.name)
                checked += 1
            } else if let l = entry.innerLeftUTF8, let r = entry.innerRightUTF8 {
                XCTAssertEqual(Hex.encode(MerkleTree.innerHash(Array(l.utf8), Array(r.utf8))), try XCTUnwrap(entry.innerHashHex), entry.name)
                checked += 1
            } else if let leaf = entry.leafUTF8 {
                XCTAssertEqual(Hex.encode(MerkleTree.leafHash(Array(leaf.utf8))), try XCTUnwrap(entry.leafHashHex), entry.name)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 7)
    }

    func testSplitPoint() {
        XCTAssertEqual([2, 3, 4, 5, 8, 9, 14].map(MerkleTree.splitPoint), [1, 2, 2, 4, 4, 8, 8])
    }
}
