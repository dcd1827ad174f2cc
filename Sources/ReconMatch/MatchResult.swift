import ReconCore

/// What the matcher decided: every break, and the outcome of every row.
public struct MatchResult: Sendable {
    /// Breaks in a deterministic order (not yet the report's order).
    public var breaks: [BreakRecord]
    /// Rows named by breaks (see ``BreakRecord/relatedOffset``).
    public var related: [Int32]
    /// One outcome code per bank row; see ``outcome(bank:)``.
    public var bankCodes: [UInt8]
    public var ledgerCodes: [UInt8]
    public var asOf: Day
    /// Rows whose group search stopped at its bound, in row order per side (bank first).
    public var boundHits: [RowRef] = []
    /// The scored pass's suggestions, by bank row then score (best first) then ledger row.
    public var suggestions: [Suggestion] = []
    /// The group pass's suggestions (groups found but not matched), in content order of their target.
    public var groupSuggestions: [GroupSuggestion] = []
    /// The score of each pair the scored pass matched, by bank row.
    public var scores: [Int32: Suggestion] = [:]
    /// How each pair the FX pass matched was converted, by bank row.
    public var conversions: [Int32: FXConversion] = [:]
    /// What the custody checks found, when the configuration has `[custody]`.
    public var custody: CustodyResult?

    /// The related rows stored for a break.
    public func related(of b: BreakRecord) -> ArraySlice<Int32> {
        related[Int(b.relatedOffset)..<Int(b.relatedOffset + b.relatedStored)]
    }

    public func outcome(bank row: Int) -> RowOutcome { RowOutcome(code: bankCodes[row]) }
    public func outcome(ledger row: Int) -> RowOutcome { RowOutcome(code: ledgerCodes[row]) }
}
