import ReconReport
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
        let bankOpen = Set(BreakKind.openOnBankSide.map(\.rawValue))
        let ledgerOpen = Set(BreakKind.openOnLedgerSide.map(\.rawValue))
        var items: [OpenItem] = []
        let bank = inputs.bank, ledger = inputs.ledger
        /// One canonical CSV line as text, without its line break.
        func line(_ append: (inout [UInt8]) -> Void) -> String {
            var bytes: [UInt8] = []
            append(&bytes)
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
        for row in 0..<bank.count where bankOpen.contains(result.bankCodes[row]) {
            let id = BreakIdentity.id(account: catalog.accounts.string(bank.account[row]),
                                      currency: catalog.currencies.string(bank.currency[row]),
                                      bankRef: bank.bankRef.string(row), ledgerId: "")
            items.append(OpenItem(side: "bank", breakId: id,
                                  rowCSV: line { CanonicalBankWriter.appendRow(row, of: bank, catalog: catalog, to: &$0) }))
        }
        for row in 0..<ledger.count where ledgerOpen.contains(result.ledgerCodes[row]) {
            let id = BreakIdentity.id(account: catalog.accounts.string(ledger.account[row]),
                                      currency: catalog.currencies.string(ledger.currency[row]),
                                      bankRef: "", ledgerId: ledger.txnId.string(row))
            items.append(OpenItem(side: "ledger", breakId: id,
                                  rowCSV: line { CanonicalLedgerWriter.appendRow(row, of: ledger, catalog: catalog, to: &$0) }))
        }
        return items
    }
}
