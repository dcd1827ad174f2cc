/// A ledger record still open after a night (not at the bank yet, or left ambiguous), carried as a
/// value into the next night's matching: the columns of the canonical ledger layout, typed.
public struct CarriedLedgerRecord: Sendable, Hashable {
    public var txnId: String
    public var account: String
    public var valueDate: Day
    /// Signed minor units of ``currency``.
    public var amount: Int64
    public var currency: String
    public var type: String
    public var reference: String
    public var batchId: String
    public var counterparty: String

    public init(txnId: String, account: String, valueDate: Day, amount: Int64, currency: String, type: String = "",
                reference: String = "", batchId: String = "", counterparty: String = "") {
        self.txnId = txnId; self.account = account; self.valueDate = valueDate; self.amount = amount
        self.currency = currency; self.type = type; self.reference = reference; self.batchId = batchId
        self.counterparty = counterparty
    }

    /// Row `i` of `table` (a counterparty the run did not store is empty).
    public init(row i: Int, of table: LedgerTable, catalog: Catalog) {
        self.init(txnId: table.txnId.string(i), account: catalog.accounts.string(table.account[i]),
                  valueDate: Day(rawValue: table.valueDate[i]), amount: table.amount[i],
                  currency: catalog.currencies.string(table.currency[i]), type: catalog.types.string(table.type[i]),
                  reference: table.reference.string(i), batchId: table.batchId.string(i),
                  counterparty: i < table.counterparty.count ? table.counterparty.string(i) : "")
    }
}

extension LedgerTable {
    /// Appends a carried record as a row of file `file` at `line` (as the carried items' file shows
    /// it); accounts, currencies and types are interned in `catalog`.
    public mutating func append(_ record: CarriedLedgerRecord, file: Int, line lineNumber: Int, catalog: inout Catalog) {
        account.append(catalog.accounts.intern(record.account))
        currency.append(catalog.currency(record.currency))
        valueDate.append(record.valueDate.rawValue)
        amount.append(record.amount)
        type.append(catalog.types.intern(record.type))
        var reference = record.reference, batch = record.batchId
        reference.withUTF8 { referenceHash.append($0.isEmpty ? 0 : ByteHash.hash($0)) }
        batch.withUTF8 { batchHash.append($0.isEmpty ? 0 : ByteHash.hash($0)) }
        txnId.append(record.txnId)
        self.reference.append(record.reference)
        batchId.append(record.batchId)
        if stores.contains(.counterparty) { counterparty.append(record.counterparty) }
        if stores.contains(.provenance) {
            self.file.append(UInt16(truncatingIfNeeded: file))
            line.append(UInt32(truncatingIfNeeded: lineNumber))
        }
    }
}
