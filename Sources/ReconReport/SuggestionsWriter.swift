import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Writes `suggestions.csv`: the pairs the scored pass found likely but not certain, best first for
/// each bank line, with the parts of the score, the break ids a person confirms them with
/// (`recon resolve ID --as matched-with OTHER`), and, where a row is claimed by more than one
/// suggestion, how many others claim it — two suggestions never claim the same row silently. Then the
/// groups the group pass found but did not match: their rows joined by `;`, no score, and in `reasons`
/// why they are suggestions and what speaks for them.
package enum SuggestionsWriter {
    package static let header = "bank_ref,ledger_id,account,currency,bank_date,ledger_date,bank_amount,ledger_amount,difference,"
        + "score,reasons,bank_claimed_by,ledger_claimed_by,bank_break_id,ledger_break_id"

    package static func write(_ c: ReportContext, to path: String) throws {
        let bank = c.inputs.bank, ledger = c.inputs.ledger, catalog = c.inputs.catalog
        let suggestions = c.result.suggestions
        var byBank: [Int32: Int] = [:], byLedger: [Int32: Int] = [:]
        for s in suggestions { byBank[s.bankRow, default: 0] += 1; byLedger[s.ledgerRow, default: 0] += 1 }
        var pairs: [[String]] = []
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
            pairs.append(fields)
        }
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header + "\n")
        // One total order on what the lines say, whatever the input order and thread count: by bank
        // line (account, currency, date, reference, amount), best score first, then every field.
        for fields in pairs.sorted(by: Self.pairOrder) { try writer.write(line(fields)) }
        for g in c.result.groupSuggestions.map({ groupFields($0, c) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            try writer.write(line(g))
        }
        try writer.commit()
    }

    /// Bank line first (account, currency, date, reference, amount), then the higher score, then the
    /// other fields in order.
    static func pairOrder(_ a: [String], _ b: [String]) -> Bool {
        for i in [2, 3, 4, 0, 6] where a[i] != b[i] { return a[i] < b[i] }
        if a[9] != b[9] { return a[9] > b[9] }
        return a.lexicographicallyPrecedes(b)
    }

    /// One group suggestion's fields: its rows on each side joined by `;`, their latest dates and sums.
    static func groupFields(_ g: GroupSuggestion, _ c: ReportContext) -> [String] {
        let bank = c.inputs.bank, ledger = c.inputs.ledger, catalog = c.inputs.catalog
        let bankRows = g.targetSide == .bank ? [g.target] : g.members
        let ledgerRows = g.targetSide == .bank ? g.members : [g.target]
        let first = Int(bankRows[0])
        let account = catalog.accounts.string(bank.account[first]), currency = catalog.currencies.string(bank.currency[first])
        let exponent = catalog.exponent(ofCurrency: bank.currency[first])
        let bankSum = bankRows.reduce(Int64(0)) { $0 &+ bank.amount[Int($1)] }
        let ledgerSum = ledgerRows.reduce(Int64(0)) { $0 &+ ledger.amount[Int($1)] }
        let refs = bankRows.map { bank.bankRef.string(Int($0)) }, ids = ledgerRows.map { ledger.txnId.string(Int($0)) }
        let fields = [refs.joined(separator: ";"), ids.joined(separator: ";"), account, currency,
                      Day(rawValue: bankRows.map { bank.bookingDate[Int($0)] }.max()!).iso,
                      Day(rawValue: ledgerRows.map { ledger.valueDate[Int($0)] }.max()!).iso,
                      MinorUnits.format(bankSum, exponent: exponent), MinorUnits.format(ledgerSum, exponent: exponent),
                      MinorUnits.format(bankSum &- ledgerSum, exponent: exponent), "", "group: " + g.evidence, "", "",
                      refs.map { BreakIdentity.id(account: account, currency: currency, bankRef: $0, ledgerId: "") }.joined(separator: ";"),
                      ids.map { BreakIdentity.id(account: account, currency: currency, bankRef: "", ledgerId: $0) }.joined(separator: ";")]
        return fields
    }

    /// One CSV line of `fields`, each quoted where it needs to be.
    static func line(_ fields: [String]) -> [UInt8] {
        var line: [UInt8] = []
        for (i, f) in fields.enumerated() {
            if i > 0 { line.append(44) }
            CSVField.append(f, to: &line)
        }
        line.append(10)
        return line
    }
}
