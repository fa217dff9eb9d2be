import Foundation
import KMSTestSupport
import XCTest

/// Runs the built `kmsctl` binary and captures its output.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A `kmsctl` run that closed its output but did not exit.
struct CLITimeout: Error, CustomStringConvertible {
    var arguments: [String]
    var description: String { "kmsctl \(arguments.prefix(2).joined(separator: " ")) closed its output but did not exit" }
}

enum CLI {
    /// Directory holding the built products (the test bundle sits beside `kmsctl`).
    static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        fatalError("couldn't find the products directory")
        #else
        return Bundle.main.bundleURL
        #endif
    }

    static var binary: URL { productsDirectory.appendingPathComponent("kmsctl") }

    /// Runs `kmsctl` with `arguments`, feeding `stdin` if given. A run still going after
    /// `timeout` is killed (its status is then SIGKILL's), so a hung command fails its test
    /// instead of holding the whole test run.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(900)) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        let watchdog = process.killAfter(timeout)
        defer { watchdog.cancel() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so large outputs cannot dead-lock.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        guard process.waitForExit(within: .seconds(60)) else {
            process.killAndWait()
            throw CLITimeout(arguments: arguments)
        }
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kmsctl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}

extension CLI {
    /// Asserts that `text` (a command's standard error) is exactly one non-empty line ending in a
    /// newline — optionally after dropping `warning:` lines, which some commands print first.
    static func assertOneLine(_ text: String, ignoringWarnings: Bool = false, _ message: @autoclosure () -> String = "",
                              file: StaticString = #filePath, line: UInt = #line) {
        var lines = text.components(separatedBy: "\n")
        guard lines.last == "" else {
            return XCTFail("not newline-terminated: \(text.debugDescription) \(message())", file: file, line: line)
        }
        lines.removeLast()
        if ignoringWarnings { lines.removeAll { $0.hasPrefix("warning:") } }
        XCTAssertEqual(lines.count, 1, "expected exactly one line, got \(lines.count): \(text.debugDescription) \(message())",
                       file: file, line: line)
        XCTAssertFalse(lines.first?.trimmingCharacters(in: .whitespaces).isEmpty ?? true,
                       "an empty line: \(text.debugDescription) \(message())", file: file, line: line)
    }
}
