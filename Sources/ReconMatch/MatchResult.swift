import ReconCore

/// What the matcher decided: every break, and the outcome of every row.
public struct MatchResult: Sendable {
    /// Breaks in a deterministic order (not yet the report's order).
    public var breaks: [BreakRecord]
    /// One outcome code per bank row; see ``outcome(bank:)``.
    public var bankCodes: [UInt8]
    public var ledgerCodes: [UInt8]
    public var asOf: Day

    public func outcome(bank row: Int) -> RowOutcome { RowOutcome(code: bankCodes[row]) }
    public func outcome(ledger row: Int) -> RowOutcome { RowOutcome(code: ledgerCodes[row]) }
}
