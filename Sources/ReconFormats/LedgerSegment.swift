import ReconCore

/// The rows one worker read from one block of a ledger file, with the block's own dictionaries.
struct LedgerSegment: Sendable {
    var table = LedgerTable()
    var catalog = Catalog()

    /// Empties the segment for the next block, keeping its buffers.
    mutating func reset() {
        table.removeAll(keepingCapacity: true)
        catalog = Catalog()
    }

    func merge(into target: inout LedgerTable, catalog: inout Catalog, file: Int) {
        let accounts = remap(self.catalog.accounts, into: &catalog.accounts)
        let types = remap(self.catalog.types, into: &catalog.types)
        let currencies = remapCurrencies(self.catalog, into: &catalog)
        let t = table
        target.account.append(contentsOf: t.account.lazy.map { accounts[Int($0)] })
        target.currency.append(contentsOf: t.currency.lazy.map { currencies[Int($0)] })
        target.valueDate.append(contentsOf: t.valueDate)
        target.amount.append(contentsOf: t.amount)
        target.type.append(contentsOf: t.type.lazy.map { types[Int($0)] })
        target.referenceHash.append(contentsOf: t.referenceHash)
        target.batchHash.append(contentsOf: t.batchHash)
        target.txnId.append(contentsOf: t.txnId)
        target.reference.append(contentsOf: t.reference)
        target.batchId.append(contentsOf: t.batchId)
        target.counterparty.append(contentsOf: t.counterparty)
        target.file.append(contentsOf: repeatElement(UInt16(truncatingIfNeeded: file), count: t.count))
        target.line.append(contentsOf: t.line)
    }
}
