import Crypto
import Foundation
import XCTest

/// Locates the read-only specs and vectors in `../shared` beside the package root, and reads
/// them only after checking their SHA-256 against `PinnedVectors.sha256`.
///
/// A user's clone without `../shared` still passes: tests that need a vector call
/// `SharedVectors.url(_:)`, `data(_:)` or `decode(_:as:)`, which throw `XCTSkip` saying why.
/// CI sets `SWIFTKMS_REQUIRE_VECTORS=1`, which turns the skip into a failure. A file whose digest
/// is not the pinned one, or that has no pinned digest, is always a failure: a test must not
/// pass on vectors that were edited or replaced.
public enum SharedVectors {
    /// The package root (two levels above this file's folder).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/vectors` beside the package root.
    public static let root: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/vectors")

    /// Whether missing vectors must fail rather than skip.
    public static var required: Bool {
        ProcessInfo.processInfo.environment["SWIFTKMS_REQUIRE_VECTORS"] == "1"
    }

    /// URL of the file `relativePath` under `../shared/vectors`, after checking its pinned
    /// SHA-256 (for tests that hand the path to another reader, such as the `kmsctl` binary).
    /// Skips (or fails in CI) if absent; fails if the digest is not the pinned one.
    public static func url(_ relativePath: String) throws -> URL {
        _ = try data(relativePath)
        return root.appendingPathComponent(relativePath)
    }

    /// Contents of `relativePath` under `../shared/vectors`, checked against its pinned SHA-256.
    public static func data(_ relativePath: String) throws -> Data {
        let u = try existing(relativePath)
        guard let expected = PinnedVectors.sha256[relativePath] else {
            throw VectorNotPinned(path: relativePath)
        }
        let bytes = try Data(contentsOf: u)
        let actual = sha256Hex(bytes)
        guard actual == expected else {
            throw VectorDigestMismatch(path: relativePath, expected: expected, actual: actual)
        }
        return bytes
    }

    /// The vector file `relativePath` decoded as `type` (a typed model of the file).
    public static func decode<T: Decodable>(_ relativePath: String, as type: T.Type = T.self) throws -> T {
        let bytes = try data(relativePath)
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch let error as DecodingError {
            throw VectorShapeMismatch(path: relativePath, type: String(describing: T.self), reason: describe(error))
        }
    }

    /// The names of the files ending in `suffix` in the directory `relativePath`, sorted. Each
    /// file is then read with `data(_:)` or `decode(_:as:)`, which check its digest.
    public static func files(in relativePath: String, endingWith suffix: String) throws -> [String] {
        let dir = try existing(relativePath)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Lowercase hex SHA-256 of `bytes` (swift-crypto).
    public static func sha256Hex(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    private static func existing(_ relativePath: String) throws -> URL {
        let u = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: u.path) else {
            let why = "shared vector \(relativePath) not found at \(u.path) (../shared beside the package root)"
            if required { throw VectorMissing(message: why) }
            throw XCTSkip(why)
        }
        return u
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing key \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case .valueNotFound(_, let ctx): return "null at \(path(ctx.codingPath))"
        case .typeMismatch(let t, let ctx): return "not a \(t) at \(path(ctx.codingPath))"
        case .dataCorrupted(let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// The error thrown when CI requires a vector that is missing.
    public struct VectorMissing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// A vector file whose SHA-256 is not the pinned one.
    public struct VectorDigestMismatch: Error, CustomStringConvertible {
        public let path: String
        public let expected: String
        public let actual: String
        public var description: String {
            "shared vector \(path) has sha256 \(actual), pinned \(expected): the file was changed or replaced"
        }
    }

    /// A vector file read by a test without a pinned digest.
    public struct VectorNotPinned: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "shared vector \(path) has no pinned sha256: add it to PinnedVectors.sha256 (Tests/KMSTestSupport)"
        }
    }

    /// A vector file that does not have the shape of its model.
    public struct VectorShapeMismatch: Error, CustomStringConvertible {
        public let path: String
        public let type: String
        public let reason: String
        public var description: String { "shared vector \(path) does not decode as \(type): \(reason)" }
    }
}
