import ReconCore

/// A row still open after a night (not at the bank yet, or a bank line nobody booked), carried into
/// the next night's matching as a value.
package struct OpenItem: Sendable, Equatable {
    /// The row, by side.
    package enum Row: Sendable, Equatable {
        case bank(CarriedBankLine)
        case ledger(CarriedLedgerRecord)
    }

    package var breakId: String
    package var row: Row

    package init(breakId: String, row: Row) { self.breakId = breakId; self.row = row }

    /// `bank` or `ledger`.
    package var side: String {
        if case .bank = row { return "bank" }
        return "ledger"
    }
}
