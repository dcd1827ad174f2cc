import ReconCore

/// One `Ntry` being read, in reusable buffers (nothing is allocated per entry once they have grown).
struct CamtEntry {
    /// Line where the `Ntry` starts.
    var line = 0
    /// 1-based position of the entry in its statement, all statuses counted.
    var sequence = 0
    /// Unsigned `Amt` in minor units of `currency`.
    var amount: Int64?
    var currency: [UInt8] = []
    /// `CdtDbtInd`: true for CRDT.
    var credit: Bool?
    /// `RvslInd`.
    var reversal = false
    /// `Sts` (or `Sts/Cd`); nil when the entry has none that the reader knows.
    var status: CamtEntryStatus?
    var bookingDate: Day?
    var valueDate: Day?
    /// `AcctSvcrRef`.
    var reference: [UInt8] = []
    /// `AddtlNtryInf`.
    var info: [UInt8] = []
    /// `NtryDtls/Btch/PmtInfId`: the debtor's or creditor's batch id of a batched entry.
    var batchPaymentId: [UInt8] = []
    /// The `TxDtls` read so far are `details[0..<detailCount]`; the array is a pool reused by the next
    /// entries, so a batch costs memory once, not per entry.
    var details: [CamtTransactionDetail] = []
    var detailCount = 0
    /// A value of the entry was refused (and recorded as a reject): the entry is not booked.
    var rejected = false

    mutating func reset(line: Int, sequence: Int) {
        self.line = line
        self.sequence = sequence
        amount = nil
        credit = nil
        reversal = false
        status = nil
        bookingDate = nil
        valueDate = nil
        currency.removeAll(keepingCapacity: true)
        reference.removeAll(keepingCapacity: true)
        info.removeAll(keepingCapacity: true)
        batchPaymentId.removeAll(keepingCapacity: true)
        detailCount = 0
        rejected = false
    }

    /// Starts the next `TxDtls`.
    mutating func beginDetail(line: Int) {
        if detailCount == details.count { details.append(CamtTransactionDetail()) }
        details[detailCount].reset(line: line)
        detailCount += 1
    }

    /// Whether the entry has several details, each with its own amount in the entry's currency, whose
    /// signed amounts (a detail without `CdtDbtInd` takes the entry's) add up to `signedAmount`: then
    /// the entry is a batch that can be booked as its details.
    func detailAmountsAddUp(signedAmount: Int64) -> Bool {
        guard detailCount >= 2, let entryCredit = credit else { return false }
        var sum: Int64 = 0
        for i in 0..<detailCount {
            let d = details[i]
            guard let a = d.amount, d.currency == currency else { return false }
            let (s, overflow) = sum.addingReportingOverflow((d.credit ?? entryCredit) ? a : -a)
            if overflow { return false }
            sum = s
        }
        return sum == signedAmount
    }
}
