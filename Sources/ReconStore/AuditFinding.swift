/// The first audit record that does not verify, and why.
public struct AuditFinding: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int64
    public var runId: Int64
    public var reason: String

    public var description: String { "audit record \(seq) (run \(runId)): \(reason)" }
}
