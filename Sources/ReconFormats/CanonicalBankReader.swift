import ReconCore

/// Reads bank files in the canonical layout into a ``BankTable``, streaming, on several cores.
///
/// Columns are found by header name, so their order may differ; every record must have as many fields
/// as the header. `value_date` may be empty (then it is the booking date); `end_to_end_id`,
/// `counterparty` and `description` may be empty.
public struct CanonicalBankReader: BankFileReader {
    public var scanner = CSVScanner()
    /// Threads that parse blocks of the file concurrently.
    public var workers = SystemInfo.processorCount

    public init() {}

    public func tuned(workers: Int) -> any BankFileReader {
        var r = self
        r.workers = max(1, workers)
        return r
    }

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        let descriptions = table.storesDescriptions
        let rowsBefore = table.count
        let counts = try ParallelDelimitedReading(scanner: scanner, workers: workers).read(
            source: &source, path: path, side: .bank, columns: CanonicalLayout.bankColumns, rejects: &rejects,
            makeSegment: { BankSegment(storesDescriptions: descriptions) },
            resetSegment: { $0.reset() },
            parseRow: CanonicalBankReader.parseRow,
            reserve: { table.reserveCapacity(rowsBefore + $0) },
            merge: { segment in segment.merge(into: &table, catalog: &catalog, file: fileIndex) })
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, path: path)
        var result = BankFileResult(format: "canonical-bank", encoding: "utf-8")
        result.rows = counts.rows
        result.rejected = counts.rejected
        return result
    }

    @Sendable
    static func parseRow(_ record: CSVRecord, _ ix: [Int], _ decoder: inout FieldDecoder, _ s: inout BankSegment) throws {
        let ref = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[5]]
        try decoder.required(ref, "bank_ref")
        try decoder.required(account, "account")
        let booking = try decoder.day(record[ix[2]], "booking_date")
        let valueField = record[ix[3]]
        let value = valueField.isEmpty ? booking : try decoder.day(valueField, "value_date")
        let (currencyId, exponent) = try decoder.currency(currencyCode, "currency", catalog: &s.catalog)
        let amount = try decoder.amount(record[ix[4]], exponent: exponent, "amount")
        let e2e = record[ix[6]]
        s.table.account.append(s.catalog.accounts.intern(account))
        s.table.currency.append(currencyId)
        s.table.bookingDate.append(booking.rawValue)
        s.table.valueDate.append(value.rawValue)
        s.table.amount.append(amount)
        s.table.endToEndHash.append(e2e.isEmpty ? 0 : ByteHash.hash(e2e))
        s.table.bankRef.append(ref)
        s.table.endToEndId.append(e2e)
        s.table.counterparty.append(record[ix[7]])
        if s.table.storesDescriptions { s.table.description.append(record[ix[8]]) }
        s.table.line.append(UInt32(truncatingIfNeeded: record.line))
    }
}
