import Crypto
import Foundation
import XCTest

/// One seed for every random value the tests draw, printed once per test run so that a failure
/// can be replayed.
///
/// The seed is `SWIFTKMS_TEST_SEED` when set (decimal, or hex with `0x`, up to 64 bits), or else
/// drawn from the system generator. On first use the run prints
///
///     SWIFTKMS_TEST_SEED=0x5e1f…  (set it to replay)
///
/// Each test draws from its own stream, derived from the seed and the test's name
/// (`generator()` takes `#fileID` and `#function`), so a test replays alike alone
/// (`swift test --filter …`) or in the whole suite, whatever ran before it. A failing test that
/// drew from the seed prints the assignment again next to its failure.
///
/// ```swift
/// var rng = TestSeed.generator()                      // RandomNumberGenerator
/// let v = UInt64.random(in: 0...9, using: &rng)
/// let r = try TFHERandomness.seeded(rng.tfheSeed())   // 16-byte seed for the TFHE streams
/// ```
public enum TestSeed {
    /// The run's seed (printed on first use).
    public static var value: UInt64 { run.value }

    /// A generator for the calling test, derived from the run's seed, the file and the function
    /// (and `label`, for tests that want several independent streams).
    public static func generator(_ label: String = "", file: String = #fileID,
                                 function: String = #function) -> SeededGenerator {
        SeedObserver.shared.markUsed()
        return SeededGenerator(seed: value, label: "\(file)/\(function)/\(label)")
    }

    /// `SWIFTKMS_TEST_SEED=0x…` as printed.
    public static var assignment: String { "SWIFTKMS_TEST_SEED=" + hex(value) }

    /// Parses a seed written in decimal or in hex with a `0x` prefix.
    public static func parse(_ text: String) -> UInt64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t, radix: 10)
    }

    static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    private struct Run: Sendable {
        let value: UInt64
    }

    /// Read (or drawn) and printed exactly once, on first use.
    private static let run: Run = {
        // An empty value counts as unset.
        let env = ProcessInfo.processInfo.environment["SWIFTKMS_TEST_SEED"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let value: UInt64
        let origin: String
        if let env {
            guard let parsed = parse(env) else {
                fatalError("SWIFTKMS_TEST_SEED=\(env) is neither a decimal number nor 0x-prefixed hex of at most 64 bits")
            }
            value = parsed
            origin = "from the environment"
        } else {
            var system = SystemRandomNumberGenerator()
            value = system.next()
            origin = "drawn for this run"
        }
        print("SWIFTKMS_TEST_SEED=\(hex(value))  (set it to replay)  [\(origin)]")
        return Run(value: value)
    }()
}

/// Prints the seed again after a failing test that drew from it.
private final class SeedObserver: NSObject, XCTestObservation, @unchecked Sendable {
    static let shared: SeedObserver = {
        let o = SeedObserver()
        XCTestObservationCenter.shared.addTestObserver(o)
        return o
    }()

    private let lock = NSLock()
    private var used = false

    func markUsed() { lock.withLock { used = true } }

    func testCaseWillStart(_ testCase: XCTestCase) { lock.withLock { used = false } }

    func testCaseDidFinish(_ testCase: XCTestCase) {
        let drew = lock.withLock { used }
        if drew, let run = testCase.testRun, run.failureCount + run.unexpectedExceptionCount > 0 {
            print("\(TestSeed.assignment)  (set it to replay \(testCase.name))")
        }
    }
}

/// xoshiro256** seeded from SHA-256(seed ‖ label): fast, reproducible, never for secrets.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    /// The stream of `label` under `seed`.
    public init(seed: UInt64, label: String) {
        var input = Data("swiftkms-test-seed".utf8)
        withUnsafeBytes(of: seed.littleEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: Array(label.utf8))
        let d = Array(SHA256.hash(data: input))
        func word(_ i: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(d[8 * i + $1]) << UInt64(8 * $1) }
        }
        s = (word(0), word(1), word(2), word(3))
        if s == (0, 0, 0, 0) { s.0 = 1 }   // the one state xoshiro cannot leave
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    /// `count` bytes of the stream.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 7)
        while out.count < count {
            withUnsafeBytes(of: next().littleEndian) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }

    /// A 16-byte seed for `TFHERandomness.seeded(_:)`.
    public mutating func tfheSeed() -> [UInt8] { bytes(16) }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
