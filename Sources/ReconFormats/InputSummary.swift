import ReconCore

/// What was read from one input file, for the summary and the audit trail.
public struct InputSummary: Sendable {
    public var side: Side
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes as stored (before any decompression).
    public var sha256: String
    public var bytes: Int
    /// Rows read into the table.
    public var rows: Int
    /// Rows rejected (only with `--max-rejects`).
    public var rejected: Int
}
