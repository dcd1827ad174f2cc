import ReconCore

/// Reads bank files in the canonical layout into a ``BankTable``, streaming.
///
/// Columns are found by header name, so their order may differ; every record must have as many fields
/// as the header. `value_date` may be empty (then it is the booking date); `end_to_end_id`,
/// `counterparty` and `description` may be empty.
public struct CanonicalBankReader {
    public var scanner = CSVScanner()

    public init() {}

    /// Appends the rows of the file at `path` to `table`; `fileIndex` is the input's position.
    public func read(path: String, fileIndex: Int, into table: inout BankTable, catalog: inout Catalog,
                     rejects: inout RejectLog) throws -> InputSummary {
        var source = try FileByteSource(path: path)
        return try read(source: &source, path: path, fileIndex: fileIndex, into: &table, catalog: &catalog, rejects: &rejects)
    }

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> InputSummary {
        var digest = StreamDigest()
        var header: HeaderMap?
        var decoder = FieldDecoder(path: path)
        var rows = 0
        let rejectedBefore = rejects.count
        let file = UInt16(fileIndex)
        try scanner.scan(&source, path: path, onBytes: { digest.update($0) }) { record in
            guard let map = header else {
                header = try HeaderMap(record: record, columns: CanonicalLayout.bankColumns, path: path)
                return
            }
            decoder.line = record.line
            do {
                try decoder.fieldCount(record, expected: map.fieldCount)
                let ix = map.indices
                let ref = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[5]]
                try decoder.required(ref, "bank_ref")
                try decoder.required(account, "account")
                let booking = try decoder.day(record[ix[2]], "booking_date")
                let valueField = record[ix[3]]
                let value = valueField.isEmpty ? booking : try decoder.day(valueField, "value_date")
                try decoder.currency(currencyCode, "currency")
                let exponent = Currency.exponent(ofCode: currencyCode)
                let amount = try decoder.amount(record[ix[4]], exponent: exponent, "amount")
                let e2e = record[ix[6]]
                table.account.append(catalog.accounts.intern(account))
                table.currency.append(catalog.currency(currencyCode))
                table.bookingDate.append(booking.rawValue)
                table.valueDate.append(value.rawValue)
                table.amount.append(amount)
                table.endToEndHash.append(e2e.isEmpty ? 0 : ByteHash.hash(e2e))
                table.bankRef.append(ref)
                table.endToEndId.append(e2e)
                table.counterparty.append(record[ix[7]])
                table.file.append(file)
                table.line.append(UInt32(truncatingIfNeeded: record.line))
                rows += 1
            } catch let error as InputError {
                try rejects.reject(error, side: .bank, raw: record.raw)
            }
        }
        if header == nil {
            throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row")
        }
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, path: path)
        let bytes = digest.bytes
        return InputSummary(side: .bank, path: path, sha256: digest.hex(), bytes: bytes, rows: rows,
                            rejected: rejects.count - rejectedBefore)
    }
}
