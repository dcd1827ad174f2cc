import ReconCore
/// What a reader's state has counted by the end of a file: the parts of a ``BankFileResult``.
protocol ReadTally {
    var rows: Int { get }
    var rejected: Int { get }
    var skipped: Int { get }
    var statements: [StatementSummary] { get }
    var notes: [Int: String] { get }
}

extension ReadTally {
    var skipped: Int { 0 }
    var notes: [Int: String] { [:] }
}

extension BankFileResult {
    /// The result of a file read by `format`, with what `tally` counted.
    init(format: String, encoding: String, tally: some ReadTally) {
        self.init(format: format, encoding: encoding)
        rows = tally.rows
        rejected = tally.rejected
        skipped = tally.skipped
        statements = tally.statements
        notes = tally.notes
    }
}
