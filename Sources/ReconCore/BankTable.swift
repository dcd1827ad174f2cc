/// Bank statement lines, stored by column.
///
/// Row `i` is the `i`-th line of all bank inputs in input order. Amounts are minor units, dates day
/// numbers, accounts and currencies ids of the run's ``Catalog``; texts live in arenas.
public struct BankTable: Sendable {
    public var account: [Int32] = []
    public var currency: [Int32] = []
    public var bookingDate: [Int32] = []
    /// Empty unless ``stores`` contains ``StoredColumns/valueDate``.
    public var valueDate: [Int32] = []
    public var amount: [Int64] = []
    /// Hash of `endToEndId` (0 when empty).
    public var endToEndHash: [UInt64] = []
    public var bankRef = TextColumn()
    public var endToEndId = TextColumn()
    /// Empty unless ``stores`` contains ``StoredColumns/counterparty``.
    public var counterparty = TextColumn()
    /// The optional columns readers fill. Descriptions are kept only when asked (`recon convert`,
    /// `inspect`); a run stores only what its passes read.
    public var stores = StoredColumns.standard
    /// Empty unless ``stores`` contains ``StoredColumns/description``.
    public var description = TextColumn()
    /// File index and line of each row; empty unless ``stores`` contains ``StoredColumns/provenance``.
    public var file: [UInt16] = []
    public var line: [UInt32] = []

    public init() {}

    public var count: Int { amount.count }

    public mutating func reserveCapacity(_ n: Int) {
        account.reserveCapacity(n); currency.reserveCapacity(n)
        bookingDate.reserveCapacity(n)
        amount.reserveCapacity(n); endToEndHash.reserveCapacity(n)
        bankRef.reserveLikeSoFar(rows: n, bytesPerRow: 12)
        endToEndId.reserveLikeSoFar(rows: n, bytesPerRow: 14)
        if stores.contains(.valueDate) { valueDate.reserveCapacity(n) }
        if stores.contains(.provenance) { file.reserveCapacity(n); line.reserveCapacity(n) }
        if stores.contains(.counterparty) { counterparty.reserveLikeSoFar(rows: n, bytesPerRow: 12) }
        if stores.contains(.description) { description.reserveLikeSoFar(rows: n, bytesPerRow: 24) }
    }

    public mutating func removeAll(keepingCapacity keep: Bool) {
        account.removeAll(keepingCapacity: keep); currency.removeAll(keepingCapacity: keep)
        bookingDate.removeAll(keepingCapacity: keep); valueDate.removeAll(keepingCapacity: keep)
        amount.removeAll(keepingCapacity: keep); endToEndHash.removeAll(keepingCapacity: keep)
        bankRef.removeAll(keepingCapacity: keep); endToEndId.removeAll(keepingCapacity: keep)
        counterparty.removeAll(keepingCapacity: keep); description.removeAll(keepingCapacity: keep)
        file.removeAll(keepingCapacity: keep); line.removeAll(keepingCapacity: keep)
    }

    /// The description of row `i`, or "" when descriptions are not stored.
    public func descriptionString(_ i: Int) -> String { i < description.count ? description.string(i) : "" }

    /// The value date of row `i`, or its booking date when value dates are not stored.
    public func valueDay(_ i: Int) -> Day { Day(rawValue: i < valueDate.count ? valueDate[i] : bookingDate[i]) }

    /// The row's date for matching: its booking date.
    @inlinable
    public func date(_ i: Int) -> Day { Day(rawValue: bookingDate[i]) }
}
