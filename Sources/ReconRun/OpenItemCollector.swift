import ReconReport
import ReconCore
import ReconMatch
import ReconStore

/// The rows still open after a run, as values, for the next night: bank lines nobody booked
/// (`unmatched_bank_*`), ledger records not at the bank (`in_transit`, `missing_in_bank`), and rows
/// left `ambiguous`. Matched rows, mismatched pairs and duplicates close.
enum OpenItemCollector {
    static func collect(_ context: ReportContext) -> [OpenItem] {
        let inputs = context.inputs, result = context.result
        let catalog = inputs.catalog
        let bankOpen = Set(BreakKind.openOnBankSide.map(\.rawValue))
        let ledgerOpen = Set(BreakKind.openOnLedgerSide.map(\.rawValue))
        var items: [OpenItem] = []
        let bank = inputs.bank, ledger = inputs.ledger
        for row in 0..<bank.count where bankOpen.contains(result.bankCodes[row]) {
            let line = CarriedBankLine(row: row, of: bank, catalog: catalog)
            let id = BreakIdentity.id(account: line.account, currency: line.currency, bankRef: line.bankRef, ledgerId: "")
            items.append(OpenItem(breakId: id, row: .bank(line)))
        }
        for row in 0..<ledger.count where ledgerOpen.contains(result.ledgerCodes[row]) {
            let record = CarriedLedgerRecord(row: row, of: ledger, catalog: catalog)
            let id = BreakIdentity.id(account: record.account, currency: record.currency, bankRef: "", ledgerId: record.txnId)
            items.append(OpenItem(breakId: id, row: .ledger(record)))
        }
        return items
    }
}
