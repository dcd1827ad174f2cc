import ReconCore

/// One break found by the matcher, referring to rows of the run's tables.
///
/// Plain data (no reference-counted field), so that millions of them copy and sort as raw memory;
/// the rows a break names in its detail live in ``MatchResult/related``.
package struct BreakRecord: Sendable {
    package var kind: BreakKind
    /// Whether the ledger side is a batch group (`ledger_id` is then the batch id).
    package var isBatch: Bool
    /// The bank row, or -1.
    package var bankRow: Int32
    /// The ledger row (the first of a batch group), or -1.
    package var ledgerRow: Int32
    /// Ledger date: the row's, or the group's latest.
    package var ledgerDate: Int32
    /// Ledger amount: the row's, or the group's sum.
    package var ledgerAmount: Int64
    /// Where this break's related rows start in ``MatchResult/related``, and how many are stored there
    /// (at most ``relatedCap``): the first occurrence of a duplicate (same side), or the candidates of
    /// an ambiguous row (other side).
    package var relatedOffset: Int32 = 0
    package var relatedStored: Int32 = 0
    /// How many related rows there are in all (ambiguous candidates, batch size).
    package var relatedCount: Int32
    /// For `balance_mismatch`: the index in ``MatchInputs/statements``, else -1.
    package var statement: Int32 = -1
    /// For `balance_mismatch`: which control of the statement failed (-1: opening + movements ≠ closing;
    /// else an index into the statement's `controls`). For `fee_deducted`: the index of the fee
    /// schedule in ``ToleranceConfiguration/fees``. For `matched_within_tolerance`:
    /// ``tolerancePass`` when the tolerance pass made the match, -1 when the reference pass did.
    package var control: Int32 = -1
    /// For a custody finding (account and day rather than rows): the index in
    /// ``CustodyResult/findings``, else -1.
    package var custody: Int32 = -1

    package init(kind: BreakKind, bankRow: Int32 = -1, ledgerRow: Int32 = -1, isBatch: Bool = false,
                ledgerAmount: Int64 = 0, ledgerDate: Int32 = 0, relatedCount: Int32 = 0) {
        self.kind = kind
        self.bankRow = bankRow
        self.ledgerRow = ledgerRow
        self.isBatch = isBatch
        self.ledgerAmount = ledgerAmount
        self.ledgerDate = ledgerDate
        self.relatedCount = relatedCount
    }

    /// Most rows stored per break in ``MatchResult/related``; the detail says how many more there are.
    package static let relatedCap = 10

    /// ``control`` of a `matched_within_tolerance` pair the tolerance pass made.
    package static let tolerancePass: Int32 = 0
}
