import ReconCore

/// The tolerance pass, after the exact passes: open rows of the same account, currency and sign whose
/// dates are inside the window (``ToleranceConfiguration``) and whose amounts are
///
/// 1. equal (a window wider than pass 4's): `timing_difference`;
/// 2. apart by exactly the fee of a schedule that applies to the ledger record (bank = ledger − fee;
///    a fee always leaves the account poorer): `fee_deducted`;
/// 3. apart by less than the write-off limit: `written_off`;
/// 4. apart by no more than the amount tolerance: `matched_within_tolerance`.
///
/// Each candidate pair costs (that rank, |difference|, distance between the dates). A bank row and a
/// ledger row are paired when each is the other's single cheapest candidate; paired rows leave, and
/// this repeats until nothing pairs. Rows with two equally cheap candidates are never paired: they
/// stay open for the later passes (and are reported as unmatched), so nothing is picked silently.
struct TolerancePass: GroupingPass {
    let configuration: ToleranceConfiguration
    let calendar: BusinessCalendar

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.bank
        return Self.accountCurrencySign(t.account[row], t.currency[row], t.amount[row], salt: 0x9E37)
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        return Self.accountCurrencySign(t.account[row], t.currency[row], t.amount[row], salt: 0x9E37)
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool { Self.sameAccountCurrencySign(a, b, inputs) }

    /// A candidate pair and what it would be reported as.
    struct Candidate {
        var bank: Int32
        var ledger: Int32
        var kind: BreakKind
        var rule: Int32
        var rank: Int
        var difference: UInt64
        var distance: Int

        var cost: PairCost { PairCost(rank: rank, difference: difference, distance: distance) }
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        let inputs = sink.inputs
        let b0 = Int(bank[bank.startIndex])
        let currency = inputs.catalog.currencies.string(inputs.bank.currency[b0])
        let exponent = inputs.catalog.exponent(ofCurrency: inputs.bank.currency[b0])
        // Ledger rows by date, so each bank row scans only the dates inside its window.
        let ledgerRows = ledger.sorted { (inputs.ledger.valueDate[Int($0)], $0) < (inputs.ledger.valueDate[Int($1)], $1) }
        let ledgerDates = ledgerRows.map { inputs.ledger.valueDate[Int($0)] }
        var candidates: [Candidate] = []
        for b in bank {
            let bd = inputs.bank.bookingDate[Int(b)]
            // Scan outward from the bank date while the distance stays inside the window.
            var lo = ledgerDates.lowerBound(of: bd)
            var i = lo - 1
            while i >= 0, let distance = distance(ledger: ledgerDates[i], bank: bd, currency: currency) {
                consider(b, ledgerRows[i], distance, exponent, inputs, &candidates)
                i -= 1
            }
            while lo < ledgerRows.count, let distance = distance(ledger: ledgerDates[lo], bank: bd, currency: currency) {
                consider(b, ledgerRows[lo], distance, exponent, inputs, &candidates)
                lo += 1
            }
        }
        pairMutualBest(candidates, sink: &sink)
    }

    /// The distance from a ledger date to a bank date, or nil outside the window.
    private func distance(ledger ld: Int32, bank bd: Int32, currency: String) -> Int? {
        if bd < ld && configuration.direction == .bankOnOrAfterLedger { return nil }
        let limit = configuration.windowDays
        let d = configuration.businessDays
            ? calendar.businessDays(from: min(ld, bd), to: max(ld, bd), currency: currency, limit: limit)
            : Int(abs(Int64(bd) - Int64(ld)))
        return d <= limit ? d : nil
    }

    private func consider(_ b: Int32, _ l: Int32, _ distance: Int, _ exponent: Int, _ inputs: MatchInputs, _ out: inout [Candidate]) {
        let ab = inputs.bank.amount[Int(b)], al = inputs.ledger.amount[Int(l)]
        let (diff, overflow) = ab.subtractingReportingOverflow(al)
        guard !overflow else { return }
        let magnitude = diff.magnitude
        func add(_ kind: BreakKind, _ rank: Int, rule: Int32 = -1) {
            out.append(Candidate(bank: b, ledger: l, kind: kind, rule: rule, rank: rank, difference: magnitude, distance: distance))
        }
        if diff == 0 { return add(.timingDifference, 0) }
        if !configuration.fees.isEmpty && diff < 0 {
            let type = inputs.catalog.types.string(inputs.ledger.type[Int(l)])
            let counterparty = Int(l) < inputs.ledger.counterparty.count ? inputs.ledger.counterparty.string(Int(l)) : ""
            for (i, schedule) in configuration.fees.enumerated() where schedule.applies(type: type, counterparty: counterparty) {
                if schedule.fee(onGross: al, exponent: exponent) == -diff { return add(.feeDeducted, 1, rule: Int32(i)) }
            }
        }
        if magnitude < UInt64(max(0, configuration.writeOffBelow.minor(exponent: exponent))) { return add(.writtenOff, 2) }
        if magnitude <= UInt64(max(0, configuration.tolerance(ledger: al, exponent: exponent))) { add(.matchedWithinTolerance, 3, rule: BreakRecord.tolerancePass) }
    }

    private func pairMutualBest(_ all: [Candidate], sink: inout PassSink) {
        MutualBest.pairs(all, bank: \.bank, ledger: \.ledger, cost: \.cost) { c in
            sink.notedPair(bank: c.bank, ledger: c.ledger, kind: c.kind, rule: c.rule)
        }
    }
}
