import ReconCore
import ReconMatch

extension ReportContext {
    /// The break `b` as a typed line: what `breaks.csv` says of it (``BreakLineCodec``).
    ///
    /// ``RowFormatter`` writes the same bytes straight from the tables for the millions of row
    /// breaks (a test holds the two to each other on every row of its runs).
    package func line(_ b: BreakRecord) -> BreakLine {
        if let s = statement(b) { return statementLine(b, s) }
        if let f = custody(b) { return custodyLine(b, f) }
        let bank = inputs.bank, ledger = inputs.ledger, catalog = inputs.catalog
        let hasBank = b.bankRow >= 0, hasLedger = b.ledgerRow >= 0
        let bankRow = Int(b.bankRow), ledgerRow = Int(b.ledgerRow)
        let account = hasBank ? bank.account[bankRow] : ledger.account[ledgerRow]
        let currency = hasBank ? bank.currency[bankRow] : ledger.currency[ledgerRow]
        var line = BreakLine(kind: b.kind, severity: severity(b), account: catalog.accounts.values.string(Int(account)),
                             currency: catalog.currencies.values.string(Int(currency)),
                             exponent: catalog.exponent(ofCurrency: currency),
                             ageDays: BreakAge.days(b, bankDate: hasBank ? bank.bookingDate[bankRow] : nil, asOf: Int(inputs.asOf.rawValue)),
                             detail: BreakDetail.text(b, self))
        if hasBank {
            line.bankRef = bank.bankRef.string(bankRow)
            line.bankDate = Day(rawValue: bank.bookingDate[bankRow])
            line.bankAmount = Int128(bank.amount[bankRow])
        }
        if hasLedger {
            line.ledgerId = (b.isBatch ? ledger.batchId : ledger.txnId).string(ledgerRow)
            line.ledgerDate = Day(rawValue: b.ledgerDate)
            line.ledgerAmount = Int128(b.ledgerAmount)
        }
        if hasBank && hasLedger {
            // As the report has always written it: no difference where the amounts' difference
            // passes the range of an amount.
            let (d, overflow) = bank.amount[bankRow].subtractingReportingOverflow(b.ledgerAmount)
            if !overflow { line.difference = Int128(d) }
        }
        return line
    }

    /// A `balance_mismatch`: `bank_ref` is the statement id, `bank_date` and `bank_amount` the stated
    /// closing balance (or the declared trailer total), `difference` what was read minus what is stated.
    private func statementLine(_ b: BreakRecord, _ s: StatementSummary) -> BreakLine {
        var line = BreakLine(kind: b.kind, severity: severity(b), account: s.account, currency: s.currency, bankRef: s.id,
                             bankDate: s.closingDate ?? s.openingDate,
                             exponent: inputs.catalog.exponent(ofCurrency: currency(b)),
                             ageDays: statementAgeDays(b), detail: BreakDetail.text(b, self))
        if b.control < 0 {
            line.bankAmount = s.closingBalance.map { Int128($0) }
            line.difference = s.balanceGap.map { Int128($0) }
        } else {
            let control = s.controls[Int(b.control)]
            line.bankAmount = Int128(control.declared)
            line.difference = Int128(control.computed) - Int128(control.declared)
        }
        return line
    }

    /// A custody finding: the account (sub-account or custody account) and day; `bank_amount` the bank
    /// balance, `ledger_amount` the platform's (what it owes), `difference` the unexplained part.
    private func custodyLine(_ b: BreakRecord, _ f: CustodyFinding) -> BreakLine {
        let catalog = inputs.catalog
        return BreakLine(kind: b.kind, severity: severity(b), account: catalog.accounts.values.string(Int(f.account)),
                         currency: catalog.currencies.values.string(Int(f.currency)), bankDate: f.day, ledgerDate: f.day,
                         bankAmount: f.bankBalance, ledgerAmount: f.platformBalance, difference: f.unexplained,
                         exponent: catalog.exponent(ofCurrency: f.currency), ageDays: statementAgeDays(b),
                         detail: BreakDetail.text(b, self))
    }
}
