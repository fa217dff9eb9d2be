import Foundation
import XCTest

/// Locates the read-only specs and vectors in `../shared` beside the package root.
///
/// A user's clone without `../shared` still passes: tests that need a vector call
/// `SharedVectors.url(_:)`, which throws `XCTSkip` saying why. CI sets
/// `SWIFTKMS_REQUIRE_VECTORS=1`, which turns the skip into a failure.
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

    /// URL of `relativePath` under `../shared/vectors`; skips (or fails in CI) if absent.
    public static func url(_ relativePath: String) throws -> URL {
        let u = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: u.path) else {
            let why = "shared vector \(relativePath) not found at \(u.path) (../shared beside the package root)"
            if required { throw VectorMissing(message: why) }
            throw XCTSkip(why)
        }
        return u
    }

    /// Contents of `relativePath` under `../shared/vectors`.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// Parsed JSON of `relativePath` under `../shared/vectors`.
    public static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: data(relativePath))
    }

    /// The error thrown when CI requires a vector that is missing.
    public struct VectorMissing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
