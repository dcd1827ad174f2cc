import Foundation
import ReconCore
import ReconFormats
import ReconMatch
import ReconStore

/// Writes `suggestions.csv`: the pairs the scored pass found likely but not certain, best first for
/// each bank line, with the parts of the score, the break ids a person confirms them with
/// (`recon resolve ID --as matched-with OTHER`), and, where a row is claimed by more than one
/// suggestion, how many others claim it — two suggestions never claim the same row silently.
public enum SuggestionsWriter {
    public static let header = "bank_ref,ledger_id,account,currency,bank_date,ledger_date,bank_amount,ledger_amount,difference,"
        + "score,reasons,bank_claimed_by,ledger_claimed_by,bank_break_id,ledger_break_id"

    public static func write(_ c: ReportContext, to path: String) throws {
        let bank = c.inputs.bank, ledger = c.inputs.ledger, catalog = c.inputs.catalog
        let suggestions = c.result.suggestions
        var byBank: [Int32: Int] = [:], byLedger: [Int32: Int] = [:]
        for s in suggestions { byBank[s.bankRow, default: 0] += 1; byLedger[s.ledgerRow, default: 0] += 1 }
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header + "\n")
        for s in suggestions {
            let b = Int(s.bankRow), l = Int(s.ledgerRow)
            let account = catalog.accounts.string(bank.account[b]), currency = catalog.currencies.string(bank.currency[b])
            let exponent = catalog.exponent(ofCurrency: bank.currency[b])
            let bankRef = bank.bankRef.string(b), txnId = ledger.txnId.string(l)
            let claims = { (n: Int, what: String) in n > 1 ? "\(n - 1) other suggestion(s) for this \(what)" : "" }
            let fields = [bankRef, txnId, account, currency, Day(rawValue: bank.bookingDate[b]).iso, Day(rawValue: ledger.valueDate[l]).iso,
                          MinorUnits.format(bank.amount[b], exponent: exponent), MinorUnits.format(ledger.amount[l], exponent: exponent),
                          MinorUnits.format(bank.amount[b] &- ledger.amount[l], exponent: exponent),
                          ScoreText.thousandths(s.score), ScoreText.reasons(s),
                          claims(byBank[s.bankRow] ?? 0, "bank line"), claims(byLedger[s.ledgerRow] ?? 0, "ledger record"),
                          BreakIdentity.id(account: account, currency: currency, bankRef: bankRef, ledgerId: ""),
                          BreakIdentity.id(account: account, currency: currency, bankRef: "", ledgerId: txnId)]
            var line: [UInt8] = []
            for (i, f) in fields.enumerated() {
                if i > 0 { line.append(44) }
                CSVField.append(f, to: &line)
            }
            line.append(10)
            try writer.write(line)
        }
        try writer.commit()
    }
}
