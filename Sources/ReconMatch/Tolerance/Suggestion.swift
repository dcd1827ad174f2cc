/// A pair the scored pass found likely but not certain: for a person to confirm or reject.
package struct Suggestion: Sendable, Equatable {
    package var bankRow: Int32
    package var ledgerRow: Int32
    /// Thousandths.
    package var score: Int
    /// The parts of the score, in thousandths of their weight: amount, date, counterparty, reference.
    package var amountPart: Int
    package var datePart: Int
    package var counterpartyPart: Int
    package var referencePart: Int
    /// The date distance in days.
    package var days: Int
}
