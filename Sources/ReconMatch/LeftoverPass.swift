import ReconCore

/// Pass 5: every row still open gets its final kind.
///
/// Ledger rows are `in_transit` while as-of minus their date is within the settlement window (future
/// dates included), else `missing_in_bank`; bank rows are `unmatched_bank_debit` when money went out,
/// else `unmatched_bank_credit`.
struct LeftoverPass {
    let settlementWindowDays: Int

    func run(_ inputs: MatchInputs, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>) -> PassOutput {
        var sink = PassSink(inputs: inputs, bankCodes: bankCodes, ledgerCodes: ledgerCodes)
        let asOf = inputs.asOf.rawValue
        for row in 0..<inputs.bank.count where bankCodes[row] == RowOutcome.openCode {
            sink.bankBreak(inputs.bank.amount[row] < 0 ? .unmatchedBankDebit : .unmatchedBankCredit, Int32(row))
        }
        for row in 0..<inputs.ledger.count where ledgerCodes[row] == RowOutcome.openCode {
            let age = Int(asOf) - Int(inputs.ledger.valueDate[row])
            sink.ledgerBreak(age <= settlementWindowDays ? .inTransit : .missingInBank, Int32(row))
        }
        return PassOutput(breaks: sink.breaks, related: sink.related)
    }
}
