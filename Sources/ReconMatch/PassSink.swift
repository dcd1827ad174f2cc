import ReconCore

/// Where a partition writes its decisions: row outcomes (disjoint per partition) and its breaks.
struct PassSink {
    let inputs: MatchInputs
    let bankCodes: SendableBuffer<UInt8>
    let ledgerCodes: SendableBuffer<UInt8>
    var breaks: [BreakRecord] = []
    /// Related rows of this sink's breaks (offsets are local to the sink until merged).
    var related: [Int32] = []
    /// Rows whose group search stopped at its bound.
    var boundHits: [RowRef] = []
    /// The scored pass's suggestions, and the scores of the pairs it matched.
    var suggestions: [Suggestion] = []
    var scores: [Suggestion] = []
    /// The group pass's suggestions.
    var groupSuggestions: [GroupSuggestion] = []
    /// The FX pass's conversions of the pairs it matched.
    var conversions: [FXConversion] = []
    /// Where kept (custody checks): each paired bank row's ledger row (the first of a batch).
    let bankPartner: SendableBuffer<Int32>?

    init(inputs: MatchInputs, bankCodes: SendableBuffer<UInt8>, ledgerCodes: SendableBuffer<UInt8>,
         bankPartner: SendableBuffer<Int32>? = nil) {
        self.inputs = inputs
        self.bankCodes = bankCodes
        self.ledgerCodes = ledgerCodes
        self.bankPartner = bankPartner
    }

    /// Notes the ledger row a bank row was paired with, where partners are kept.
    @inline(__always)
    func partner(bank b: Int32, ledger l: Int32) { bankPartner?[Int(b)] = l }

    /// Marks a bank row as matched with no break.
    func matched(bank row: Int32) { bankCodes[Int(row)] = RowOutcome.matchedCode }
    func matched(ledger row: Int32) { ledgerCodes[Int(row)] = RowOutcome.matchedCode }

    /// Records a one-to-one pair: matched, `timing_difference` or `amount_mismatch` by amount and date.
    mutating func pair(bank b: Int32, ledger l: Int32, tolerance: Int64) {
        let bank = inputs.bank, ledger = inputs.ledger
        let diff = bank.amount[Int(b)].subtractingReportingOverflow(ledger.amount[Int(l)])
        let withinTolerance = !diff.overflow && diff.partialValue.magnitude <= tolerance.magnitude
        let sameDay = bank.bookingDate[Int(b)] == ledger.valueDate[Int(l)]
        partner(bank: b, ledger: l)
        if withinTolerance && sameDay && diff.partialValue == 0 {
            matched(bank: b)
            matched(ledger: l)
            return
        }
        // A difference inside the tolerance is a match the report says was made inside it.
        var kind: BreakKind = withinTolerance ? (diff.partialValue == 0 ? .timingDifference : .matchedWithinTolerance) : .amountMismatch
        // The bank sent the ledger's payment back (its file says so): a returned payment, not a mismatch.
        if kind == .amountMismatch, bank.amount[Int(b)] == 0 &- ledger.amount[Int(l)], inputs.bankNotes[b] != nil { kind = .paymentReturned }
        bankCodes[Int(b)] = kind.rawValue
        ledgerCodes[Int(l)] = kind.rawValue
        breaks.append(BreakRecord(kind: kind, bankRow: b, ledgerRow: l, ledgerAmount: ledger.amount[Int(l)],
                                  ledgerDate: ledger.valueDate[Int(l)]))
    }

    /// Records a pair the tolerance pass made, reported as `kind` (matched with no row when the
    /// amounts and dates are equal). `rule` is the fee schedule's index for `fee_deducted`.
    mutating func notedPair(bank b: Int32, ledger l: Int32, kind: BreakKind, rule: Int32 = -1, ledgerAmount: Int64? = nil) {
        let bank = inputs.bank, ledger = inputs.ledger
        partner(bank: b, ledger: l)
        if kind == .timingDifference && bank.bookingDate[Int(b)] == ledger.valueDate[Int(l)] {
            matched(bank: b)
            matched(ledger: l)
            return
        }
        bankCodes[Int(b)] = kind.rawValue
        ledgerCodes[Int(l)] = kind.rawValue
        var record = BreakRecord(kind: kind, bankRow: b, ledgerRow: l, ledgerAmount: ledgerAmount ?? ledger.amount[Int(l)],
                                 ledgerDate: ledger.valueDate[Int(l)])
        record.control = rule
        breaks.append(record)
    }

    /// Records a single-row break of a bank row.
    mutating func bankBreak(_ kind: BreakKind, _ row: Int32, related rows: some Collection<Int32> = EmptyCollection()) {
        bankCodes[Int(row)] = kind.rawValue
        var b = BreakRecord(kind: kind, bankRow: row, relatedCount: Int32(rows.count))
        store(rows, in: &b)
        breaks.append(b)
    }

    /// Keeps up to ``BreakRecord/relatedCap`` related rows of a break.
    private mutating func store(_ rows: some Collection<Int32>, in b: inout BreakRecord) {
        b.relatedOffset = Int32(related.count)
        related.append(contentsOf: rows.prefix(BreakRecord.relatedCap))
        b.relatedStored = Int32(related.count) - b.relatedOffset
    }

    /// Records a single-row break of a ledger row.
    mutating func ledgerBreak(_ kind: BreakKind, _ row: Int32, related rows: some Collection<Int32> = EmptyCollection()) {
        ledgerCodes[Int(row)] = kind.rawValue
        var b = BreakRecord(kind: kind, ledgerRow: row, ledgerAmount: inputs.ledger.amount[Int(row)],
                            ledgerDate: inputs.ledger.valueDate[Int(row)], relatedCount: Int32(rows.count))
        store(rows, in: &b)
        breaks.append(b)
    }

    /// Records a group: every row is `group_match`, naming the other side's rows.
    mutating func group(bank: some Collection<Int32>, ledger: some Collection<Int32>) {
        let bank = inputs.contentOrdered(bank: bank), ledger = inputs.contentOrdered(ledger: ledger)
        if let first = ledger.first { for b in bank { partner(bank: b, ledger: first) } }
        for b in bank { bankBreak(.groupMatch, b, related: ledger) }
        for l in ledger { ledgerBreak(.groupMatch, l, related: bank) }
    }

    /// Marks every row of a group ambiguous, each naming the other side's rows as its candidates.
    mutating func ambiguous(bank: some Collection<Int32>, ledger: some Collection<Int32>) {
        // Named in content order, so that the report does not depend on the order of the input rows.
        let bank = inputs.contentOrdered(bank: bank), ledger = inputs.contentOrdered(ledger: ledger)
        for b in bank { bankBreak(.ambiguous, b, related: ledger) }
        for l in ledger { ledgerBreak(.ambiguous, l, related: bank) }
    }
}
