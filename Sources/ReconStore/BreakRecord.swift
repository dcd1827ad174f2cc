import GRDB
import ReconCore

/// A row of the store's `breaks` table (a GRDB record): a ``StoredBreak`` with its run, the line's
/// columns typed (amounts in minor units, dates as `yyyy-mm-dd`).
struct BreakRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "breaks"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var runId: Int64
    var breakId: String
    var kind: String
    var severity: String
    var account: String
    var currency: String
    var bankRef: String
    var ledgerId: String
    var bankDate: String?
    var ledgerDate: String?
    var bankAmount: StoredAmount?
    var ledgerAmount: StoredAmount?
    var difference: StoredAmount?
    var exponent: StoredInteger
    var ageDays: StoredInteger
    var detail: String

    init(runId: Int64, _ b: StoredBreak) {
        let l = b.line
        self.runId = runId; breakId = b.id; kind = l.kind.name; severity = l.severity.name
        account = l.account; currency = l.currency; bankRef = l.bankRef; ledgerId = l.ledgerId
        bankDate = l.bankDate?.iso; ledgerDate = l.ledgerDate?.iso
        bankAmount = l.bankAmount.map(StoredAmount.init); ledgerAmount = l.ledgerAmount.map(StoredAmount.init)
        difference = l.difference.map(StoredAmount.init)
        exponent = StoredInteger(l.exponent); ageDays = StoredInteger(l.ageDays); detail = l.detail
    }

    /// The stored break; a kind, severity or date the store cannot hold is an error naming the break.
    func stored(path: String) throws -> StoredBreak {
        func bad(_ column: String, _ value: String) -> StoreError {
            .corrupt(path: path, table: "breaks", reason: "break \(breakId): \(column) '\(value)' is not what the column holds")
        }
        guard let k = BreakKind(name: kind) else { throw bad("kind", kind) }
        guard let s = Severity(name: severity) else { throw bad("severity", severity) }
        func day(_ column: String, _ text: String?) throws -> Day? {
            guard let text else { return nil }
            guard let d = Day(calendarISO: text) else { throw bad(column, text) }
            return d
        }
        let line = BreakLine(kind: k, severity: s, account: account, currency: currency, bankRef: bankRef, ledgerId: ledgerId,
                             bankDate: try day("bank_date", bankDate), ledgerDate: try day("ledger_date", ledgerDate),
                             bankAmount: bankAmount?.value, ledgerAmount: ledgerAmount?.value, difference: difference?.value,
                             exponent: exponent.value, ageDays: ageDays.value, detail: detail)
        return StoredBreak(id: breakId, line: line)
    }
}
