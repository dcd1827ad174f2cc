/// A control total a closing or trailer record may declare, and what the reader compares it with.
enum FixedWidthControlKind: String, Sendable, CaseIterable {
    /// Movements of the statement (rows appended).
    case movementCount = "movement_count"
    /// Movements whose sign says debit, and credit (a zero amount counts by its sign code).
    case debitCount = "debit_count"
    case creditCount = "credit_count"
    /// Sums of the debit movements' and the credit movements' magnitudes.
    case debitTotal = "debit_total"
    case creditTotal = "credit_total"
    /// Non-blank records since the last `header` record (or the start of the file), excluding the
    /// header and this record: CODA 9 counts records 1 to 8, AEB 88 every record before it.
    case recordCount = "record_count"

    /// Whether the value is money (read like an amount) rather than a count.
    var isMoney: Bool { self == .debitTotal || self == .creditTotal }
}
