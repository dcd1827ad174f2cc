import ReconCore

/// Reads ledger files in the canonical layout into a ``LedgerTable``, streaming.
///
/// Columns are found by header name; `type`, `reference`, `batch_id` and `counterparty` may be empty.
public struct CanonicalLedgerReader {
    public var scanner = CSVScanner()

    public init() {}

    public func read(path: String, fileIndex: Int, into table: inout LedgerTable, catalog: inout Catalog,
                     rejects: inout RejectLog) throws -> InputSummary {
        var source = try FileByteSource(path: path)
        return try read(source: &source, path: path, fileIndex: fileIndex, into: &table, catalog: &catalog, rejects: &rejects)
    }

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout LedgerTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> InputSummary {
        var digest = StreamDigest()
        var header: HeaderMap?
        var decoder = FieldDecoder(path: path)
        var rows = 0
        let rejectedBefore = rejects.count
        let file = UInt16(fileIndex)
        try scanner.scan(&source, path: path, onBytes: { digest.update($0) }) { record in
            guard let map = header else {
                header = try HeaderMap(record: record, columns: CanonicalLayout.ledgerColumns, path: path)
                return
            }
            decoder.line = record.line
            do {
                try decoder.fieldCount(record, expected: map.fieldCount)
                let ix = map.indices
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
                rows += 1
            } catch let error as InputError {
                try rejects.reject(error, side: .ledger, raw: record.raw)
            }
        }
        if header == nil {
            throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row")
        }
        try TableLimits.check(table.txnId, table.reference, table.batchId, table.counterparty, path: path)
        let bytes = digest.bytes
        return InputSummary(side: .ledger, path: path, sha256: digest.hex(), bytes: bytes, rows: rows,
                            rejected: rejects.count - rejectedBefore)
    }
}
