import ReconCore

/// What was read from one input file, for the summary and the audit trail.
package struct InputSummary: Sendable {
    package var side: Side
    package var path: String
    /// Lower-case hex SHA-256 of the file's bytes as stored (before any decompression).
    package var sha256: String
    package var bytes: Int
    /// Rows read into the table.
    package var rows: Int
    /// Rows rejected (only with `--max-rejects`).
    package var rejected: Int
    /// The format spec that read it.
    package var format: String
    /// Whether the stored file was gzip.
    package var compressed: Bool
    /// Whether the file holds balances (`account,date,currency,balance`) for the custody checks
    /// rather than movements.
    package var balances = false
    /// The digest of the file an earlier run of the same date read under this path, when the bytes
    /// differ now (a corrected file).
    package var replacesSHA256: String?

    /// `bank`, `ledger`, `bank_balances` or `ledger_balances`: the role the file played.
    package var role: String { side.name + (balances ? "_balances" : "") }

    package init(side: Side, path: String, sha256: String, bytes: Int, rows: Int, rejected: Int, format: String,
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
