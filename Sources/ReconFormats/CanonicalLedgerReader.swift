import ReconCore

/// Reads ledger files in the canonical layout into a ``LedgerTable``, streaming, on several cores.
///
/// Columns are found by header name; `type`, `reference`, `batch_id` and `counterparty` may be empty.
public struct CanonicalLedgerReader: Sendable {
    public var scanner = CSVScanner()
    /// Threads that parse blocks of the file concurrently.
    public var workers = SystemInfo.processorCount

    public init() {}

    public func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout LedgerTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> (rows: Int, rejected: Int) {
        let rowsBefore = table.count
        let counts = try ParallelDelimitedReading(scanner: scanner, workers: workers).read(
            source: &source, path: path, side: .ledger, columns: CanonicalLayout.ledgerColumns, rejects: &rejects,
            makeSegment: { LedgerSegment() },
            resetSegment: { $0.reset() },
            parseRow: CanonicalLedgerReader.parseRow,
            reserve: { table.reserveCapacity(rowsBefore + $0) },
            merge: { segment in segment.merge(into: &table, catalog: &catalog, file: fileIndex) })
        try TableLimits.check(table.txnId, table.reference, table.batchId, table.counterparty, path: path)
        return counts
    }

    @Sendable
    static func parseRow(_ record: CSVRecord, _ ix: [Int], _ decoder: inout FieldDecoder, _ s: inout LedgerSegment) throws {
        let id = record[ix[0]], account = record[ix[1]], currencyCode = record[ix[4]]
        try decoder.required(id, "txn_id")
        try decoder.required(account, "account")
        let value = try decoder.day(record[ix[2]], "value_date")
        let (currencyId, exponent) = try decoder.currency(currencyCode, "currency", catalog: &s.catalog)
        let amount = try decoder.amount(record[ix[3]], exponent: exponent, "amount")
        let reference = record[ix[6]], batch = record[ix[7]]
        s.table.account.append(s.catalog.accounts.intern(account))
        s.table.currency.append(currencyId)
        s.table.valueDate.append(value.rawValue)
        s.table.amount.append(amount)
        s.table.type.append(s.catalog.types.intern(record[ix[5]]))
        s.table.referenceHash.append(reference.isEmpty ? 0 : ByteHash.hash(reference))
        s.table.batchHash.append(batch.isEmpty ? 0 : ByteHash.hash(batch))
        s.table.txnId.append(id)
        s.table.reference.append(reference)
        s.table.batchId.append(batch)
        s.table.counterparty.append(record[ix[8]])
        s.table.line.append(UInt32(truncatingIfNeeded: record.line))
    }
}
