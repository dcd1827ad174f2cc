import ReconCore
import ReconMatch

/// The order of breaks that agree on severity, account, date and kind: bank_ref, then ledger_id
/// (bytewise, empty first), then row numbers. Holds the text columns once, compares bytes in place.
struct TieOrder {
    let bankRef: TextColumn
    let txnId: TextColumn
    let batchId: TextColumn

    init(_ context: ReportContext) {
        bankRef = context.inputs.bank.bankRef
        txnId = context.inputs.ledger.txnId
        batchId = context.inputs.ledger.batchId
    }

    func less(_ x: BreakRecord, _ y: BreakRecord) -> Bool {
        // bank_ref: empty (no bank row) first.
        if x.bankRow >= 0 || y.bankRow >= 0 {
            if x.bankRow < 0 { return true }
            if y.bankRow < 0 { return false }
            if x.bankRow != y.bankRow {
                let c = bankRef.compare(Int(x.bankRow), bankRef, Int(y.bankRow))
                if c != 0 { return c < 0 }
            }
        }
        // ledger_id: the txn id, or the batch id of a batch group; empty first.
        if x.ledgerRow >= 0 || y.ledgerRow >= 0 {
            if x.ledgerRow < 0 { return true }
            if y.ledgerRow < 0 { return false }
            let cx = x.isBatch ? batchId : txnId, cy = y.isBatch ? batchId : txnId
            let c = cx.compare(Int(x.ledgerRow), cy, Int(y.ledgerRow))
            if c != 0 { return c < 0 }
        }
        if x.bankRow != y.bankRow { return x.bankRow < y.bankRow }
        if x.ledgerRow != y.ledgerRow { return x.ledgerRow < y.ledgerRow }
        if x.custody != y.custody { return x.custody < y.custody }
        return x.statement * 1000 + x.control < y.statement * 1000 + y.control
    }
}
