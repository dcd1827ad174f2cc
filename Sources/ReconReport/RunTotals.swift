import Dispatch
import ReconCore
import ReconFormats
import ReconMatch

/// One lane's sums: per currency, matched (even slot) and in breaks (odd slot).
private struct Lane {
    var partial: [Int64]
    var spilled: [Int128]
    var seen: [Bool]
    var matchedRows = 0
    /// Rows of the matched kinds that carry a report row (timing_difference, fee_deducted, ...).
    var notedRows = 0

    /// By outcome code: whether it is a kind matched with a note.
    static let noted: [Bool] = (0..<256).map { BreakKind(rawValue: UInt8($0))?.isMatchedWithNote ?? false }

    init(currencies: Int) {
        partial = [Int64](repeating: 0, count: currencies * 2)
        spilled = [Int128](repeating: 0, count: currencies * 2)
        seen = [Bool](repeating: false, count: currencies)
    }

    @inline(__always)
    mutating func add(code: UInt8, currency cur: Int, amount: Int64) {
        seen[cur] = true
        let matched = RowOutcome.isMatched(code: code)
        if matched { matchedRows += 1 } else if Lane.noted[Int(code)] { notedRows += 1 }
        let slot = matched ? cur * 2 : cur * 2 + 1
        let (sum, overflow) = partial[slot].addingReportingOverflow(amount)
        if overflow {
            spilled[slot] += Int128(partial[slot])
            partial[slot] = amount
        } else {
            partial[slot] = sum
        }
    }
}

/// Control totals and per-kind totals of a run.
///
/// For each side: rows in = rows matched + rows in breaks + rows rejected, and money in = money
/// matched + money in breaks (a rejected row's amount could not be read, so it is counted in rows only).
package struct RunTotals: Sendable {
    package struct Money: Sendable {
        package var matched: Int128 = 0
        package var inBreaks: Int128 = 0
        package var total: Int128 { matched + inBreaks }
    }

    package struct SideTotals: Sendable {
        package var rowsMatched = 0
        package var rowsInBreaks = 0
        package var rowsRejected = 0
        /// Of the rows in breaks, those matched with a note: a kind that pairs them (timing_difference,
        /// fee_deducted, fx_matched, group_match, ...) and still writes a report row. The rest are open
        /// or at fault.
        package var rowsMatchedWithNote = 0
        package var rowsIn: Int { rowsMatched + rowsInBreaks + rowsRejected }
        /// Money by currency id.
        package var money: [Int32: Money] = [:]
    }

    package struct KindTotals: Sendable {
        package var count = 0
        package var bankAmount: [Int32: Int128] = [:]
        package var ledgerAmount: [Int32: Int128] = [:]
    }

    package var bank = SideTotals()
    package var ledger = SideTotals()
    package var kinds: [BreakKind: KindTotals] = [:]
    /// Breaks at or above the alert severity.
    package var alerts = 0
    /// Open items by ageing bucket (``BreakAgeing``'s rules).
    package var ageing = BreakAgeing()
    /// Open items (``BreakKind/open``, rows only): how many, their absolute amounts in minor units of
    /// all currencies together, and the oldest one's age in days.
    package var openItems = 0
    package var openAmount: Int128 = 0
    /// The open items' absolute amounts per currency id (never added across currencies).
    package var openAmountByCurrency: [Int32: Int128] = [:]
    package var oldestOpenDays = 0

    package init(_ c: ReportContext, rejects: RejectLog, threads: Int = 1) {
        let result = c.result
        let currencies = c.inputs.catalog.currencies.count
        bank = RunTotals.side(result.bankCodes, c.inputs.bank.currency, c.inputs.bank.amount, currencies: currencies, threads: threads)
        ledger = RunTotals.side(result.ledgerCodes, c.inputs.ledger.currency, c.inputs.ledger.amount, currencies: currencies, threads: threads)
        bank.rowsRejected = rejects.count(of: .bank)
        ledger.rowsRejected = rejects.count(of: .ledger)
        let alertSeverity = c.configuration.alertSeverity
        // Flat arrays per (kind, currency); dictionaries are built once at the end.
        let kindCount = 256
        var counts = [Int](repeating: 0, count: kindCount)
        var bankSums = [Int128](repeating: 0, count: kindCount * max(1, currencies))
        var ledgerSums = bankSums
        var hasBank = [Bool](repeating: false, count: bankSums.count), hasLedger = hasBank
        let bankAmount = c.inputs.bank.amount, bankCurrency = c.inputs.bank.currency
        let ledgerCurrency = c.inputs.ledger.currency
        let severities = c.severities
        let bankDate = c.inputs.bank.bookingDate
        let asOf = Int(c.inputs.asOf.rawValue)
        let catalog = c.inputs.catalog
        var ageing = BreakAgeing(currencies: (0..<currencies).map {
            (catalog.currencies.string(Int32($0)), catalog.exponent(ofCurrency: Int32($0)))
        })
        var isOpen = [Bool](repeating: false, count: kindCount)
        for kind in BreakKind.open { isOpen[Int(kind.rawValue)] = true }
        for b in result.breaks {
            let k = Int(b.kind.rawValue)
            counts[k] += 1
            if severities[k] >= alertSeverity { alerts += 1 }
            if b.statement >= 0 || b.custody >= 0 {
                ageing.addBalanceRow(b.kind, ageDays: c.statementAgeDays(b))
                continue
            }
            let cur = Int(b.bankRow >= 0 ? bankCurrency[Int(b.bankRow)] : ledgerCurrency[Int(b.ledgerRow)])
            let slot = k * currencies + cur
            if b.bankRow >= 0 { bankSums[slot] += Int128(bankAmount[Int(b.bankRow)]); hasBank[slot] = true }
            if b.ledgerRow >= 0 { ledgerSums[slot] += Int128(b.ledgerAmount); hasLedger[slot] = true }
            let amount = b.bankRow >= 0 ? bankAmount[Int(b.bankRow)] : b.ledgerAmount
            if isOpen[k] {
                openItems += 1
                openAmount += Int128(amount.magnitude)
                openAmountByCurrency[Int32(cur), default: 0] += Int128(amount.magnitude)
                oldestOpenDays = max(oldestOpenDays, asOf - Int(b.bankRow >= 0 ? bankDate[Int(b.bankRow)] : b.ledgerDate))
            }
            if BreakAge.ages(b.kind) {
                let bd: Int32? = b.bankRow >= 0 ? bankDate[Int(b.bankRow)] : nil
                ageing.addItem(b.kind, ageDays: BreakAge.days(b, bankDate: bd, asOf: asOf), currency: cur,
                               atRisk: UInt128(amount.magnitude))
            }
        }
        self.ageing = ageing
        kinds = RunTotals.kindTotals(counts: counts, bankSums: bankSums, ledgerSums: ledgerSums, hasBank: hasBank,
                                     hasLedger: hasLedger, currencies: currencies)
    }

    /// One side's rows and money, matched and in breaks.
    ///
    /// Each lane sums its range of rows (Int64, spilling into Int128 only on overflow); lanes are
    /// added up after, so the result does not depend on the number of lanes.
    private static func side(_ codes: [UInt8], _ currency: [Int32], _ amount: [Int64], currencies: Int, threads: Int) -> SideTotals {
        let lanes = max(1, min(threads, 64))
        let partials = UnsafeMutableBufferPointer<Lane>.allocate(capacity: lanes)
        partials.initialize(repeating: Lane(currencies: currencies))
        defer { partials.deinitialize(); partials.deallocate() }
        let shared = UnsafeTransfer((partials, codes, currency, amount))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let (partials, codes, currency, amount) = shared.value
            var l = partials[lane]
            let lo = codes.count * lane / lanes, hi = codes.count * (lane + 1) / lanes
            codes.withUnsafeBufferPointer { codes in
                currency.withUnsafeBufferPointer { currency in
                    amount.withUnsafeBufferPointer { amount in
                        for row in lo..<hi { l.add(code: codes[row], currency: Int(currency[row]), amount: amount[row]) }
                    }
                }
            }
            partials[lane] = l
        }
        return sum(UnsafeBufferPointer(partials), rows: codes.count, currencies: currencies)
    }

    /// The lanes' sums added up: money per currency seen, and the rows.
    private static func sum(_ partials: UnsafeBufferPointer<Lane>, rows: Int, currencies: Int) -> SideTotals {
        let lanes = partials.count
        var t = SideTotals()
        for cur in 0..<currencies {
            var matched: Int128 = 0, broken: Int128 = 0, seen = false
            for lane in 0..<lanes {
                let l = partials[lane]
                matched += l.spilled[cur * 2] + Int128(l.partial[cur * 2])
                broken += l.spilled[cur * 2 + 1] + Int128(l.partial[cur * 2 + 1])
                seen = seen || l.seen[cur]
            }
            if seen { t.money[Int32(cur)] = Money(matched: matched, inBreaks: broken) }
        }
        for lane in 0..<lanes {
            t.rowsMatched += partials[lane].matchedRows
            t.rowsMatchedWithNote += partials[lane].notedRows
        }
        t.rowsInBreaks = rows - t.rowsMatched
        return t
    }

    /// The flat per-(kind, currency) sums as dictionaries, for the kinds with breaks.
    private static func kindTotals(counts: [Int], bankSums: [Int128], ledgerSums: [Int128], hasBank: [Bool], hasLedger: [Bool],
                                   currencies: Int) -> [BreakKind: KindTotals] {
        var kinds: [BreakKind: KindTotals] = [:]
        for kind in BreakKind.allCases where counts[Int(kind.rawValue)] > 0 {
            var t = KindTotals()
            t.count = counts[Int(kind.rawValue)]
            for cur in 0..<currencies {
                let slot = Int(kind.rawValue) * currencies + cur
                if hasBank[slot] { t.bankAmount[Int32(cur)] = bankSums[slot] }
                if hasLedger[slot] { t.ledgerAmount[Int32(cur)] = ledgerSums[slot] }
            }
            kinds[kind] = t
        }
        return kinds
    }
}
