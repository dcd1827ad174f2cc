import ReconCore

extension MatchInputs {
    /// What a break that names rows is reported under: its bank row's account, currency, booking date
    /// and amount where it has a bank row, else its ledger row's (a batch's sum and latest date).
    package func primary(of b: BreakRecord) -> (account: Int32, currency: Int32, day: Int32, amount: Int64) {
        if b.bankRow >= 0 {
            let r = Int(b.bankRow)
            return (bank.account[r], bank.currency[r], bank.bookingDate[r], bank.amount[r])
        }
        let r = Int(b.ledgerRow)
        return (ledger.account[r], ledger.currency[r], b.ledgerDate, b.ledgerAmount)
    }
}
