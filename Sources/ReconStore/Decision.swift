/// A person's decision about a break, recorded with who and why; it survives re-runs.
package struct Decision: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case writeOff = "write-off"
        case explained
        case matchedWith = "matched-with"
    }

    package var breakId: String
    package var kind: Kind
    /// For `matched-with`: the bank_ref or txn_id the item was matched to by hand.
    package var matchedWith: String?
    package var note: String
    package var decidedBy: String
    package var decidedAt: String

    package init(breakId: String, kind: Kind, matchedWith: String?, note: String, decidedBy: String, decidedAt: String) {
        self.breakId = breakId; self.kind = kind; self.matchedWith = matchedWith
        self.note = note; self.decidedBy = decidedBy; self.decidedAt = decidedAt
    }
}
