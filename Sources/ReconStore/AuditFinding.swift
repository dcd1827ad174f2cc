/// The first thing in the store the audit chain does not vouch for, and why.
package struct AuditFinding: Sendable, Equatable, CustomStringConvertible {
    /// The chain record at fault (its position in the whole chain), when one is.
    package var seq: Int64?
    /// What it is about: `run 12`, `decision 3`, `table breaks`, `the chain's head`.
    package var subject: String
    package var reason: String

    package init(seq: Int64?, subject: String, reason: String) { self.seq = seq; self.subject = subject; self.reason = reason }

    package var description: String {
        (seq.map { "audit record \($0) (\(subject))" } ?? subject) + ": " + reason
    }
}
