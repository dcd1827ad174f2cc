import ReconCore

/// One break found by the matcher, referring to rows of the run's tables.
///
/// Plain data (no reference-counted field), so that millions of them copy and sort as raw memory;
/// the rows a break names in its detail live in ``MatchResult/related``.
public struct BreakRecord: Sendable {
    public var kind: BreakKind
    /// Whether the ledger side is a batch group (`ledger_id` is then the batch id).
    public var isBatch: Bool
    /// The bank row, or -1.
    public var bankRow: Int32
    /// The ledger row (the first of a batch group), or -1.
    public var ledgerRow: Int32
    /// Ledger date: the row's, or the group's latest.
    public var ledgerDate: Int32
    /// Ledger amount: the row's, or the group's sum.
    public var ledgerAmount: Int64
    /// Where this break's related rows start in ``MatchResult/related``, and how many are stored there
    /// (at most ``relatedCap``): the first occurrence of a duplicate (same side), or the candidates of
    /// an ambiguous row (other side).
    public var relatedOffset: Int32 = 0
    public var relatedStored: Int32 = 0
    /// How many related rows there are in all (ambiguous candidates, batch size).
    public var relatedCount: Int32
    /// For `balance_mismatch`: the index in ``MatchInputs/statements``, else -1.
    public var statement: Int32 = -1
    /// For `balance_mismatch`: which control of the statement failed (-1: opening + movements ≠ closing;
    /// else an index into the statement's `controls`). For `fee_deducted`: the index of the fee
    /// schedule in ``ToleranceConfiguration/fees``. For `matched_within_tolerance`:
    /// ``tolerancePass`` when the tolerance pass made the match, -1 when the reference pass did.
    public var control: Int32 = -1
    /// For a custody finding (account and day rather than rows): the index in
    /// ``CustodyResult/findings``, else -1.
    public var custody: Int32 = -1

    public init(kind: BreakKind, bankRow: Int32 = -1, ledgerRow: Int32 = -1, isBatch: Bool = false,
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
    public static let relatedCap = 10

    /// ``control`` of a `matched_within_tolerance` pair the tolerance pass made.
    public static let tolerancePass: Int32 = 0
}
