import ReconCore

/// Pass 1: the same transaction twice on one side.
///
/// Bank rows with an end-to-end id are keyed by (account, currency, end_to_end_id, amount); ledger rows
/// with a reference by (account, currency, reference, amount). In each group the first row stays in
/// play and every later row is a `duplicate_bank` / `duplicate_ledger` naming it.
struct DuplicatePass: GroupingPass {
    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.bank
        let h = t.endToEndHash[row]
        if h == 0 && t.endToEndId.isEmpty(row) { return nil }
        return ByteHash.combine(ByteHash.combine(h, Self.accountCurrency(t.account[row], t.currency[row])),
                                UInt64(bitPattern: t.amount[row]))
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        let h = t.referenceHash[row]
        if h == 0 && t.reference.isEmpty(row) { return nil }
        // A different salt keeps ledger keys apart from bank keys.
        return ByteHash.combine(ByteHash.combine(h ^ 0x5A5A_5A5A, Self.accountCurrency(t.account[row], t.currency[row])),
                                UInt64(bitPattern: t.amount[row]))
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        guard a.side == b.side else { return false }
        let i = Int(a.row), j = Int(b.row)
        if a.side == 0 {
            let t = inputs.bank
            return t.account[i] == t.account[j] && t.currency[i] == t.currency[j] && t.amount[i] == t.amount[j]
                && t.endToEndId.equals(i, t.endToEndId, j)
        }
        let t = inputs.ledger
        return t.account[i] == t.account[j] && t.currency[i] == t.currency[j] && t.amount[i] == t.amount[j]
            && t.reference.equals(i, t.reference, j)
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        if bank.count > 1 {
            for b in bank.dropFirst() { sink.bankBreak(.duplicateBank, b, related: CollectionOfOne(bank[bank.startIndex])) }
        }
        if ledger.count > 1 {
            for l in ledger.dropFirst() { sink.ledgerBreak(.duplicateLedger, l, related: CollectionOfOne(ledger[ledger.startIndex])) }
        }
    }
}
