import ReconCore

/// Pass 3: one bank line pays out a ledger batch.
///
/// Groups are (account, currency, end_to_end_id = batch_id). One bank line whose amount is the sum of
/// the batch is matched (or a `timing_difference` when its date is not the batch's latest date); a sum
/// that differs is an `amount_mismatch` of the whole group. Several bank lines for one batch are
/// `ambiguous`.
struct BatchPass: GroupingPass {
    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? { Self.endToEndKey(row, inputs) }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        if t.batchId.isEmpty(row) { return nil }
        return ByteHash.combine(t.batchHash[row], Self.accountCurrency(t.account[row], t.currency[row]))
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        let ia = Int(a.row), ib = Int(b.row)
        let (acctA, curA, colA) = a.side == 0
            ? (inputs.bank.account[ia], inputs.bank.currency[ia], inputs.bank.endToEndId)
            : (inputs.ledger.account[ia], inputs.ledger.currency[ia], inputs.ledger.batchId)
        let (acctB, curB, colB) = b.side == 0
            ? (inputs.bank.account[ib], inputs.bank.currency[ib], inputs.bank.endToEndId)
            : (inputs.ledger.account[ib], inputs.ledger.currency[ib], inputs.ledger.batchId)
        return acctA == acctB && curA == curB && colA.equals(ia, colB, ib)
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        if bank.count > 1 {
            sink.ambiguous(bank: bank, ledger: ledger)
            return
        }
        let b = bank[bank.startIndex]
        let l = sink.inputs.ledger
        var sum: Int64 = 0
        var overflow = false
        var latest = Int32.min
        for r in ledger {
            let (s, o) = sum.addingReportingOverflow(l.amount[Int(r)])
            sum = s
            overflow = overflow || o
            latest = max(latest, l.valueDate[Int(r)])
        }
        let bankAmount = sink.inputs.bank.amount[Int(b)]
        sink.partner(bank: b, ledger: ledger[ledger.startIndex])
        let kind: BreakKind?
        if overflow || sum != bankAmount {
            kind = .amountMismatch
        } else if sink.inputs.bank.bookingDate[Int(b)] != latest {
            kind = .timingDifference
        } else {
            kind = nil
        }
        guard let kind else {
            sink.matched(bank: b)
            for r in ledger { sink.matched(ledger: r) }
            return
        }
        sink.bankCodes[Int(b)] = kind.rawValue
        for r in ledger { sink.ledgerCodes[Int(r)] = kind.rawValue }
        sink.breaks.append(BreakRecord(kind: kind, bankRow: b, ledgerRow: ledger[ledger.startIndex], isBatch: true,
                                       ledgerAmount: sum, ledgerDate: latest,
                                       relatedCount: Int32(ledger.count)))
    }
}
