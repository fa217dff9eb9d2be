import Foundation

/// A program left running for a test (a `kmsctl serve` or `party serve`): stdout read up to
/// its first line, stderr to a file.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let out = Pipe()
    private let errURL: URL

    /// Starts `executable` with `arguments`.
    public init(_ executable: URL, _ arguments: [String]) throws {
        errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kms-child-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// The first line on stdout (nil if it closes first).
    public func firstLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let handle = self.out.fileHandleForReading
                var data = Data()
                while !data.contains(0x0a) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self)
                    .split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init))
            }
        }
    }

    /// What it wrote on stderr so far.
    public var stderr: String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }

    /// Sends SIGTERM and returns the exit status.
    public func terminate() async -> Int32 {
        process.terminate()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }

    /// Kills the process at once (SIGKILL) and waits for it.
    public func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Kills the process if it still runs and removes its log (test cleanup).
    public func stop() {
        kill()
        try? FileManager.default.removeItem(at: errURL)
    }
}
