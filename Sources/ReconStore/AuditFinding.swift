/// The first audit record that does not verify, and why.
package struct AuditFinding: Sendable, Equatable, CustomStringConvertible {
    package var seq: Int64
    package var runId: Int64
    package var reason: String

    package var description: String { "audit record \(seq) (run \(runId)): \(reason)" }
}
