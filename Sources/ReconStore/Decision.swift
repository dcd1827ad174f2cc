/// A person's decision about a break, recorded with who and why; it survives re-runs.
public struct Decision: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case writeOff = "write-off"
        case explained
        case matchedWith = "matched-with"
    }

    public var breakId: String
    public var kind: Kind
    /// For `matched-with`: the bank_ref or txn_id the item was matched to by hand.
    public var matchedWith: String?
    public var note: String
    public var decidedBy: String
    public var decidedAt: String

    public init(breakId: String, kind: Kind, matchedWith: String?, note: String, decidedBy: String, decidedAt: String) {
        self.breakId = breakId; self.kind = kind; self.matchedWith = matchedWith
        self.note = note; self.decidedBy = decidedBy; self.decidedAt = decidedAt
    }
}
