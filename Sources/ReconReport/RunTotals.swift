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
        let tally = BreakTally.count(c, threads: threads)
        alerts = tally.alerts
        ageing = tally.ageing
        openItems = tally.openItems
        openAmount = tally.openAmount
        for (cur, amount) in tally.openByCurrency.enumerated() where tally.openSeen[cur] { openAmountByCurrency[Int32(cur)] = amount }
        oldestOpenDays = tally.oldestOpenDays
        kinds = RunTotals.kindTotals(counts: tally.counts, bankSums: tally.bankSums, ledgerSums: tally.ledgerSums, hasBank: tally.hasBank,
                                     hasLedger: tally.hasLedger, currencies: currencies)
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
