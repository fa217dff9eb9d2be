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

/// Reads a command's input file; `-` means standard input.
func readInput(_ pathOrDash: String) throws -> [UInt8] {
    if pathOrDash == "-" {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return [UInt8](data)
    }
    guard let data = FileManager.default.contents(atPath: pathOrDash) else {
        throw CLIInputError.unreadable(pathOrDash)
    }
    return [UInt8](data)
}

/// Writes one line to standard error (progress and diagnostics; never secrets).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body` on the bytes of `path` (or stdin for `-`), prefixing any error with the path.
func parseFile<T>(_ path: String, _ body: ([UInt8]) throws -> T) throws -> T {
    let bytes = try readInput(path)
    do {
        return try body(bytes)
    } catch {
        throw CLIInputError.invalidFile(path: path == "-" ? "standard input" : path, reason: "\(error)")
    }
}
