import ReconCore

/// The group pass (``GroupConfiguration``), on the rows still open in one account and currency:
///
/// 1. **many to one**: for each bank row, in row order, the open ledger rows of the same sign, smaller
///    in size, within the window of its date (the ``GroupConfiguration/maxCandidates`` closest, ties by
///    row) are searched for subsets of 2 to ``GroupConfiguration/maxItems`` rows summing exactly to it;
///    exactly one such subset makes a group, several leave the row open (never picked silently);
/// 2. **one to many**: the same for each ledger row over the bank rows;
/// 3. **netting**: the rows left, ordered by date and cut where two consecutive dates are more than
///    the window apart; a run with 2 to `maxItems` rows on each side whose sides sum to the same total
///    is a group.
///
/// A search that takes more than ``GroupConfiguration/maxSteps`` steps stops; its row is reported as
/// having hit the bound and stays open.
struct GroupPass: GroupingPass {
    let configuration: GroupConfiguration

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        Self.accountCurrency(inputs.bank.account[row], inputs.bank.currency[row]) &* 0x9E37_79B9_7F4A_7C15
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        Self.accountCurrency(inputs.ledger.account[row], inputs.ledger.currency[row]) &* 0x9E37_79B9_7F4A_7C15
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool {
        func values(_ e: KeyEntry) -> (Int32, Int32) {
            let r = Int(e.row)
            return e.side == 0 ? (inputs.bank.account[r], inputs.bank.currency[r]) : (inputs.ledger.account[r], inputs.ledger.currency[r])
        }
        return values(a) == values(b)
    }

    /// One side's open rows of the group: row, date, amount.
    struct Item {
        var row: Int32
        var date: Int32
        var amount: Int64
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        let inputs = sink.inputs
        var bankItems = bank.map { Item(row: $0, date: inputs.bank.bookingDate[Int($0)], amount: inputs.bank.amount[Int($0)]) }
        var ledgerItems = ledger.map { Item(row: $0, date: inputs.ledger.valueDate[Int($0)], amount: inputs.ledger.amount[Int($0)]) }
        manyToOne(targets: &bankItems, parts: &ledgerItems, targetSide: .bank, sink: &sink)
        manyToOne(targets: &ledgerItems, parts: &bankItems, targetSide: .ledger, sink: &sink)
        if configuration.netting { net(bank: bankItems, ledger: ledgerItems, sink: &sink) }
    }

    /// Groups each target with the unique subset of `parts` that sums to it; used rows leave both lists.
    private func manyToOne(targets: inout [Item], parts: inout [Item], targetSide: Side, sink: inout PassSink) {
        guard parts.count >= 2 else { return }
        let byDate = parts.indices.sorted { (parts[$0].date, parts[$0].row) < (parts[$1].date, parts[$1].row) }
        let dates = byDate.map { parts[$0].date }
        var used = [Bool](repeating: false, count: parts.count)
        var usedTargets = Set<Int32>()
        let window = Int32(configuration.windowDays)
        for target in targets {
            guard target.amount != 0 else { continue }
            // The closest candidates: same sign, smaller in size, inside the window.
            var lo = dates.lowerBound(of: target.date - window)
            var candidates: [(distance: Int32, index: Int)] = []
            while lo < byDate.count && dates[lo] <= target.date + window {
                let i = byDate[lo]
                let a = parts[i].amount
                if !used[i] && (a < 0) == (target.amount < 0) && a != 0 && a.magnitude < target.amount.magnitude {
                    candidates.append((abs(parts[i].date - target.date), i))
                }
                lo += 1
            }
            guard candidates.count >= 2 else { continue }
            candidates.sort { ($0.distance, parts[$0.index].row) < ($1.distance, parts[$1.index].row) }
            let chosen = candidates.prefix(configuration.maxCandidates).map(\.index)
            switch subsetSearch(chosen.map { parts[$0].amount.magnitude }, target: target.amount.magnitude) {
            case .one(let picks):
                let members = picks.map { chosen[$0] }.sorted { parts[$0].row < parts[$1].row }
                for m in members { used[m] = true }
                usedTargets.insert(target.row)
                let rows = members.map { parts[$0].row }
                if targetSide == .bank { sink.group(bank: [target.row], ledger: rows) } else { sink.group(bank: rows, ledger: [target.row]) }
            case .bound:
                sink.boundHits.append(RowRef(side: targetSide, row: target.row))
            case .none, .several:
                continue
            }
        }
        targets.removeAll { usedTargets.contains($0.row) }
        parts = parts.indices.filter { !used[$0] }.map { parts[$0] }
    }

    enum SearchResult: Equatable { case none, one([Int]), several, bound }

    /// Subsets of 2 to `maxItems` of `values` (all positive) summing exactly to `target`, by depth-first
    /// search over the values in descending order with sum bounds; stops at the second solution or
    /// after `maxSteps` steps.
    func subsetSearch(_ values: [UInt64], target: UInt64) -> SearchResult {
        let order = values.indices.sorted { (values[$0], $1) > (values[$1], $0) }
        let v = order.map { values[$0] }
        // suffix[i]: the sum of v[i...] (the most the rest can add).
        var suffix = [UInt64](repeating: 0, count: v.count + 1)
        for i in stride(from: v.count - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] &+ v[i] }
        var steps = 0, found: [Int]? = nil, count = 0, hitBound = false
        var stack: [Int] = []
        let maxItems = max(2, configuration.maxItems), maxSteps = configuration.maxSteps
        func dfs(_ start: Int, _ remaining: UInt64) {
            if count > 1 || hitBound { return }
            for i in start..<v.count {
                steps += 1
                if steps > maxSteps { hitBound = true; return }
                if v[i] > remaining { continue }
                if suffix[i] < remaining { return }       // even all the rest cannot reach it
                stack.append(i)
                if v[i] == remaining {
                    if stack.count >= 2 { count += 1; if count == 1 { found = stack } }
                } else if stack.count < maxItems {
                    dfs(i + 1, remaining - v[i])
                }
                stack.removeLast()
                if count > 1 || hitBound { return }
            }
        }
        dfs(0, target)
        if count > 1 { return .several }
        if hitBound { return .bound }
        guard let found else { return .none }
        return .one(found.map { order[$0] })
    }

    /// Many to many: runs of rows close in date whose two sides sum to the same total.
    private func net(bank: [Item], ledger: [Item], sink: inout PassSink) {
        guard bank.count >= 2 && ledger.count >= 2 else { return }
        let all = (bank.map { ($0, Side.bank) } + ledger.map { ($0, Side.ledger) })
            .sorted { ($0.0.date, $0.1.rawValue, $0.0.row) < ($1.0.date, $1.1.rawValue, $1.0.row) }
        var start = 0
        while start < all.count {
            var end = start + 1
            while end < all.count && all[end].0.date - all[end - 1].0.date <= Int32(configuration.windowDays) { end += 1 }
            let run = all[start..<end]
            let b = run.filter { $0.1 == .bank }.map(\.0), l = run.filter { $0.1 == .ledger }.map(\.0)
            if b.count >= 2 && l.count >= 2 && b.count <= configuration.maxItems && l.count <= configuration.maxItems {
                let sb = b.reduce(Int128(0)) { $0 + Int128($1.amount) }, sl = l.reduce(Int128(0)) { $0 + Int128($1.amount) }
                if sb == sl { sink.group(bank: b.map(\.row).sorted(), ledger: l.map(\.row).sorted()) }
            }
            start = end
        }
    }
}
