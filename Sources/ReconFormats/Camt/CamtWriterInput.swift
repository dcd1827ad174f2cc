import ReconCore

/// Canonical bank rows loaded for ``CamtWriter``: the ``BankTable`` columns plus the descriptions
/// (which the table does not keep), decoded and checked as ``CanonicalBankReader`` does.
struct CamtWriterInput {
    var table = BankTable()
    var catalog = Catalog()
    var descriptions = TextColumn()
    let path: String

    /// Reads a canonical bank CSV; the first bad row is an error naming its line and column.
    init<S: ByteSource>(source: inout S, path: String) throws {
        self.path = path
        var rejects = RejectLog(limit: 0)
        var table = BankTable(), catalog = Catalog(), descriptions = TextColumn()
        _ = try DelimitedFileReading.read(
            source: &source, path: path, side: .bank, columns: CanonicalLayout.bankColumns, scanner: CSVScanner(),
            rejects: &rejects
        ) { record, ix, decoder in
            let ref = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[5]]
            try decoder.required(ref, "bank_ref")
            try decoder.required(account, "account")
            let booking = try decoder.day(record[ix[2]], "booking_date")
            let valueField = record[ix[3]]
            let value = valueField.isEmpty ? booking : try decoder.day(valueField, "value_date")
            let (currencyId, exponent) = try decoder.currency(currencyCode, "currency", catalog: &catalog)
            let amount = try decoder.amount(record[ix[4]], exponent: exponent, "amount")
            let e2e = record[ix[6]]
            table.account.append(catalog.accounts.intern(account))
            table.currency.append(currencyId)
            table.bookingDate.append(booking.rawValue)
            table.valueDate.append(value.rawValue)
            table.amount.append(amount)
            table.endToEndHash.append(e2e.isEmpty ? 0 : ByteHash.hash(e2e))
            table.bankRef.append(ref)
            table.endToEndId.append(e2e)
            table.counterparty.append(record[ix[7]])
            table.file.append(0)
            table.line.append(UInt32(truncatingIfNeeded: record.line))
            descriptions.append(record[ix[8]])
        }
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, descriptions, path: path)
        self.table = table
        self.catalog = catalog
        self.descriptions = descriptions
    }

    /// The rows grouped into statements, one per (account, currency) in order of first appearance,
    /// each with its rows in input order.
    func statements() throws -> [CamtWriterStatement] {
        var index: [Int64: Int] = [:]
        var statements: [CamtWriterStatement] = []
        for i in 0..<table.count {
            let key = Int64(table.account[i]) << 32 | Int64(UInt32(bitPattern: table.currency[i]))
            let s: Int
            if let found = index[key] {
                s = found
            } else {
                s = statements.count
                index[key] = s
                statements.append(CamtWriterStatement(account: table.account[i], currency: table.currency[i],
                                                      firstDate: table.bookingDate[i], lastDate: table.bookingDate[i]))
            }
            statements[s].rows.append(Int32(i))
            let (sum, overflow) = statements[s].sum.addingReportingOverflow(table.amount[i])
            if overflow {
                throw InputError.badRecord(path: path, line: Int(table.line[i]), field: "amount",
                                           reason: "the account's closing balance does not fit in 64-bit minor units")
            }
            statements[s].sum = sum
            statements[s].firstDate = min(statements[s].firstDate, table.bookingDate[i])
            statements[s].lastDate = max(statements[s].lastDate, table.bookingDate[i])
        }
        return statements
    }
}
