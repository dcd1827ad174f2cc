import ReconCore

/// Reads ledger files in the canonical layout into a ``LedgerTable``, streaming.
///
/// Columns are found by header name; `type`, `reference`, `batch_id` and `counterparty` may be empty.
public struct CanonicalLedgerReader {
    public var scanner = CSVScanner()

    public init() {}

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout LedgerTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> (rows: Int, rejected: Int) {
        let file = UInt16(fileIndex)
        let counts = try DelimitedFileReading.read(
            source: &source, path: path, side: .ledger, columns: CanonicalLayout.ledgerColumns, scanner: scanner,
            rejects: &rejects
        ) { record, ix, decoder in
            let id = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[4]]
            try decoder.required(id, "txn_id")
            try decoder.required(account, "account")
            let value = try decoder.day(record[ix[2]], "value_date")
            try decoder.currency(currencyCode, "currency")
            let exponent = Currency.exponent(ofCode: currencyCode)
            let amount = try decoder.amount(record[ix[3]], exponent: exponent, "amount")
            let reference = record[ix[6]], batch = record[ix[7]]
            table.account.append(catalog.accounts.intern(account))
            table.currency.append(catalog.currency(currencyCode))
            table.valueDate.append(value.rawValue)
            table.amount.append(amount)
            table.type.append(catalog.types.intern(record[ix[5]]))
            table.referenceHash.append(reference.isEmpty ? 0 : ByteHash.hash(reference))
            table.batchHash.append(batch.isEmpty ? 0 : ByteHash.hash(batch))
            table.txnId.append(id)
            table.reference.append(reference)
            table.batchId.append(batch)
            table.counterparty.append(record[ix[8]])
            table.file.append(file)
            table.line.append(UInt32(truncatingIfNeeded: record.line))
        }
        try TableLimits.check(table.txnId, table.reference, table.batchId, table.counterparty, path: path)
        return counts
    }
}
