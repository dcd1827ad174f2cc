import ReconCore
import ReconFormats
import ReconMatch

/// The `detail` column: why the row is a break, in words a finance person can act on.
enum BreakDetail {
    static func text(_ b: BreakRecord, _ c: ReportContext) -> String {
        let bank = c.inputs.bank, ledger = c.inputs.ledger
        let config = c.configuration
        switch b.kind {
        case .timingDifference:
            let days = abs(Int(bank.bookingDate[Int(b.bankRow)]) - Int(b.ledgerDate))
            if b.isBatch { return "batch of \(b.relatedCount) ledger records; bank booked \(days) day(s) from the latest" }
            return "same transaction booked \(days) day(s) apart"
        case .amountMismatch:
            if b.isBatch { return "batch of \(b.relatedCount) ledger records sums to a different amount than the bank line" }
            return "same reference, different amount"
        case .duplicateBank:
            let first = Int(b.related[0])
            return "same end_to_end_id, account and amount as bank_ref \(bank.bankRef.string(first))"
        case .duplicateLedger:
            let first = Int(b.related[0])
            return "same reference, account and amount as txn_id \(ledger.txnId.string(first))"
        case .ambiguous:
            let names: [String]
            let side: String
            if b.bankRow >= 0 {
                side = "ledger"
                names = b.related.map { ledger.txnId.string(Int($0)) }
            } else {
                side = "bank"
                names = b.related.map { bank.bankRef.string(Int($0)) }
            }
            let more = Int(b.relatedCount) - names.count
            return "equally good \(side) candidate(s): " + names.joined(separator: ";")
                + (more > 0 ? " and \(more) more" : "")
        case .inTransit:
            return "not at the bank yet; within the \(config.settlementWindowDays)-day settlement window"
        case .missingInBank:
            return "not at the bank after the \(config.settlementWindowDays)-day settlement window"
        case .unmatchedBankDebit:
            return "money out with no ledger instruction"
        case .unmatchedBankCredit:
            return "money in with no ledger record"
        case .balanceMismatch:
            guard let s = c.statement(b) else { return "" }
            let exponent = c.inputs.catalog.exponent(ofCurrency: c.currency(b))
            func money(_ v: Int64?) -> String { v.map { MinorUnits.format($0, exponent: exponent) } ?? "?" }
            let file = c.bankFiles[Int(c.inputs.statements[Int(b.statement)].file)].path
            if b.control >= 0 {
                let control = s.controls[Int(b.control)]
                return "statement \(s.id) (\(file):\(s.line)): \(control.name) declared \(money(control.declared)), read \(money(control.computed))"
            }
            return "statement \(s.id) (\(file):\(s.line)): opening \(money(s.openingBalance)) + \(s.movementCount) movements \(money(s.movementSum)) = \(money((s.openingBalance ?? 0) &+ s.movementSum)), closing balance \(money(s.closingBalance))"
        default:
            return ""
        }
    }
}
