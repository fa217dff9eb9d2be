/// Chooses the next height to verify during bisection (tendermint-rs `basic_bisecting_schedule`).
///
/// - After verifying `current` (so `trusted == current`), try the target again.
/// - After `current` could not be trusted yet, try the midpoint between the highest trusted
///   height and `current`: `trusted + (current + 1 − trusted) / 2`.
///
/// ```swift
/// Scheduler.next(trusted: 1, current: 16, target: 16)    // 9
/// Scheduler.next(trusted: 9, current: 9, target: 16)     // 16
/// ```
public enum Scheduler {
    /// The next height to try.
    public static func next(trusted: Int64, current: Int64, target: Int64) -> Int64 {
        trusted == current ? target : midpoint(low: trusted, high: current)
    }

    /// `low + (high + 1 − low) / 2`, overflow-free for `0 ≤ low ≤ high`.
    public static func midpoint(low: Int64, high: Int64) -> Int64 {
        low + (high - low) / 2 + (high - low) % 2
    }
}
