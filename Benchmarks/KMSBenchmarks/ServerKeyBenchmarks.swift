import Benchmark
import Foundation
import KMSCore
import KMSPrimitives

/// Reading a real tfhe-rs `ServerKey` (≈131 MB, made by real tfhe-rs): the file read alone and
/// twice (the baselines: the goal is to parse in less than a second read of the file costs), read
/// + parse, and parse alone, with peak resident memory (goal: ≤ 1.5 × the file size).
///
/// The key is `$SWIFTKMS_BENCH_SERVER_KEY`, else `~/.cache/swiftkms-bench/server_key.bin`, made
/// on first use by `../shared/tools/tfhe_rs_oracle.py keygen`; without either, these benchmarks
/// are left out.
func registerServerKeyBenchmarks() {
    guard let url = benchServerKey() else { return }
    let config = Benchmark.Configuration(metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds,
                                         maxDuration: .seconds(10), maxIterations: 20)
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    let label = "\(size / 1_000_000) MB"
    // Each benchmark runs in its own process: what a benchmark needs is loaded inside it, before
    // the measurement starts, so the peak memory of one is not another's.
    Benchmark("tfhe-rs ServerKey \(label): read file (baseline)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SecureFile.read(url, maxSize: 1 << 30)) }
    }
    Benchmark("tfhe-rs ServerKey \(label): read file twice (baseline)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SecureFile.read(url, maxSize: 1 << 30))
            blackHole(try SecureFile.read(url, maxSize: 1 << 30))
        }
    }
    Benchmark("tfhe-rs ServerKey \(label): TfheRsFile.read (read + parse)", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try TfheRsFile.read(contentsOf: url, expecting: .serverKey)) }
    }
    Benchmark("tfhe-rs ServerKey \(label): parse (in memory)", configuration: config) { benchmark in
        let bytes = try SecureFile.read(url, maxSize: 1 << 30)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try TfheRsFile.decode(bytes, expecting: .serverKey)) }
    }
    Benchmark("tfhe-rs ServerKey \(label): write back (in memory)", configuration: config) { benchmark in
        let file = try TfheRsFile.read(contentsOf: url, expecting: .serverKey)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try file.encode()) }
    }
}

private func benchServerKey() -> URL? {
    if let path = ProcessInfo.processInfo.environment["SWIFTKMS_BENCH_SERVER_KEY"] { return URL(fileURLWithPath: path) }
    // The account's home from the password database: the benchmark runner does not pass $HOME on.
    guard let entry = getpwuid(getuid()), let home = entry.pointee.pw_dir else { return nil }
    let dir = URL(fileURLWithPath: String(cString: home)).appendingPathComponent(".cache/swiftkms-bench")
    let key = dir.appendingPathComponent("server_key.bin")
    if FileManager.default.fileExists(atPath: key.path) { return key }
    let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/tools/tfhe_rs_oracle.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", oracle.path, "keygen", dir.path]
    process.standardOutput = FileHandle.nullDevice
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try process.run()
        process.waitUntilExit()
    } catch {
        FileHandle.standardError.write(Data("note: no tfhe-rs server key for the ServerKey benchmarks (\(error))\n".utf8))
        return nil
    }
    guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: key.path) else {
        FileHandle.standardError.write(Data("note: the tfhe-rs oracle could not make a server key; ServerKey benchmarks left out\n".utf8))
        return nil
    }
    return key
}
