import ReconCore

/// Before any pairing: every bank row an earlier night already reconciled and the bank sent again
/// (``MatchInputs/resentBankRows``) is a `duplicate_bank` and takes no part in matching, so a re-sent
/// line is never taken for new money nor pairs with another ledger record.
struct ResentLinePass {
    func run(_ inputs: MatchInputs, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>) -> PassOutput {
        var sink = PassSink(inputs: inputs, bankCodes: bankCodes, ledgerCodes: ledgerCodes)
        for row in inputs.resentBankRows.sorted() where bankCodes[Int(row)] == RowOutcome.openCode {
            sink.bankBreak(.duplicateBank, row)
        }
        return PassOutput(breaks: sink.breaks, related: sink.related)
    }
}
