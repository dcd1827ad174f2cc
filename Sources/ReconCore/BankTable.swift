/// Bank statement lines, stored by column.
///
/// Row `i` is the `i`-th line of all bank inputs in input order. Amounts are minor units, dates day
/// numbers, accounts and currencies ids of the run's ``Catalog``; texts live in arenas.
public struct BankTable: Sendable {
    public var account: [Int32] = []
    public var currency: [Int32] = []
    public var bookingDate: [Int32] = []
    public var valueDate: [Int32] = []
    public var amount: [Int64] = []
    /// Hash of `endToEndId` (0 when empty).
    public var endToEndHash: [UInt64] = []
    public var bankRef = TextColumn()
    public var endToEndId = TextColumn()
    public var counterparty = TextColumn()
    /// Descriptions are kept only when asked (`recon convert`, `inspect`): matching never reads them.
    public var storesDescriptions = false
    public var description = TextColumn()
    public var file: [UInt16] = []
    public var line: [UInt32] = []

    public init() {}

    public var count: Int { amount.count }

    public mutating func reserveCapacity(_ n: Int) {
        account.reserveCapacity(n); currency.reserveCapacity(n)
        bookingDate.reserveCapacity(n); valueDate.reserveCapacity(n)
        amount.reserveCapacity(n); endToEndHash.reserveCapacity(n)
        file.reserveCapacity(n); line.reserveCapacity(n)
        bankRef.reserveLikeSoFar(rows: n, bytesPerRow: 12)
        endToEndId.reserveLikeSoFar(rows: n, bytesPerRow: 14)
        counterparty.reserveLikeSoFar(rows: n, bytesPerRow: 12)
        if storesDescriptions { description.reserveLikeSoFar(rows: n, bytesPerRow: 24) }
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

    /// The row's date for matching: its booking date.
    @inlinable
    public func date(_ i: Int) -> Day { Day(rawValue: bookingDate[i]) }
}
