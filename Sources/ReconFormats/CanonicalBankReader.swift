import ReconCore

/// Reads bank files in the canonical layout into a ``BankTable``, streaming, on several cores.
///
/// Columns are found by header name, so their order may differ; every record must have as many fields
/// as the header. `value_date` may be empty (then it is the booking date); `end_to_end_id`,
/// `counterparty` and `description` may be empty.
package struct CanonicalBankReader: BankFileReader {
    package var scanner = CSVScanner()
    /// Threads that parse blocks of the file concurrently.
    package var workers = SystemInfo.processorCount

    package init() {}

    package func tuned(workers: Int) -> any BankFileReader {
        var r = self
        r.workers = max(1, workers)
        return r
    }

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout BankTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> BankFileResult {
        let stores = table.stores
        let rowsBefore = table.count
        let counts = try ParallelDelimitedReading(scanner: scanner, workers: workers).read(
            source: { try source.read(into: $0) }, sizeEstimate: { source.decodedSizeEstimate }, path: path, side: .bank, columns: CanonicalLayout.bankColumns, rejects: &rejects,
            makeSegment: { BankSegment(stores: stores) },
            reserve: { table.reserveCapacity(rowsBefore + $0) },
            merge: { segment in
                segment.merge(into: &table, catalog: &catalog, file: fileIndex, lanes: workers)
                source.didRead(rows: segment.count)
            })
        try TableLimits.check(table.bankRef, table.endToEndId, table.counterparty, path: path)
        var result = BankFileResult(format: "canonical-bank", encoding: "utf-8")
        result.rows = counts.rows
        result.rejected = counts.rejected
        return result
    }
}
