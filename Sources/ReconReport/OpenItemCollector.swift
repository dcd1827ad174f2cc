import ReconCore
import ReconFormats
import ReconMatch
import ReconStore

/// The rows still open after a run, in their side's canonical layout, for the next night: bank lines
/// nobody booked (`unmatched_bank_*`), ledger records not at the bank (`in_transit`,
/// `missing_in_bank`), and rows left `ambiguous`. Matched rows, mismatched pairs and duplicates close.
enum OpenItemCollector {
    static func collect(_ context: ReportContext) -> [OpenItem] {
        let inputs = context.inputs, result = context.result
        let catalog = inputs.catalog
        let bankOpen: Set<UInt8> = [BreakKind.unmatchedBankCredit.rawValue, BreakKind.unmatchedBankDebit.rawValue, BreakKind.ambiguous.rawValue]
        let ledgerOpen: Set<UInt8> = [BreakKind.inTransit.rawValue, BreakKind.missingInBank.rawValue, BreakKind.ambiguous.rawValue]
        var items: [OpenItem] = []
        let bank = inputs.bank, ledger = inputs.ledger
        for row in 0..<bank.count where bankOpen.contains(result.bankCodes[row]) {
            var line: [UInt8] = []
            CanonicalBankWriter.appendRow(row, of: bank, catalog: catalog, to: &line)
            line.removeLast()
            let id = BreakIdentity.id(account: catalog.accounts.string(bank.account[row]),
                                      currency: catalog.currencies.string(bank.currency[row]),
                                      bankRef: bank.bankRef.string(row), ledgerId: "")
            items.append(OpenItem(side: "bank", breakId: id, rowCSV: String(decoding: line, as: UTF8.self)))
        }
        for row in 0..<ledger.count where ledgerOpen.contains(result.ledgerCodes[row]) {
            let id = BreakIdentity.id(account: catalog.accounts.string(ledger.account[row]),
                                      currency: catalog.currencies.string(ledger.currency[row]),
                                      bankRef: "", ledgerId: ledger.txnId.string(row))
            items.append(OpenItem(side: "ledger", breakId: id, rowCSV: ledgerRow(row, ledger, catalog)))
        }
        return items
    }

    /// A ledger row in the canonical ledger layout (without its line break).
    static func ledgerRow(_ i: Int, _ t: LedgerTable, _ catalog: Catalog) -> String {
        var out: [UInt8] = []
        let comma: UInt8 = 44
        func text(_ c: TextColumn, _ r: Int) { CSVField.append(c.bytes[c.range(r)], to: &out) }
        text(t.txnId, i); out.append(comma)
        text(catalog.accounts.values, Int(t.account[i])); out.append(comma)
        Day(rawValue: t.valueDate[i]).appendISO(to: &out); out.append(comma)
        MinorUnits.append(t.amount[i], exponent: catalog.exponent(ofCurrency: t.currency[i]), to: &out); out.append(comma)
        text(catalog.currencies.values, Int(t.currency[i])); out.append(comma)
        text(catalog.types.values, Int(t.type[i])); out.append(comma)
        text(t.reference, i); out.append(comma)
        text(t.batchId, i); out.append(comma)
        text(t.counterparty, i)
        return String(decoding: out, as: UTF8.self)
    }
}
