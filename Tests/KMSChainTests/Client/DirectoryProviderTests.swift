import Foundation
import XCTest
@testable import KMSChain

final class DirectoryProviderTests: XCTestCase {
    func testServesHeightFilesAndRejectsMismatches() async throws {
        let chain = try SyntheticChainTests.load()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kmschain-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for b in chain.blocks.prefix(5) {
            try Data(ChainJSON.encode(b)).write(to: dir.appendingPathComponent("\(b.height).json"))
        }
        try Data(ChainJSON.encode(chain.block(2))).write(to: dir.appendingPathComponent("9.json"))   // wrong height
        try Data("x".utf8).write(to: dir.appendingPathComponent("10.json"))                          // not JSON
        try Data("x".utf8).write(to: dir.appendingPathComponent("007.json"))                         // ignored name
        try Data("x".utf8).write(to: dir.appendingPathComponent("notes.txt"))

        let provider = DirectoryProvider(directory: dir)
        let b3 = try await provider.lightBlock(at: 3)
        XCTAssertEqual(b3, chain.block(3))
        let latest = try await provider.latestHeight()
        XCTAssertEqual(latest, 10)
        XCTAssertEqual(try provider.heights(), [1, 2, 3, 4, 5, 9, 10])
        await assertProviderError(try await provider.lightBlock(at: 6)) { $0 == .notFound(height: 6) }
        await assertProviderError(try await provider.lightBlock(at: 9)) { if case .inconsistent = $0 { true } else { false } }
        await assertProviderError(try await provider.lightBlock(at: 10)) { if case .malformed = $0 { true } else { false } }
    }
}
