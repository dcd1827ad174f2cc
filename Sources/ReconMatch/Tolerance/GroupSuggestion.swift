import ReconCore

/// A group the group pass found (rows on one side summing exactly to a row on the other) but did not
/// match on its own, because nothing beyond the amounts makes chance negligible, or another group
/// claims one of its rows: for a person to confirm, with the evidence in words.
package struct GroupSuggestion: Sendable, Equatable {
    /// The side of the single row the others sum to.
    package var targetSide: Side
    package var target: Int32
    /// The rows of the other side, in content order.
    package var members: [Int32]
    /// Why it is a suggestion, and what speaks for it.
    package var evidence: String

    package init(targetSide: Side, target: Int32, members: [Int32], evidence: String) {
        self.targetSide = targetSide
        self.target = target
        self.members = members
        self.evidence = evidence
    }
}
