import GRDB
import ReconCore

/// A row of the store's `open_items` table (a GRDB record): an ``OpenItem`` of a run, its columns
/// typed. `ref` is a bank line's `bank_ref` or a ledger record's `txn_id`; `booking_date`,
/// `end_to_end_id` and `description` are a bank line's, `type`, `reference` and `batch_id` a ledger
/// record's.
struct OpenItemRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "open_items"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var runId: Int64
    var side: String
    var breakId: String
    var ref: String
    var account: String
    var currency: String
    var bookingDate: String?
    var valueDate: String
    var amount: StoredInteger
    var endToEndId: String?
    var counterparty: String
    var description: String?
    var type: String?
    var reference: String?
    var batchId: String?

    init(runId: Int64, _ item: OpenItem) {
        self.runId = runId
        side = item.side
        breakId = item.breakId
        switch item.row {
        case .bank(let b):
            ref = b.bankRef; account = b.account; currency = b.currency; bookingDate = b.bookingDate.iso
            valueDate = b.valueDate.iso; amount = StoredInteger(Int(b.amount)); endToEndId = b.endToEndId
            counterparty = b.counterparty; description = b.description
        case .ledger(let l):
            ref = l.txnId; account = l.account; currency = l.currency; valueDate = l.valueDate.iso
            amount = StoredInteger(Int(l.amount)); counterparty = l.counterparty; type = l.type; reference = l.reference
            batchId = l.batchId
        }
    }

    /// The open item; a row the store cannot hold (a store changed by hand) is an error naming it.
    func item(path: String) throws -> OpenItem {
        func bad(_ column: String, _ value: String) -> StoreError {
            .corrupt(path: path, table: "open_items", reason: "item \(breakId) of run \(runId): \(column) '\(value)' is not what the column holds")
        }
        func day(_ column: String, _ text: String?) throws -> Day {
            guard let text, let d = Day(calendarISO: text) else { throw bad(column, text ?? "null") }
            return d
        }
        switch side {
        case "bank":
            return OpenItem(breakId: breakId, row: .bank(CarriedBankLine(
                bankRef: ref, account: account, bookingDate: try day("booking_date", bookingDate), valueDate: try day("value_date", valueDate),
                amount: Int64(amount.value), currency: currency, endToEndId: endToEndId ?? "", counterparty: counterparty,
                description: description ?? "")))
        case "ledger":
            return OpenItem(breakId: breakId, row: .ledger(CarriedLedgerRecord(
                txnId: ref, account: account, valueDate: try day("value_date", valueDate), amount: Int64(amount.value), currency: currency,
                type: type ?? "", reference: reference ?? "", batchId: batchId ?? "", counterparty: counterparty)))
        default:
            throw bad("side", side)
        }
    }

    /// An item written before open items were typed: its row in the canonical layout of its side.
    static func item(side: String, breakId: String, rowCSV: String) -> OpenItem? {
        guard let f = CSVField.split(rowCSV) else { return nil }
        func amount(_ text: String, _ currency: String) -> Int64? {
            var t = text
            guard case .success(let v) = t.withUTF8({ MinorUnits.parse($0, exponent: Currency.exponent(ofCode: Array(currency.utf8))) }) else {
                return nil
            }
            return v
        }
        if side == "bank", f.count == 9, let booking = Day(calendarISO: f[2]), let value = Day(calendarISO: f[3]),
           let a = amount(f[4], f[5]) {
            return OpenItem(breakId: breakId, row: .bank(CarriedBankLine(bankRef: f[0], account: f[1], bookingDate: booking, valueDate: value,
                                                                        amount: a, currency: f[5], endToEndId: f[6], counterparty: f[7],
                                                                        description: f[8])))
        }
        if side == "ledger", f.count == 9, let value = Day(calendarISO: f[2]), let a = amount(f[3], f[4]) {
            return OpenItem(breakId: breakId, row: .ledger(CarriedLedgerRecord(txnId: f[0], account: f[1], valueDate: value, amount: a,
                                                                              currency: f[4], type: f[5], reference: f[6], batchId: f[7],
                                                                              counterparty: f[8])))
        }
        return nil
    }
}
