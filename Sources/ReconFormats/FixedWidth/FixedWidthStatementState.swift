import ReconCore

/// The statement a fixed-width file is in: its summary so far, and the tallies its control totals
/// are checked against.
struct FixedWidthStatementState {
    var summary: StatementSummary
    /// UTF-8 account and ISO currency, copied into each movement.
    let account: [UInt8]
    let currency: [UInt8]
    let exponent: Int
    /// Whether its closing record has been read.
    var closed = false
    var debitCount = 0
    var creditCount = 0
    var debitTotal: Int64 = 0
    var creditTotal: Int64 = 0

    init(summary: StatementSummary, account: [UInt8], currency: [UInt8]) {
        self.summary = summary
        self.account = account
        self.currency = currency
        exponent = Currency.exponent(ofCode: currency)
    }

    /// Counts a movement appended to the table.
    mutating func add(_ amount: Int64, debit: Bool) {
        summary.movementCount += 1
        summary.movementSum &+= amount
        if debit {
            debitCount += 1
            debitTotal &+= amount.magnitude > UInt64(Int64.max) ? Int64.max : Int64(amount.magnitude)
        } else {
            creditCount += 1
            creditTotal &+= amount.magnitude > UInt64(Int64.max) ? Int64.max : Int64(amount.magnitude)
        }
    }

    /// What the statement's movements say for a control total.
    func computed(_ kind: FixedWidthControlKind, recordsSinceHeader: Int) -> Int64 {
        switch kind {
        case .movementCount: return Int64(summary.movementCount)
        case .debitCount: return Int64(debitCount)
        case .creditCount: return Int64(creditCount)
        case .debitTotal: return debitTotal
        case .creditTotal: return creditTotal
        case .recordCount: return Int64(recordsSinceHeader)
        }
    }
}
