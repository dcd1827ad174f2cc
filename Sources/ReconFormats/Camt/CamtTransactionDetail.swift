/// One `TxDtls` of an entry being read, in reusable buffers.
struct CamtTransactionDetail {
    /// Line where the `TxDtls` starts.
    var line = 0
    /// `Refs/EndToEndId`, empty when absent or `NOTPROVIDED`.
    var endToEndId: [UInt8] = []
    /// The detail's own amount: `Amt` (from camt.05x.001.03 on) or else `AmtDtls/TxAmt/Amt`.
    var amount: Int64?
    var currency: [UInt8] = []
    /// Whether `amount` came from `Amt` (which wins over `AmtDtls/TxAmt/Amt`).
    var amountIsDirect = false
    /// `CdtDbtInd`, when the detail has its own.
    var credit: Bool?
    /// `RltdPties/Dbtr/Nm` (or `Dbtr/Pty/Nm`) and the same for `Cdtr`.
    var debtor: [UInt8] = []
    var creditor: [UInt8] = []
    /// `RmtInf/Ustrd`, several joined by a space.
    var remittance: [UInt8] = []
    /// `AddtlTxInf`, the description when there is no remittance information.
    var info: [UInt8] = []

    mutating func reset(line: Int) {
        self.line = line
        endToEndId.removeAll(keepingCapacity: true)
        currency.removeAll(keepingCapacity: true)
        debtor.removeAll(keepingCapacity: true)
        creditor.removeAll(keepingCapacity: true)
        remittance.removeAll(keepingCapacity: true)
        info.removeAll(keepingCapacity: true)
        amount = nil
        amountIsDirect = false
        credit = nil
    }

    /// The counterparty of a movement in the given direction: the debtor pays a credit, the creditor
    /// receives a debit.
    func counterparty(credit: Bool) -> [UInt8] { credit ? debtor : creditor }

    /// The description: remittance information, else the additional transaction information.
    var description: [UInt8] { remittance.isEmpty ? info : remittance }
}
