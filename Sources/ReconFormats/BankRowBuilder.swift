import ReconCore

/// One bank movement being assembled by a reader, in reusable byte buffers (no allocation per row
/// once the buffers have grown). Readers fill it, call ``BankTable/append(_:file:catalog:)``, then
/// ``reset()``.
package struct BankRowBuilder: Sendable {
    package var bankRef: [UInt8] = []
    package var account: [UInt8] = []
    /// ISO 4217 code, three capital letters.
    package var currency: [UInt8] = []
    package var endToEndId: [UInt8] = []
    package var counterparty: [UInt8] = []
    package var description: [UInt8] = []
    package var bookingDate = Day(rawValue: 0)
    package var valueDate = Day(rawValue: 0)
    /// Signed minor units of `currency`; positive is money into the account.
    package var amount: Int64 = 0
    /// Line (or record number) where the movement starts, for error messages and reports.
    package var line = 0

    package init() {}

    package mutating func reset() {
        bankRef.removeAll(keepingCapacity: true)
        account.removeAll(keepingCapacity: true)
        currency.removeAll(keepingCapacity: true)
        endToEndId.removeAll(keepingCapacity: true)
        counterparty.removeAll(keepingCapacity: true)
        description.removeAll(keepingCapacity: true)
        amount = 0
        line = 0
    }
}

extension BankTable {
    /// Appends a movement assembled by a reader; accounts and currencies are interned in `catalog`.
    package mutating func append(_ row: BankRowBuilder, file: Int, catalog: inout Catalog) {
        row.account.withUnsafeBufferPointer { account.append(catalog.accounts.intern($0)) }
        row.currency.withUnsafeBufferPointer { currency.append(catalog.currency($0)) }
        bookingDate.append(row.bookingDate.rawValue)
        if stores.contains(.valueDate) { valueDate.append(row.valueDate.rawValue) }
        amount.append(row.amount)
        row.endToEndId.withUnsafeBufferPointer { e in
            endToEndHash.append(e.isEmpty ? 0 : ByteHash.hash(e))
            endToEndId.append(e)
        }
        row.bankRef.withUnsafeBufferPointer { bankRef.append($0) }
        if stores.contains(.counterparty) { row.counterparty.withUnsafeBufferPointer { counterparty.append($0) } }
        if stores.contains(.description) { row.description.withUnsafeBufferPointer { description.append($0) } }
        if stores.contains(.provenance) {
            self.file.append(UInt16(truncatingIfNeeded: file))
            line.append(UInt32(truncatingIfNeeded: row.line))
        }
    }
}
