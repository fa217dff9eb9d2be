#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time as CometBFT hashes and signs it: `google.protobuf.Timestamp`
/// (whole seconds since the Unix epoch and nanoseconds `0..<1_000_000_000`).
///
/// Foundation's `Date` is a `Double` and loses nanoseconds, which changes header hashes and
/// vote sign bytes; this type keeps them exactly.
///
/// ```swift
/// let t = try Timestamp(rfc3339: "2023-05-17T14:12:53.088875124Z")
/// t.seconds      // 1684332773
/// t.nanos        // 88875124
/// t.rfc3339      // "2023-05-17T14:12:53.088875124Z"
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (negative before).
    public let seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public let nanos: Int32

    /// A timestamp from its two protobuf fields.
    /// - Throws: `.nanosOutOfRange` unless `0 <= nanos < 1e9`.
    public init(seconds: Int64, nanos: Int32 = 0) throws(TimestampError) {
        guard nanos >= 0 && nanos < 1_000_000_000 else { throw .nanosOutOfRange(nanos) }
        self.seconds = seconds
        self.nanos = nanos
    }

    private init(uncheckedSeconds: Int64, nanos: Int32) {
        self.seconds = uncheckedSeconds
        self.nanos = nanos
    }

    /// 1970-01-01T00:00:00Z (encodes to zero protobuf bytes).
    public static let unixEpoch = Timestamp(uncheckedSeconds: 0, nanos: 0)
    /// Go's zero `time.Time`, 0001-01-01T00:00:00Z (CometBFT's timestamp of absent votes).
    public static let goZero = Timestamp(uncheckedSeconds: -62_135_596_800, nanos: 0)

    /// The system clock (`CLOCK_REALTIME`), with nanoseconds.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let nanos = Int32(clamping: ts.tv_nsec)
        return Timestamp(uncheckedSeconds: Int64(ts.tv_sec), nanos: min(max(nanos, 0), 999_999_999))
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
    }

    /// The protobuf `Timestamp` message body: `{1: seconds, 2: nanos}`, zero fields omitted.
    public var protobufBytes: [UInt8] {
        var w = ProtobufWriter(capacity: 16)
        w.int64(field: 1, seconds)
        w.int64(field: 2, Int64(nanos))
        return w.bytes
    }

    /// This time plus `duration` (sub-nanosecond parts truncated), or `nil` on overflow.
    public func adding(_ duration: Duration) -> Timestamp? {
        let c = duration.components
        let (s, o1) = seconds.addingReportingOverflow(c.seconds)
        if o1 { return nil }
        var sec = s
        var n = Int64(nanos) + c.attoseconds / 1_000_000_000
        if n >= 1_000_000_000 {
            let (s2, o2) = sec.addingReportingOverflow(1); if o2 { return nil }
            sec = s2; n -= 1_000_000_000
        } else if n < 0 {
            let (s2, o2) = sec.subtractingReportingOverflow(1); if o2 { return nil }
            sec = s2; n += 1_000_000_000
        }
        return Timestamp(uncheckedSeconds: sec, nanos: Int32(n))
    }

    // MARK: RFC 3339

    /// Parses RFC 3339 (`2024-01-01T00:00:10.000001007Z`), 0–9 fractional digits, `Z` or a
    /// numeric offset; the result is in UTC. Years 0001–9999.
    public init(rfc3339 text: String) throws(TimestampError) {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int64? {
            guard at + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in at..<(at + count) {
                let c = b[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            return v
        }
        func char(_ at: Int, _ options: [UInt8]) -> Bool { at < b.count && options.contains(b[at]) }
        let bad = TimestampError.invalidRFC3339(text)
        guard let year = digits(0, 4), char(4, [0x2D]), let month = digits(5, 2), char(7, [0x2D]),
              let day = digits(8, 2), char(10, [0x54, 0x74]), let hour = digits(11, 2), char(13, [0x3A]),
              let minute = digits(14, 2), char(16, [0x3A]), let second = digits(17, 2)
        else { throw bad }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 59 else { throw bad }
        var i = 19
        var nanos: Int64 = 0
        if i < b.count && b[i] == 0x2E {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                guard count < 9 else { throw bad }
                nanos = nanos * 10 + Int64(b[i] - 0x30)
                count += 1; i += 1
            }
            guard count > 0 else { throw bad }
            for _ in count..<9 { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard i < b.count else { throw bad }
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            let sign: Int64 = b[i] == 0x2D ? -1 : 1
            guard let oh = digits(i + 1, 2), char(i + 3, [0x3A]), let om = digits(i + 4, 2), oh <= 23, om <= 59
            else { throw bad }
            offset = sign * (oh * 3600 + om * 60)
            i += 6
        } else {
            throw bad
        }
        guard i == b.count else { throw bad }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        self.nanos = Int32(nanos)
    }

    /// RFC 3339 in UTC with trailing fractional zeros trimmed (Go `RFC3339Nano`).
    public var rfc3339: String {
        var days = seconds / 86_400, secOfDay = seconds % 86_400
        if secOfDay < 0 { days -= 1; secOfDay += 86_400 }
        let (y, m, d) = Self.civilFromDays(days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secOfDay / 3600, 2)):\(pad(secOfDay / 60 % 60, 2)):\(pad(secOfDay % 60, 2))"
        if nanos != 0 {
            var frac = pad(Int64(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }

    public var description: String { rfc3339 }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}

/// Errors of timestamp construction and parsing.
public enum TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nanoseconds outside `0..<1_000_000_000`.
    case nanosOutOfRange(Int32)
    /// Text that is not an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.f…]Z` or `±HH:MM`).
    case invalidRFC3339(String)

    public var description: String {
        switch self {
        case .nanosOutOfRange(let n): "nanoseconds \(n) outside 0..<1000000000"
        case .invalidRFC3339(let s): "invalid RFC 3339 time \"\(s.prefix(64))\" (expected YYYY-MM-DDTHH:MM:SS[.fraction]Z)"
        }
    }
}
