/// A pair the scored pass found likely but not certain: for a person to confirm or reject.
public struct Suggestion: Sendable, Equatable {
    public var bankRow: Int32
    public var ledgerRow: Int32
    /// Thousandths.
    public var score: Int
    /// The parts of the score, in thousandths of their weight: amount, date, counterparty, reference.
    public var amountPart: Int
    public var datePart: Int
    public var counterpartyPart: Int
    public var referencePart: Int
    /// The date distance in days.
    public var days: Int
}
