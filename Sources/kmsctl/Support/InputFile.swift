import Foundation
import KMSCore

/// Errors of command-line input handling (files, stdin).
enum CLIInputError: Error, CustomStringConvertible {
    case unreadable(String)
    case emptyInput(String)
    case keyMismatch(ciphertext: String, keys: String)
    case invalidFile(path: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let p): "cannot read \(p)"
        case .emptyInput(let p): "\(p) is empty"
        case .invalidFile(let p, let r): "\(p): \(r)"
        case .keyMismatch(let c, let k): "the ciphertext was encrypted under key \(c), but these keys are \(k)"
        }
    }
}

/// Reads a command's input file; `-` means standard input. At most `maxSize` bytes are accepted
/// (1 GiB by default; JSON inputs pass smaller limits), so `/dev/zero` cannot exhaust memory.
func readInput(_ pathOrDash: String, maxSize: Int = SecureFile.defaultMaxReadSize) throws -> [UInt8] {
    if pathOrDash == "-" {
        return try SecureFile.readAll(FileHandle.standardInput, path: "standard input", maxSize: maxSize)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: pathOrDash, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw CLIInputError.unreadable(pathOrDash)
    }
    return try SecureFile.read(URL(fileURLWithPath: pathOrDash), maxSize: maxSize)
}

/// Largest JSON document a command reads (typed data, gateway requests and responses, light blocks).
let maxJSONInputSize = 64 << 20

/// Writes one line to standard error (progress and diagnostics; never secrets).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body` on the bytes of `path` (or stdin for `-`), prefixing any error with the path.
func parseFile<T>(_ path: String, maxSize: Int = SecureFile.defaultMaxReadSize,
                  _ body: ([UInt8]) throws -> T) throws -> T {
    let bytes = try readInput(path, maxSize: maxSize)
    do {
        return try body(bytes)
    } catch {
        throw CLIInputError.invalidFile(path: path == "-" ? "standard input" : path, reason: "\(error)")
    }
}
