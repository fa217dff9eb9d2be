@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class MerkleTreeTests: XCTestCase {
    func testKnownAnswers() throws {
        let root = try ChainVectors.object("derived/known_answers.json")
        var checked = 0
        for case let entry as [String: Any] in root.array("merkle") {
            if let leaves = entry["leaves_hex"] as? [String] {
                XCTAssertEqual(Hex.encode(MerkleTree.root(leaves.map(hex))), entry.string("root_hex"), entry.string("name"))
                checked += 1
            } else if let l = entry["inner_left_utf8"] as? String, let r = entry["inner_right_utf8"] as? String {
                XCTAssertEqual(Hex.encode(MerkleTree.innerHash(Array(l.utf8), Array(r.utf8))),
                               entry.string("sha256(0x01||l||r)_hex"))
                checked += 1
            } else if let leaf = entry["leaf_utf8"] as? String {
                XCTAssertEqual(Hex.encode(MerkleTree.leafHash(Array(leaf.utf8))), entry.string("sha256(0x00||leaf)_hex"))
                checked += 1
            }
        }
        XCTAssertEqual(checked, 7)
    }

    func testSplitPoint() {
        XCTAssertEqual([2, 3, 4, 5, 8, 9, 14].map(MerkleTree.splitPoint), [1, 2, 2, 4, 4, 8, 8])
    }
}
