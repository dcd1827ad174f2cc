/// The columns of ``BankTable`` and ``LedgerTable`` that matching never reads. A table stores only
/// those it is asked to, so a run does not spend memory (and the time to fill it) on columns that no
/// pass or report of its configuration uses; a column not stored stays empty.
public struct StoredColumns: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The counterparty name of each row.
    public static let counterparty = StoredColumns(rawValue: 1 << 0)
    /// The bank's value date (matching uses the booking date; the ledger's value date is always kept).
    public static let valueDate = StoredColumns(rawValue: 1 << 1)
    /// The file index and line number of each row.
    public static let provenance = StoredColumns(rawValue: 1 << 2)
    /// The bank's description text.
    public static let description = StoredColumns(rawValue: 1 << 3)

    /// Every column of the input: for converting and displaying files.
    public static let all: StoredColumns = [.counterparty, .valueDate, .provenance, .description]
    /// What a table stores unless told otherwise: everything but the descriptions.
    public static let standard: StoredColumns = [.counterparty, .valueDate, .provenance]
    /// What the matcher and the break report read: none of the optional columns.
    public static let matching: StoredColumns = []
}
