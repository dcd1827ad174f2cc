import ReconCore
/// What a bank reader read from one file.
package struct BankFileResult: Sendable {
    /// The format spec's name, e.g. `camt053` or `cfonb120`.
    package var format: String
    /// The text encoding read, e.g. `utf-8` or `gb18030`.
    package var encoding: String
    package var rows = 0
    package var rejected = 0
    /// Entries the file lists that are not booked movements of the account (pending, informational,
    /// cancelled, neutral): not read into the table, counted here.
    package var skipped = 0
    package var statements: [StatementSummary] = []
    /// Notes on particular rows, by their row in the table (an ACH return's reason): the break
    /// report shows them in the row's detail.
    package var notes: [Int: String] = [:]

    package init(format: String, encoding: String) {
        self.format = format
        self.encoding = encoding
    }
}
