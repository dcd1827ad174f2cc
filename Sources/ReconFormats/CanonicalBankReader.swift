import ReconCore

/// Reads bank files in the canonical layout into a ``BankTable``, streaming.
///
/// Columns are found by header name, so their order may differ; every record must have as many fields
/// as the header. `value_date` may be empty (then it is the booking date); `end_to_end_id`,
/// `counterparty` and `description` may be empty.
public struct CanonicalBankReader: BankFileReader {
    public var scanner = CSVScanner()

    public init() {}

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        let file = UInt16(fileIndex)
        let counts = try DelimitedFileReading.read(
            source: &source, path: path, side: .bank, columns: CanonicalLayout.bankColumns, scanner: scanner,
            rejects: &rejects
        ) { record, ix, decoder in
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
            if table.storesDescriptions { table.description.append(record[ix[8]]) }
            table.file.append(file)
            table.line.append(UInt32(truncatingIfNeeded: record.line))
        }
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, path: path)
        var result = BankFileResult(format: "canonical-bank", encoding: "utf-8")
        result.rows = counts.rows
        result.rejected = counts.rejected
        return result
    }
}
