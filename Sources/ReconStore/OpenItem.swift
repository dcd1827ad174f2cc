import ReconCore

/// A row still open after a night (not at the bank yet, or a bank line nobody booked), carried into
/// the next night's matching as a value.
public struct OpenItem: Sendable, Equatable {
    /// The row, by side.
    public enum Row: Sendable, Equatable {
        case bank(CarriedBankLine)
        case ledger(CarriedLedgerRecord)
    }

    public var breakId: String
    public var row: Row

    public init(breakId: String, row: Row) { self.breakId = breakId; self.row = row }

    /// `bank` or `ledger`.
    public var side: String {
        if case .bank = row { return "bank" }
        return "ledger"
    }
}
