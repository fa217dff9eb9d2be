import Foundation
import XCTest
@testable import KMSChain

/// An in-memory provider that records the heights asked for.
final class MemoryProvider: LightBlockProvider, @unchecked Sendable {
    private let blocks: [Int64: LightBlock]
    private let lock = NSLock()
    private var asked: [Int64] = []

    init(_ blocks: [LightBlock]) {
        self.blocks = Dictionary(uniqueKeysWithValues: blocks.map { ($0.height, $0) })
    }

    var requests: [Int64] { lock.withLock { asked } }

    func lightBlock(at height: Int64) async throws(ProviderError) -> LightBlock {
        lock.withLock { asked.append(height) }
        guard let b = blocks[height] else { throw .notFound(height: height) }
        return b
    }

    func latestHeight() async throws(ProviderError) -> Int64 { blocks.keys.max() ?? 0 }
}

func assertProviderError<T>(_ body: @autoclosure () async throws -> T, _ check: (ProviderError) -> Bool,
                            file: StaticString = #filePath, line: UInt = #line) async {
    do {
        _ = try await body()
        XCTFail("expected a provider error", file: file, line: line)
    } catch let error as ProviderError {
        XCTAssertTrue(check(error), "unexpected \(error)", file: file, line: line)
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
}
