import ReconCore

/// One row (or pair) that makes a custody difference: its label (`bank_ref`, `txn_id`, or both as
/// `B/T`), the break kind it is part of, its day and its signed effect on bank minus platform.
package struct CustodyItem: Sendable, Equatable {
    package var label: String
    package var kind: BreakKind
    package var day: Day
    package var amount: Int64

    package init(label: String, kind: BreakKind, day: Day, amount: Int64) {
        self.label = label
        self.kind = kind
        self.day = day
        self.amount = amount
    }
}
