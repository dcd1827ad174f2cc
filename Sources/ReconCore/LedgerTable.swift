/// Platform ledger records, stored by column (see ``BankTable``).
public struct LedgerTable: Sendable {
    public var account: [Int32] = []
    public var currency: [Int32] = []
    public var valueDate: [Int32] = []
    public var amount: [Int64] = []
    public var type: [Int32] = []
    /// Hash of `reference` (0 when empty).
    public var referenceHash: [UInt64] = []
    /// Hash of `batchId` (0 when empty).
    public var batchHash: [UInt64] = []
    public var txnId = TextColumn()
    public var reference = TextColumn()
    public var batchId = TextColumn()
    /// Empty unless ``stores`` contains ``StoredColumns/counterparty``.
    public var counterparty = TextColumn()
    /// File index and line of each row; empty unless ``stores`` contains ``StoredColumns/provenance``.
    public var file: [UInt16] = []
    public var line: [UInt32] = []
    /// The optional columns readers fill (``StoredColumns/valueDate`` and ``StoredColumns/description``
    /// do not apply: the ledger's value date is its date for matching, and it has no descriptions).
    public var stores = StoredColumns.standard

    public init() {}

    public var count: Int { amount.count }

    public mutating func reserveCapacity(_ n: Int) {
        account.reserveCapacity(n); currency.reserveCapacity(n); valueDate.reserveCapacity(n)
        amount.reserveCapacity(n); type.reserveCapacity(n)
        referenceHash.reserveCapacity(n); batchHash.reserveCapacity(n)
        txnId.reserveLikeSoFar(rows: n, bytesPerRow: 12)
        reference.reserveLikeSoFar(rows: n, bytesPerRow: 14)
        batchId.reserveLikeSoFar(rows: n, bytesPerRow: 2)
        if stores.contains(.provenance) { file.reserveCapacity(n); line.reserveCapacity(n) }
        if stores.contains(.counterparty) { counterparty.reserveLikeSoFar(rows: n, bytesPerRow: 12) }
    }

    public mutating func removeAll(keepingCapacity keep: Bool) {
        account.removeAll(keepingCapacity: keep); currency.removeAll(keepingCapacity: keep)
        valueDate.removeAll(keepingCapacity: keep); amount.removeAll(keepingCapacity: keep)
        type.removeAll(keepingCapacity: keep); referenceHash.removeAll(keepingCapacity: keep)
        batchHash.removeAll(keepingCapacity: keep); txnId.removeAll(keepingCapacity: keep)
        reference.removeAll(keepingCapacity: keep); batchId.removeAll(keepingCapacity: keep)
        counterparty.removeAll(keepingCapacity: keep); file.removeAll(keepingCapacity: keep)
        line.removeAll(keepingCapacity: keep)
    }

    /// The row's date for matching: its value date.
    @inlinable
    public func date(_ i: Int) -> Day { Day(rawValue: valueDate[i]) }
}
