import ReconCore
import ReconFormats
import ReconMatch

/// Control totals and per-kind totals of a run.
///
/// For each side: rows in = rows matched + rows in breaks + rows rejected, and money in = money
/// matched + money in breaks (a rejected row's amount could not be read, so it is counted in rows only).
public struct RunTotals: Sendable {
    public struct Money: Sendable {
        public var matched: Int128 = 0
        public var inBreaks: Int128 = 0
        public var total: Int128 { matched + inBreaks }
    }

    public struct SideTotals: Sendable {
        public var rowsMatched = 0
        public var rowsInBreaks = 0
        public var rowsRejected = 0
        public var rowsIn: Int { rowsMatched + rowsInBreaks + rowsRejected }
        /// Money by currency id.
        public var money: [Int32: Money] = [:]
    }

    public struct KindTotals: Sendable {
        public var count = 0
        public var bankAmount: [Int32: Int128] = [:]
        public var ledgerAmount: [Int32: Int128] = [:]
    }

    public var bank = SideTotals()
    public var ledger = SideTotals()
    public var kinds: [BreakKind: KindTotals] = [:]
    /// Breaks at or above the alert severity.
    public var alerts = 0

    public init(_ c: ReportContext, rejects: RejectLog) {
        let result = c.result
        let currencies = c.inputs.catalog.currencies.count
        func side(_ codes: [UInt8], _ currency: [Int32], _ amount: [Int64]) -> SideTotals {
            // Sums run in Int64 and spill into Int128 only when they would overflow.
            var partial = [Int64](repeating: 0, count: currencies * 2)
            var spilled = [Int128](repeating: 0, count: currencies * 2)
            var seen = [Bool](repeating: false, count: currencies)
            var t = SideTotals()
            codes.withUnsafeBufferPointer { codes in
                currency.withUnsafeBufferPointer { currency in
                    amount.withUnsafeBufferPointer { amount in
                        for row in 0..<codes.count {
                            let cur = Int(currency[row])
                            seen[cur] = true
                            let slot = RowOutcome.isMatched(code: codes[row]) ? cur * 2 : cur * 2 + 1
                            let (sum, overflow) = partial[slot].addingReportingOverflow(amount[row])
                            if overflow {
                                spilled[slot] += Int128(partial[slot])
                                partial[slot] = amount[row]
                            } else {
                                partial[slot] = sum
                            }
                        }
                    }
                }
            }
            t.rowsMatched = codes.lazy.filter { RowOutcome.isMatched(code: $0) }.count
            t.rowsInBreaks = codes.count - t.rowsMatched
            for cur in 0..<currencies where seen[cur] {
                t.money[Int32(cur)] = Money(matched: spilled[cur * 2] + Int128(partial[cur * 2]),
                                            inBreaks: spilled[cur * 2 + 1] + Int128(partial[cur * 2 + 1]))
            }
            return t
        }
        bank = side(result.bankCodes, c.inputs.bank.currency, c.inputs.bank.amount)
        ledger = side(result.ledgerCodes, c.inputs.ledger.currency, c.inputs.ledger.amount)
        bank.rowsRejected = rejects.count(of: .bank)
        ledger.rowsRejected = rejects.count(of: .ledger)
        let alertSeverity = c.configuration.alertSeverity
        for b in result.breaks {
            var k = kinds[b.kind, default: KindTotals()]
            k.count += 1
            let cur = c.currency(b)
            if b.statement >= 0 {
                kinds[b.kind] = k
                if c.severity(b) >= alertSeverity { alerts += 1 }
                continue
            }
            if b.bankRow >= 0 { k.bankAmount[cur, default: 0] += Int128(c.inputs.bank.amount[Int(b.bankRow)]) }
            if b.ledgerRow >= 0 { k.ledgerAmount[cur, default: 0] += Int128(b.ledgerAmount) }
            kinds[b.kind] = k
            if c.severity(b) >= alertSeverity { alerts += 1 }
        }
    }
}
