import Foundation

/// `[scoring]`: the last pass before what is left. It scores the remaining pairs of one account,
/// currency and sign inside a date window on four things — amount, date distance, counterparty
/// names and references found in the other side's text — and matches a pair at or above
/// ``autoThreshold`` (`scored_match`), and writes pairs between ``suggestThreshold`` and it to
/// `suggestions.csv` for a person to confirm.
package struct ScoringConfiguration: Sendable, Equatable {
    /// Scores are in thousandths (0 to 1000).
    package var autoThreshold = 900
    package var suggestThreshold = 600
    package var windowDays = 5
    /// Most candidates kept per bank row, best first.
    package var maxCandidates = 16
    /// Regular expressions that find references in bank text (end-to-end id and description); the
    /// first capture group, or the whole match, compared with the ledger's reference and txn id.
    package var referencePatterns: [String] = []

    package init() {}

    /// The weights of the parts of a score, in thousandths (they add up to 1000).
    package static let amountWeight = 350, dateWeight = 150, counterpartyWeight = 200, referenceWeight = 300
}
