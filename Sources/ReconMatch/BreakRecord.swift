import ReconCore

/// One break found by the matcher, referring to rows of the run's tables.
public struct BreakRecord: Sendable {
    public var kind: BreakKind
    /// The bank row, or -1.
    public var bankRow: Int32
    /// The ledger row (the first of a batch group), or -1.
    public var ledgerRow: Int32
    /// Whether the ledger side is a batch group (`ledger_id` is then the batch id).
    public var isBatch: Bool
    /// Ledger amount: the row's, or the group's sum.
    public var ledgerAmount: Int64
    /// Ledger date: the row's, or the group's latest.
    public var ledgerDate: Int32
    /// Rows the detail names: the first occurrence of a duplicate (same side), the candidates of an
    /// ambiguous row (other side), or all ledger rows of a batch group.
    public var related: [Int32]
    /// How many rows `related` would hold without its cap (ambiguous candidates, batch size).
    public var relatedCount: Int32
    /// For `balance_mismatch`: the index in ``MatchInputs/statements``, else -1.
    public var statement: Int32 = -1
    /// For `balance_mismatch`: which control of the statement failed (-1: opening + movements ≠ closing;
    /// else an index into the statement's `controls`).
    public var control: Int32 = -1

    public init(kind: BreakKind, bankRow: Int32 = -1, ledgerRow: Int32 = -1, isBatch: Bool = false,
                ledgerAmount: Int64 = 0, ledgerDate: Int32 = 0, related: [Int32] = [], relatedCount: Int32? = nil) {
        self.kind = kind
        self.bankRow = bankRow
        self.ledgerRow = ledgerRow
        self.isBatch = isBatch
        self.ledgerAmount = ledgerAmount
        self.ledgerDate = ledgerDate
        self.related = related
        self.relatedCount = relatedCount ?? Int32(related.count)
    }

    /// Most rows named in `related`; the detail says how many more there are.
    public static let relatedCap = 10
}
