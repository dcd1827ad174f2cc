import ReconCore

extension MatchInputs {
    /// Bank rows ordered by what they hold rather than where they stood in the files: booking date,
    /// then `bank_ref` (bytes), then row number for rows that agree on both. Where a pass must pick
    /// one row of several (the original of duplicates) or name several (candidates), it does so in
    /// this order, so that shuffling the input rows or listing the files in another order does not
    /// change the report.
    func contentOrdered(bank rows: some Collection<Int32>) -> [Int32] {
        let t = bank
        return rows.sorted { a, b in
            let (i, j) = (Int(a), Int(b))
            if t.bookingDate[i] != t.bookingDate[j] { return t.bookingDate[i] < t.bookingDate[j] }
            let c = t.bankRef.compare(i, t.bankRef, j)
            return c != 0 ? c < 0 : a < b
        }
    }

    /// Ledger rows in content order: value date, then `txn_id`, then row number.
    func contentOrdered(ledger rows: some Collection<Int32>) -> [Int32] {
        let t = ledger
        return rows.sorted { a, b in
            let (i, j) = (Int(a), Int(b))
            if t.valueDate[i] != t.valueDate[j] { return t.valueDate[i] < t.valueDate[j] }
            let c = t.txnId.compare(i, t.txnId, j)
            return c != 0 ? c < 0 : a < b
        }
    }
}
