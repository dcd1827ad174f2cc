import ReconCore

/// The rows one worker read from one block of a bank file, with the block's own dictionaries.
struct BankSegment: Sendable {
    var table = BankTable()
    var catalog = Catalog()

    init(storesDescriptions: Bool) { table.storesDescriptions = storesDescriptions }

    /// Empties the segment for the next block, keeping its buffers.
    mutating func reset() {
        table.removeAll(keepingCapacity: true)
        catalog = Catalog()
    }

    /// Appends the segment's rows to `target`, translating its dictionary ids to `catalog`'s.
    func merge(into target: inout BankTable, catalog: inout Catalog, file: Int) {
        let accounts = remap(self.catalog.accounts, into: &catalog.accounts)
        let currencies = remapCurrencies(self.catalog, into: &catalog)
        let t = table
        target.account.append(contentsOf: t.account.lazy.map { accounts[Int($0)] })
        target.currency.append(contentsOf: t.currency.lazy.map { currencies[Int($0)] })
        target.bookingDate.append(contentsOf: t.bookingDate)
        target.valueDate.append(contentsOf: t.valueDate)
        target.amount.append(contentsOf: t.amount)
        target.endToEndHash.append(contentsOf: t.endToEndHash)
        target.bankRef.append(contentsOf: t.bankRef)
        target.endToEndId.append(contentsOf: t.endToEndId)
        target.counterparty.append(contentsOf: t.counterparty)
        if target.storesDescriptions { target.description.append(contentsOf: t.description) }
        target.file.append(contentsOf: repeatElement(UInt16(truncatingIfNeeded: file), count: t.count))
        target.line.append(contentsOf: t.line)
    }
}
