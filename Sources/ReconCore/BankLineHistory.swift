/// The bank lines earlier nights reconciled, as the nightly job's duplicate rule needs them: a line
/// the bank sends again on a later night (statement periods overlap) is the same line, not new money.
///
/// A line is known by two keys: its reference (account and `bank_ref`), and its content (account,
/// currency, `end_to_end_id`, amount and booking date, when it has an `end_to_end_id`), so a line
/// re-sent under a new `bank_ref` is known too. Keys are 64-bit hashes of those fields: two
/// different lines share a key with a chance of about n² / 2⁶⁵ over n lines remembered.
public struct BankLineHistory: Sendable {
    /// Where a remembered line was first reconciled.
    public struct Origin: Sendable, Equatable {
        public var date: Day
        public var runId: Int64

        public init(date: Day, runId: Int64) {
            self.date = date
            self.runId = runId
        }
    }

    private var origins: [UInt64: Origin] = [:]

    public init() {}

    public var isEmpty: Bool { origins.isEmpty }
    public var count: Int { origins.count }

    /// Remembers the keys of the lines one run reconciled; the earliest date wins.
    public mutating func add(keys: [UInt64], date: Day, runId: Int64) {
        for k in keys {
            if let o = origins[k], (o.date, o.runId) <= (date, runId) { continue }
            origins[k] = Origin(date: date, runId: runId)
        }
    }

    /// Where the line with these keys (``Keyer/keys(of:in:)``) was first reconciled, if an earlier
    /// night did.
    public func origin(of keys: (reference: UInt64?, content: UInt64?)) -> Origin? {
        if let k = keys.reference, let o = origins[k] { return o }
        if let k = keys.content, let o = origins[k] { return o }
        return nil
    }

    /// Computes the keys of a run's bank rows: account and currency ids differ from run to run, so
    /// their texts are hashed once per id.
    public struct Keyer: Sendable {
        private let accounts: [UInt64]
        private let currencies: [UInt64]

        public init(_ catalog: Catalog) {
            func hashes(_ interner: Interner) -> [UInt64] {
                (0..<interner.count).map { id in
                    var s = interner.string(Int32(id))
                    return s.withUTF8 { ByteHash.hash($0) }
                }
            }
            accounts = hashes(catalog.accounts)
            currencies = hashes(catalog.currencies)
        }

        /// The reference and content keys of one bank row (nil where the field they need is empty).
        public func keys(of row: Int, in bank: BankTable) -> (reference: UInt64?, content: UInt64?) {
            let account = accounts[Int(bank.account[row])]
            var reference: UInt64?, content: UInt64?
            if !bank.bankRef.isEmpty(row) {
                reference = ByteHash.combine(ByteHash.combine(account, 1), Keyer.hash(bank.bankRef, row))
            }
            if !bank.endToEndId.isEmpty(row) {
                var h = ByteHash.combine(ByteHash.combine(account, 2), Keyer.hash(bank.endToEndId, row))
                h = ByteHash.combine(h, currencies[Int(bank.currency[row])])
                h = ByteHash.combine(h, UInt64(bitPattern: bank.amount[row]))
                content = ByteHash.combine(h, UInt64(UInt32(bitPattern: bank.bookingDate[row])))
            }
            return (reference, content)
        }

        private static func hash(_ column: TextColumn, _ row: Int) -> UInt64 {
            let r = column.range(row)
            return column.bytes.withUnsafeBufferPointer { ByteHash.hash(UnsafeBufferPointer(rebasing: $0[r])) }
        }
    }
}
