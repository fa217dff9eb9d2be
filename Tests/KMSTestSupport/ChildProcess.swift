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

    /// The first line on stdout: nil if stdout closes first or no line comes within `timeout`
    /// (then the process is killed, which also ends the read).
    public func firstLine(within timeout: Duration = .seconds(120)) async -> String? {
        let watchdog = process.killAfter(timeout)
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let handle = self.out.fileHandleForReading
                var data = Data()
                while !data.contains(0x0a) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: data.contains(0x0a)
                    ? String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
                    : nil)
            }
        }
    }

    /// What it wrote on stderr so far.
    public var stderr: String { String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self) }

    /// Sends SIGTERM and returns the exit status once it exits; if it has not exited within
    /// `timeout`, kills it and returns nil (a server that does not stop when asked).
    public func terminate(within timeout: Duration = .seconds(60)) async -> Int32? {
        process.terminate()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                if self.process.waitForExit(within: timeout) {
                    continuation.resume(returning: self.process.terminationStatus)
                } else {
                    self.process.killAndWait()
                    continuation.resume(returning: nil)
                }
            }
        }
    }

    /// Kills the process at once (SIGKILL) and waits for it (at most 30 s).
    public func kill() {
        process.killAndWait()
    }

    /// Kills the process if it still runs and removes its log (test cleanup).
    public func stop() {
        kill()
        try? FileManager.default.removeItem(at: errURL)
    }
}
