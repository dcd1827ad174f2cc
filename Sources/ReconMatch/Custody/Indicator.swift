/// The figures every run computes and the run store keeps, so a run can be compared with its own
/// recent history.
package enum Indicator: String, CaseIterable, Sendable, Equatable {
    /// Matched rows over all rows, both sides (0…1, six decimals).
    case matchRate = "match_rate"
    /// Open items (unmatched, missing, in transit, ambiguous) at the end of the run.
    case unmatchedCount = "unmatched_count"
    /// Their absolute amounts added up, per currency (minor units).
    case unmatchedAmount = "unmatched_amount"
    /// Age in days of the oldest open item.
    case oldestOpenDays = "oldest_open_days"
    /// Unexplained custody difference (bank minus owed, absolute, all custody accounts) on the as-of
    /// day, per currency (minor units).
    case custodyDifference = "custody_difference"

    /// Whether a higher value is the worse one (all but the match rate).
    package var higherIsWorse: Bool { self != .matchRate }

    /// Whether the indicator is an amount, kept per currency.
    package var isAmount: Bool { self == .unmatchedAmount || self == .custodyDifference }
}
