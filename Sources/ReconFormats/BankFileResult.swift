import ReconCore
/// What a bank reader read from one file.
public struct BankFileResult: Sendable {
    /// The format spec's name, e.g. `camt053` or `cfonb120`.
    public var format: String
    /// The text encoding read, e.g. `utf-8` or `gb18030`.
    public var encoding: String
    public var rows = 0
    public var rejected = 0
    /// Entries the file lists that are not booked movements of the account (pending, informational,
    /// cancelled, neutral): not read into the table, counted here.
    public var skipped = 0
    public var statements: [StatementSummary] = []
    /// Notes on particular rows, by their row in the table (an ACH return's reason): the break
    /// report shows them in the row's detail.
    public var notes: [Int: String] = [:]

    public init(format: String, encoding: String) {
        self.format = format
        self.encoding = encoding
    }
}
