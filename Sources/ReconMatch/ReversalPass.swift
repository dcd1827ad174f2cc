import ReconCore

/// Before any pairing: a bank line carried open from an earlier night and tonight's line that
/// reverses it cancel (`reversal`, both lines close), so that a bank's correction (reverse the wrong
/// line, book the right one) raises no false unmatched debit and credit.
///
/// Tonight's line reverses a carried line when they have the same account, currency and
/// `end_to_end_id` and opposite amounts. Nothing is guessed: the pair is made only when the carried
/// line has exactly one such line tonight and no other carried line has the same key, and not when
/// the ledger itself holds a record with that reference and the reversing amount (a refund the
/// platform booked, which the ordinary passes pair).
struct ReversalPass {
    private struct Key: Hashable {
        var account: Int32
        var currency: Int32
        var endToEnd: UInt64
        var amount: Int64
    }

    func run(_ inputs: MatchInputs, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>) -> PassOutput {
        var sink = PassSink(inputs: inputs, bankCodes: bankCodes, ledgerCodes: ledgerCodes)
        let bank = inputs.bank, ledger = inputs.ledger
        guard let start = inputs.carriedBankStart, start < bank.count else { return PassOutput() }
        // The key a reversing line would have, for each carried line.
        var carried: [Key: Int32] = [:]
        var shared = Set<Key>()
        for row in start..<bank.count where bankCodes[row] == RowOutcome.openCode && bank.endToEndHash[row] != 0 {
            let (negated, overflow) = Int64(0).subtractingReportingOverflow(bank.amount[row])
            guard bank.amount[row] != 0, !overflow else { continue }
            let key = Key(account: bank.account[row], currency: bank.currency[row], endToEnd: bank.endToEndHash[row], amount: negated)
            if carried[key] != nil { shared.insert(key) } else { carried[key] = Int32(row) }
        }
        guard !carried.isEmpty else { return PassOutput() }
        var tonight: [Key: [Int32]] = [:]
        for row in 0..<start where bankCodes[row] == RowOutcome.openCode && bank.endToEndHash[row] != 0 {
            let key = Key(account: bank.account[row], currency: bank.currency[row], endToEnd: bank.endToEndHash[row], amount: bank.amount[row])
            if let original = carried[key], bank.endToEndId.equals(row, bank.endToEndId, Int(original)) {
                tonight[key, default: []].append(Int32(row))
            }
        }
        guard !tonight.isEmpty else { return PassOutput() }
        var refunds = Set<Key>()
        for row in 0..<ledger.count where ledger.referenceHash[row] != 0 {
            let key = Key(account: ledger.account[row], currency: ledger.currency[row], endToEnd: ledger.referenceHash[row], amount: ledger.amount[row])
            if tonight[key] != nil { refunds.insert(key) }
        }
        for (key, rows) in tonight.sorted(by: { carried[$0.key]! < carried[$1.key]! }) {
            guard rows.count == 1, !shared.contains(key), !refunds.contains(key), let original = carried[key] else { continue }
            sink.bankBreak(.reversal, rows[0], related: [original])
            bankCodes[Int(original)] = BreakKind.reversal.rawValue
        }
        return PassOutput(breaks: sink.breaks, related: sink.related)
    }
}
