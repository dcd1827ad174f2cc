import Dispatch
import ReconCore
import ReconMatch

/// The breaks' counts and money by kind and currency, open items and their ageing: what
/// ``RunTotals`` reports of the breaks. Each lane counts its share of the breaks; the lanes are added
/// up after (integer sums, maxima, counts), so the totals do not depend on the number of lanes.
struct BreakTally {
    static let kindCount = 256
    var counts = [Int](repeating: 0, count: kindCount)
    /// Per `kind * currencies + currency`.
    var bankSums: [Int128], ledgerSums: [Int128]
    var hasBank: [Bool], hasLedger: [Bool]
    var alerts = 0
    var ageing: BreakAgeing
    var openItems = 0
    var openAmount: Int128 = 0
    var openByCurrency: [Int128], openSeen: [Bool]
    var oldestOpenDays = 0

    init(currencies: Int, ageing: BreakAgeing) {
        bankSums = [Int128](repeating: 0, count: Self.kindCount * max(1, currencies))
        ledgerSums = bankSums
        hasBank = [Bool](repeating: false, count: bankSums.count)
        hasLedger = hasBank
        openByCurrency = [Int128](repeating: 0, count: max(1, currencies))
        openSeen = [Bool](repeating: false, count: openByCurrency.count)
        self.ageing = ageing
    }

    /// Counts the run's breaks on `threads` lanes.
    static func count(_ c: ReportContext, threads: Int) -> BreakTally {
        let currencies = c.inputs.catalog.currencies.count
        let catalog = c.inputs.catalog
        let ageing = BreakAgeing(currencies: (0..<currencies).map {
            (catalog.currencies.string(Int32($0)), catalog.exponent(ofCurrency: Int32($0)))
        })
        let breaks = c.result.breaks.count
        let lanes = Lanes.count(items: breaks, threads: threads)
        var parts = [BreakTally](repeating: BreakTally(currencies: currencies, ageing: ageing), count: lanes)
        parts.withUnsafeMutableBufferPointer { parts in
            let shared = UnsafeTransfer((parts, c))
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                let (parts, c) = shared.value
                parts[lane].add(c, Lanes.range(lane, of: lanes, items: breaks), currencies: currencies)
            }
        }
        var total = parts[0]
        for part in parts.dropFirst() { total.absorb(part) }
        return total
    }

    /// Counts breaks `range` of the run.
    mutating func add(_ c: ReportContext, _ range: Range<Int>, currencies: Int) {
        let alertSeverity = c.configuration.alertSeverity
        let bankAmount = c.inputs.bank.amount, bankCurrency = c.inputs.bank.currency
        let ledgerCurrency = c.inputs.ledger.currency, bankDate = c.inputs.bank.bookingDate
        let severities = c.severities
        let asOf = Int(c.inputs.asOf.rawValue)
        var isOpen = [Bool](repeating: false, count: Self.kindCount)
        for kind in BreakKind.open { isOpen[Int(kind.rawValue)] = true }
        let breaks = c.result.breaks
        for i in range {
            let b = breaks[i]
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
                openByCurrency[cur] += Int128(amount.magnitude)
                openSeen[cur] = true
                oldestOpenDays = max(oldestOpenDays, asOf - Int(b.bankRow >= 0 ? bankDate[Int(b.bankRow)] : b.ledgerDate))
            }
            if BreakAge.ages(b.kind) {
                let bd: Int32? = b.bankRow >= 0 ? bankDate[Int(b.bankRow)] : nil
                ageing.addItem(b.kind, ageDays: BreakAge.days(b, bankDate: bd, asOf: asOf), currency: cur,
                               atRisk: UInt128(amount.magnitude))
            }
        }
    }

    /// Adds another lane's tally.
    mutating func absorb(_ o: BreakTally) {
        for i in counts.indices { counts[i] += o.counts[i] }
        for i in bankSums.indices {
            bankSums[i] += o.bankSums[i]; ledgerSums[i] += o.ledgerSums[i]
            hasBank[i] = hasBank[i] || o.hasBank[i]; hasLedger[i] = hasLedger[i] || o.hasLedger[i]
        }
        alerts += o.alerts
        ageing.absorb(o.ageing)
        openItems += o.openItems
        openAmount += o.openAmount
        for i in openByCurrency.indices { openByCurrency[i] += o.openByCurrency[i]; openSeen[i] = openSeen[i] || o.openSeen[i] }
        oldestOpenDays = max(oldestOpenDays, o.oldestOpenDays)
    }
}
