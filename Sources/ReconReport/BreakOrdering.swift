import ReconCore
import ReconMatch

/// The report's order: severity (critical first), account, date, kind, bank_ref, ledger_id, row.
enum BreakOrdering {
    static func sortedIndices(_ context: ReportContext) -> [Int] {
        let breaks = context.result.breaks
        let accounts = context.inputs.catalog.accounts.values
        // Rank accounts and kinds by their bytes once, so most comparisons are on integers.
        let accountRank = rank(count: accounts.count) { accounts.compare($0, accounts, $1) < 0 }
        var kindRank = [Int](repeating: 0, count: 256)
        for (i, k) in BreakKind.allCases.sorted(by: { $0.name < $1.name }).enumerated() { kindRank[Int(k.rawValue)] = i }
        // Severity, account rank, date and kind packed into one integer, so the sort compares words;
        // only breaks equal on all four are ordered by bank_ref, ledger_id and row.
        guard accounts.count < 1 << 24 else { return comparatorSort(context, accountRank: accountRank, kindRank: kindRank) }
        var items: [(key: UInt64, index: Int32)] = breaks.indices.map { i in
            let b = breaks[i]
            let severity = UInt64(4 - context.severity(b).rawValue)
            let account = UInt64(accountRank[Int(context.account(b))])
            let date = UInt64(UInt32(bitPattern: context.primaryDate(b) &+ (1 << 23))) & 0xFF_FFFF
            let kind = UInt64(kindRank[Int(b.kind.rawValue)])
            return ((severity << 56) | (account << 32) | (date << 8) | kind, Int32(i))
        }
        items.sort { $0.key < $1.key }
        var order = [Int](repeating: 0, count: items.count)
        var run: [Int] = []
        var i = 0
        while i < items.count {
            var j = i + 1
            while j < items.count && items[j].key == items[i].key { j += 1 }
            if j - i == 1 {
                order[i] = Int(items[i].index)
            } else {
                run.removeAll(keepingCapacity: true)
                for k in i..<j { run.append(Int(items[k].index)) }
                run.sort { tieLess(breaks[$0], breaks[$1], context) }
                for k in i..<j { order[k] = run[k - i] }
            }
            i = j
        }
        return order
    }

    /// The full order for the rare case of more than 2^24 accounts.
    private static func comparatorSort(_ context: ReportContext, accountRank: [Int], kindRank: [Int]) -> [Int] {
        let breaks = context.result.breaks
        return Array(breaks.indices).sorted { i, j in
            let x = breaks[i], y = breaks[j]
            let sx = 4 - Int(context.severity(x).rawValue), sy = 4 - Int(context.severity(y).rawValue)
            if sx != sy { return sx < sy }
            let ax = accountRank[Int(context.account(x))], ay = accountRank[Int(context.account(y))]
            if ax != ay { return ax < ay }
            let dx = context.primaryDate(x), dy = context.primaryDate(y)
            if dx != dy { return dx < dy }
            let kx = kindRank[Int(x.kind.rawValue)], ky = kindRank[Int(y.kind.rawValue)]
            if kx != ky { return kx < ky }
            return tieLess(x, y, context)
        }
    }

    /// bank_ref, then ledger_id (bytewise, empty first), then row numbers.
    private static func tieLess(_ x: BreakRecord, _ y: BreakRecord, _ context: ReportContext) -> Bool {
        let bankRef = context.inputs.bank.bankRef
        let refOrder = compareOptional(x.bankRow >= 0 ? Int(x.bankRow) : nil, y.bankRow >= 0 ? Int(y.bankRow) : nil) {
            bankRef.compare($0, bankRef, $1)
        }
        if refOrder != 0 { return refOrder < 0 }
        let lx = context.ledgerIdColumn(x), ly = context.ledgerIdColumn(y)
        let idOrder: Int
        switch (lx, ly) {
        case (nil, nil): idOrder = 0
        case (nil, _): idOrder = -1
        case (_, nil): idOrder = 1
        case let (.some(a), .some(b)): idOrder = a.0.compare(a.1, b.0, b.1)
        }
        if idOrder != 0 { return idOrder < 0 }
        if x.bankRow != y.bankRow { return x.bankRow < y.bankRow }
        if x.ledgerRow != y.ledgerRow { return x.ledgerRow < y.ledgerRow }
        return x.statement * 1000 + x.control < y.statement * 1000 + y.control
    }

    /// Empty sorts first, as an empty string would.
    private static func compareOptional(_ a: Int?, _ b: Int?, _ compare: (Int, Int) -> Int) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (.some(x), .some(y)): return compare(x, y)
        }
    }

    private static func rank(count: Int, by less: (Int, Int) -> Bool) -> [Int] {
        let order = (0..<count).sorted(by: less)
        var rank = [Int](repeating: 0, count: count)
        for (r, id) in order.enumerated() { rank[id] = r }
        return rank
    }
}
