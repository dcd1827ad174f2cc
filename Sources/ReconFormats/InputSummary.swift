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
    /// The format spec that read it.
    public var format: String
    /// Whether the stored file was gzip.
    public var compressed: Bool
    /// Whether the file holds balances (`account,date,currency,balance`) for the custody checks
    /// rather than movements.
    public var balances = false
    /// The digest of the file an earlier run of the same date read under this path, when the bytes
    /// differ now (a corrected file).
    public var replacesSHA256: String?

    /// `bank`, `ledger`, `bank_balances` or `ledger_balances`: the role the file played.
    public var role: String { side.name + (balances ? "_balances" : "") }

    public init(side: Side, path: String, sha256: String, bytes: Int, rows: Int, rejected: Int, format: String,
                compressed: Bool) {
        self.side = side
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.rows = rows
        self.rejected = rejected
        self.format = format
        self.compressed = compressed
    }
}
