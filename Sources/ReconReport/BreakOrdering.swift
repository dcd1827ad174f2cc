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
        struct Key {
            var severity: Int
            var account: Int
            var date: Int32
            var kind: Int
        }
        let keys = breaks.map { b in
            Key(severity: 4 - Int(context.severity(b).rawValue), account: accountRank[Int(context.account(b))],
                date: context.primaryDate(b), kind: kindRank[Int(b.kind.rawValue)])
        }
        let bankRef = context.inputs.bank.bankRef
        return Array(breaks.indices).sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.severity != b.severity { return a.severity < b.severity }
            if a.account != b.account { return a.account < b.account }
            if a.date != b.date { return a.date < b.date }
            if a.kind != b.kind { return a.kind < b.kind }
            let x = breaks[i], y = breaks[j]
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
            return x.ledgerRow < y.ledgerRow
        }
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
