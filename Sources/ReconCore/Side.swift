/// Which side of the reconciliation a record comes from.
public enum Side: UInt8, Sendable, CaseIterable {
    /// The bank statement: the system of record.
    case bank
    /// The platform's own ledger, checked against the bank.
    case ledger

    public var name: String { self == .bank ? "bank" : "ledger" }
}
