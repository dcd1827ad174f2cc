import ReconCore

extension MatchInputs {
    /// Bank rows ordered by what they hold rather than where they stood in the files: booking date,
    /// then `bank_ref` (bytes), then row number for rows that agree on both. Where a pass must pick
    /// one row of several (the original of duplicates) or name several (candidates), it does so in
    /// this order, so that shuffling the input rows or listing the files in another order does not
    /// change the report.
    func contentOrdered(bank rows: some Collection<Int32>) -> [Int32] {
        Self.ordered(rows, dates: bank.bookingDate, ids: bank.bankRef)
    }

    /// Ledger rows in content order: value date, then `txn_id`, then row number.
    func contentOrdered(ledger rows: some Collection<Int32>) -> [Int32] {
        Self.ordered(rows, dates: ledger.valueDate, ids: ledger.txnId)
    }

    private static func ordered(_ rows: some Collection<Int32>, dates: [Int32], ids: TextColumn) -> [Int32] {
        rows.sorted { a, b in
            let (i, j) = (Int(a), Int(b))
            if dates[i] != dates[j] { return dates[i] < dates[j] }
            let c = ids.compare(i, ids, j)
            return c != 0 ? c < 0 : a < b
        }
    }
}
