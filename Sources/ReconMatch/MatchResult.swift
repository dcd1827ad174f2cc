import ReconCore

/// What the matcher decided: every break, and the outcome of every row.
package struct MatchResult: Sendable {
    /// Breaks in a deterministic order (not yet the report's order).
    package var breaks: [BreakRecord]
    /// Rows named by breaks (see ``BreakRecord/relatedOffset``).
    package var related: [Int32]
    /// One outcome code per bank row; see ``outcome(bank:)``.
    package var bankCodes: [UInt8]
    package var ledgerCodes: [UInt8]
    package var asOf: Day
    /// Rows whose group search stopped at its bound, in row order per side (bank first).
    package var boundHits: [RowRef] = []
    /// The scored pass's suggestions, by bank row then score (best first) then ledger row.
    package var suggestions: [Suggestion] = []
    /// The group pass's suggestions (groups found but not matched), in content order of their target.
    package var groupSuggestions: [GroupSuggestion] = []
    /// The score of each pair the scored pass matched, by bank row.
    package var scores: [Int32: Suggestion] = [:]
    /// How each pair the FX pass matched was converted, by bank row.
    package var conversions: [Int32: FXConversion] = [:]
    /// What the custody checks found, when the configuration has `[custody]`.
    package var custody: CustodyResult?

    /// The related rows stored for a break.
    package func related(of b: BreakRecord) -> ArraySlice<Int32> {
        related[Int(b.relatedOffset)..<Int(b.relatedOffset + b.relatedStored)]
    }

    package func outcome(bank row: Int) -> RowOutcome { RowOutcome(code: bankCodes[row]) }
    package func outcome(ledger row: Int) -> RowOutcome { RowOutcome(code: ledgerCodes[row]) }
}
