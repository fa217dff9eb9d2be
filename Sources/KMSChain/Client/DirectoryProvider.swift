import Foundation
import KMSPrimitives

/// Serves light blocks from a directory holding one JSON light block per height, named
/// `<height>.json` in plain decimal (`57.json`). A `LightClientStore` directory has the same
/// layout, so it can be served too.
///
/// ```swift
/// let provider = DirectoryProvider(directory: URL(fileURLWithPath: "/var/lib/kms/blocks"))
/// let block = try await provider.lightBlock(at: 57)     // reads 57.json
/// ```
public struct DirectoryProvider: LightBlockProvider {
    /// The directory read.
    public let directory: URL

    /// A provider over `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The file name of `height` (`<height>.json`).
    public static func fileName(for height: Int64) -> String { "\(height).json" }

    /// The heights present, ascending (names that are not `<decimal>.json` are ignored).
    public func heights() throws(ProviderError) -> [Int64] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unavailable("cannot list \(directory.path)")
        }
        return names.compactMap(Self.height(fromFileName:)).sorted()
    }

    /// The height a file name stands for (`"57.json"` → 57), if it is one.
    /// Largest light-block file read (64 MiB: far above 10 000 validators).
    public static let maxFileSize = 64 << 20

    static func height(fromFileName name: String) -> Int64? {
        guard name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(5)
        guard !stem.isEmpty, stem.allSatisfy({ $0.isASCII && $0.isNumber }), stem.first != "0" || stem == "0",
              let h = Int64(stem) else { return nil }
        return h
    }

    public func lightBlock(at height: Int64) async throws(ProviderError) -> LightBlock {
        try read(height: height)
    }

    /// Synchronous form of `lightBlock(at:)`.
    public func read(height: Int64) throws(ProviderError) -> LightBlock {
        let url = directory.appendingPathComponent(Self.fileName(for: height))
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound(height: height) }
        let data: [UInt8]
        do { data = try SecureFile.read(url, maxSize: Self.maxFileSize) } catch { throw .unavailable("\(error)") }
        let block: LightBlock
        do {
            block = try ChainJSON.decodeLightBlock(data)
        } catch {
            throw .malformed("\(url.lastPathComponent): \(error)")
        }
        guard block.height == height else {
            throw .inconsistent("\(url.lastPathComponent) holds height \(block.height)")
        }
        return block
    }

    public func latestHeight() async throws(ProviderError) -> Int64 {
        guard let h = try heights().last else { throw .unavailable("no <height>.json file in \(directory.path)") }
        return h
    }
}
