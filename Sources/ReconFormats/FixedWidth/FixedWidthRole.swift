/// What a record type of a fixed-width spec stands for (`role = "..."`).
enum FixedWidthRole: String, Sendable, CaseIterable {
    /// A file or batch header (CODA 0): ends any movement in progress and restarts the count of
    /// records that a trailer's `record_count` checks. Holds no fields.
    case header
    /// Starts a statement and holds its opening balance (CFONB 01, AEB 11, CODA 1).
    case opening
    /// A booked movement: one row of the bank table (CFONB 04, AEB 22, CODA 21).
    case movement
    /// Folded into the movement before it (CFONB 05, AEB 23, CODA 22/23/31/32/33).
    case complement
    /// Holds the statement's closing balance and ends it; may carry control totals (CFONB 07,
    /// AEB 33, CODA 8).
    case closing
    /// Control totals about the last statement (CODA 9, AEB 88); holds no balance.
    case trailer
    /// Recognised and skipped (AEB 24, CODA 4, CFONB 05 qualifiers no target wants).
    case ignore
}
