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
    public var file: [UInt16] = []
    public var line: [UInt32] = []

    public init() {}

    public var count: Int { amount.count }

    public mutating func reserveCapacity(_ n: Int) {
        account.reserveCapacity(n); currency.reserveCapacity(n)
        bookingDate.reserveCapacity(n); valueDate.reserveCapacity(n)
        amount.reserveCapacity(n); endToEndHash.reserveCapacity(n)
        file.reserveCapacity(n); line.reserveCapacity(n)
        bankRef.reserveCapacity(rows: n, bytesPerRow: 12)
        endToEndId.reserveCapacity(rows: n, bytesPerRow: 14)
        counterparty.reserveCapacity(rows: n, bytesPerRow: 12)
    }

    /// Appends every row of `other` (whose ids refer to the same catalog).
    public mutating func append(contentsOf other: BankTable) {
        for i in 0..<other.count {
            account.append(other.account[i]); currency.append(other.currency[i])
            bookingDate.append(other.bookingDate[i]); valueDate.append(other.valueDate[i])
            amount.append(other.amount[i]); endToEndHash.append(other.endToEndHash[i])
            file.append(other.file[i]); line.append(other.line[i])
            other.bankRef.bytes.withUnsafeBufferPointer { p in bankRef.append(UnsafeBufferPointer(rebasing: p[other.bankRef.range(i)])) }
            other.endToEndId.bytes.withUnsafeBufferPointer { p in endToEndId.append(UnsafeBufferPointer(rebasing: p[other.endToEndId.range(i)])) }
            other.counterparty.bytes.withUnsafeBufferPointer { p in counterparty.append(UnsafeBufferPointer(rebasing: p[other.counterparty.range(i)])) }
        }
    }

    /// The row's date for matching: its booking date.
    @inlinable
    public func date(_ i: Int) -> Day { Day(rawValue: bookingDate[i]) }
}
