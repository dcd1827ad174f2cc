/// One input file of a run, as the store and the audit chain record it.
package struct StoredInput: Sendable, Equatable {
    package var side: String
    package var path: String
    package var sha256: String
    package var bytes: Int
    package var rows: Int
    /// Open items carried from an earlier night rather than a file that arrived.
    package var carried: Bool
    /// For a corrected file: the SHA-256 of the version an earlier run of the same date read.
    package var replacesSHA256: String?

    package init(side: String, path: String, sha256: String, bytes: Int, rows: Int, carried: Bool, replacesSHA256: String? = nil) {
        self.side = side; self.path = path; self.sha256 = sha256; self.bytes = bytes; self.rows = rows
        self.carried = carried; self.replacesSHA256 = replacesSHA256
    }

    /// The line the audit chain hashes for this input.
    var auditLine: String { "\(side)|\(path)|\(sha256)|\(bytes)|\(rows)|\(carried ? 1 : 0)|\(replacesSHA256 ?? "")" }
}
