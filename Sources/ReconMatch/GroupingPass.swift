import ReconCore

/// A pass that groups open rows of both sides by an exact key and decides each group on its own.
///
/// The driver hashes each open row's key, partitions the rows by hash, and resolves the partitions in
/// parallel; within a partition, rows are grouped by exact key (hashes are confirmed by comparing the
/// key's values) and handed to ``resolve(bank:ledger:sink:)`` in ascending row order. Because the
/// partitioning depends only on the keys, the outcome never depends on the number of threads.
protocol GroupingPass: Sendable {
    /// The key hash of a bank row, or nil when the row does not take part.
    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64?
    /// The key hash of a ledger row, or nil when the row does not take part.
    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64?
    /// Whether two rows (of either side) have exactly the same key.
    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool
    /// Decides one group; `bank` and `ledger` are ascending row numbers, at least one non-empty.
    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink)
    /// Second prefetch stage for a row resolved soon: the bytes of the texts its key compares (the
    /// driver has prefetched their offsets and the row's numbers already). Nothing by default.
    func prefetchKeyText(_ e: KeyEntry, _ inputs: MatchInputs)
}

extension GroupingPass {
    func prefetchKeyText(_ e: KeyEntry, _ inputs: MatchInputs) {}

    /// Hash of an account and currency, the start of most keys.
    @inline(__always)
    static func accountCurrency(_ account: Int32, _ currency: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: account)) << 32) | UInt64(UInt32(bitPattern: currency))
    }

    /// A row's (account, currency, sign of the amount) key, `salt` telling passes apart.
    @inline(__always)
    static func accountCurrencySign(_ account: Int32, _ currency: Int32, _ amount: Int64, salt: UInt64) -> UInt64 {
        ByteHash.combine((amount < 0 ? 1 : 0) &+ salt, accountCurrency(account, currency))
    }

    /// Whether two rows have the same account, currency and sign.
    static func sameAccountCurrencySign(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        func values(_ e: KeyEntry) -> (Int32, Int32, Bool) {
            let r = Int(e.row)
            return e.side == 0 ? (inputs.bank.account[r], inputs.bank.currency[r], inputs.bank.amount[r] < 0)
                : (inputs.ledger.account[r], inputs.ledger.currency[r], inputs.ledger.amount[r] < 0)
        }
        return values(a) == values(b)
    }

    /// A bank row's (account, currency, end_to_end_id) key; nil without an end-to-end id.
    @inline(__always)
    static func endToEndKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.bank
        if t.endToEndId.isEmpty(row) { return nil }
        return ByteHash.combine(t.endToEndHash[row], accountCurrency(t.account[row], t.currency[row]))
    }
}
