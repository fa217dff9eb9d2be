/// Go-style duration strings (`time.ParseDuration`), as the `cometbft light` CLI takes them:
/// a sequence of decimal numbers with units `ns`, `us` (`µs`), `ms`, `s`, `m`, `h`, e.g.
/// `168h`, `1400s`, `1h30m`, `500ms`, `1.5h`. A lone `0` is allowed; an optional sign.
///
/// ```swift
/// let period = try GoDuration.parse("336h")     // Duration.seconds(1_209_600)
/// GoDuration.format(.seconds(5400))             // "1h30m0s"
/// ```
public enum GoDuration {
    /// Errors of `GoDuration.parse`.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not of the form `[-+]?([0-9]*(\.[0-9]*)?unit)+`.
        case invalid(String)
        /// A number without a unit (other than a lone `0`).
        case missingUnit(String)
        /// A unit other than ns, us, µs, ms, s, m, h.
        case unknownUnit(String)
        /// More than ±2^63 − 1 nanoseconds (about 292 years).
        case overflow(String)

        public var description: String {
            switch self {
            case .invalid(let s): "invalid duration \"\(s.prefix(40))\" (expected e.g. 168h, 90m, 1h30m, 500ms)"
            case .missingUnit(let s): "missing unit in duration \"\(s.prefix(40))\" (use ns, us, ms, s, m or h)"
            case .unknownUnit(let u): "unknown unit \"\(u.prefix(10))\" in duration (use ns, us, ms, s, m or h)"
            case .overflow(let s): "duration \"\(s.prefix(40))\" is out of range"
            }
        }
    }

    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Parses a Go duration string into a `Duration` with nanosecond resolution.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        var s = Substring(text)
        var negative = false
        if let f = s.first, f == "-" || f == "+" { negative = f == "-"; s = s.dropFirst() }
        if s == "0" { return .zero }
        guard !s.isEmpty else { throw .invalid(text) }
        var total: UInt64 = 0
        while !s.isEmpty {
            // Integer part.
            var whole: UInt64 = 0
            var sawDigits = false
            while let c = s.first, let d = c.wholeNumberValue, c.isASCII {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { throw .overflow(text) }
                whole = a; sawDigits = true; s = s.dropFirst()
            }
            // Fraction part.
            var fraction: UInt64 = 0, scale: UInt64 = 1
            if s.first == "." {
                s = s.dropFirst()
                while let c = s.first, let d = c.wholeNumberValue, c.isASCII {
                    if scale < 1_000_000_000_000_000 { fraction = fraction * 10 + UInt64(d); scale *= 10 }
                    sawDigits = true; s = s.dropFirst()
                }
            }
            guard sawDigits else { throw .invalid(text) }
            let unitText = s.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard !unitText.isEmpty else { throw .missingUnit(text) }
            guard let unit = units[String(unitText)] else { throw .unknownUnit(String(unitText)) }
            s = s.dropFirst(unitText.count)
            let (w, o1) = whole.multipliedReportingOverflow(by: unit)
            if o1 { throw .overflow(text) }
            // fraction/scale * unit, computed in 128 bits to stay exact.
            let prod = unit.multipliedFullWidth(by: fraction)
            let (frac, _) = scale.dividingFullWidth((prod.high, prod.low))
            let (v, o2) = w.addingReportingOverflow(frac)
            let (t, o3) = total.addingReportingOverflow(v)
            if o2 || o3 { throw .overflow(text) }
            total = t
        }
        guard total <= UInt64(Int64.max) else { throw .overflow(text) }
        let ns = Int64(total)
        return .nanoseconds(negative ? -ns : ns)
    }

    /// Formats like Go's `Duration.String()`: `1h30m0s`, `1.5s`, `500ms`, `0s`.
    public static func format(_ duration: Duration) -> String {
        let c = duration.components
        let nsTotal = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nsTotal.overflow else { return "\(c.seconds)s" }
        let (ns, o) = nsTotal.partialValue.addingReportingOverflow(c.attoseconds / 1_000_000_000)
        guard !o else { return "\(c.seconds)s" }
        if ns == 0 { return "0s" }
        let negative = ns < 0
        let u = ns.magnitude
        var out: String
        func fixed(_ value: UInt64, _ unit: UInt64, _ digits: Int) -> String {
            let whole = value / unit, rem = value % unit
            guard rem != 0 else { return String(whole) }
            var f = String(rem)
            f = String(repeating: "0", count: digits - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            return "\(whole).\(f)"
        }
        if u < 1_000 {
            out = "\(u)ns"
        } else if u < 1_000_000 {
            out = fixed(u, 1_000, 3) + "µs"
        } else if u < 1_000_000_000 {
            out = fixed(u, 1_000_000, 6) + "ms"
        } else {
            let h = u / 3_600_000_000_000
            let m = u / 60_000_000_000 % 60
            let sec = fixed(u % 60_000_000_000, 1_000_000_000, 9) + "s"
            out = h > 0 ? "\(h)h\(m)m\(sec)" : (m > 0 ? "\(m)m\(sec)" : sec)
        }
        return negative ? "-" + out : out
    }
}
