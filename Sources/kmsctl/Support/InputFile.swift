import Foundation
import KMSCore

/// Errors of command-line input handling (files, stdin).
enum CLIInputError: Error, CustomStringConvertible {
    case unreadable(String)
    case emptyInput(String)

    var description: String {
        switch self {
        case .unreadable(let p): "cannot read \(p)"
        case .emptyInput(let p): "\(p) is empty"
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
