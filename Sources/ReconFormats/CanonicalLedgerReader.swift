import ReconCore

/// Reads ledger files in the canonical layout into a ``LedgerTable``, streaming, on several cores.
///
/// Columns are found by header name; `type`, `reference`, `batch_id` and `counterparty` may be empty.
package struct CanonicalLedgerReader: Sendable {
    package var scanner = CSVScanner()
    /// Threads that parse blocks of the file concurrently.
    package var workers = SystemInfo.processorCount

    package init() {}

    package func read<S: ByteSource>(source: inout S, path: String, fileIndex: Int, into table: inout LedgerTable,
                                    catalog: inout Catalog, rejects: inout RejectLog) throws -> (rows: Int, rejected: Int) {
        let rowsBefore = table.count
        let stores = table.stores
        let counts = try ParallelDelimitedReading(scanner: scanner, workers: workers).read(
            source: { try source.read(into: $0) }, sizeEstimate: { source.decodedSizeEstimate }, path: path, side: .ledger, columns: CanonicalLayout.ledgerColumns, rejects: &rejects,
            makeSegment: { LedgerSegment(stores: stores) },
            reserve: { table.reserveCapacity(rowsBefore + $0) },
            merge: { segment in
                segment.merge(into: &table, catalog: &catalog, file: fileIndex, lanes: workers)
                source.didRead(rows: segment.count)
            })
        try TableLimits.check(table.txnId, table.reference, table.batchId, table.counterparty, path: path)
        return counts
    }
}
