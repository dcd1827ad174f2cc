import ReconCore

/// The group pass (``GroupConfiguration``), on the rows still open in one account and currency:
///
/// 1. **many to one**: for each bank row, the open ledger rows of the same sign, smaller in size,
///    within the window of its date (the ``GroupConfiguration/maxCandidates`` closest, ties in content
///    order) are searched for subsets of 2 to ``GroupConfiguration/maxItems`` rows summing exactly to
///    it; several leave the row open (never picked silently). Exactly one makes a group when no other
///    row's subset claims the same rows, no other subset sums to it over twice the window, and the
///    evidence makes chance negligible (``GroupEvidence``); otherwise it is a ``GroupSuggestion``;
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

    /// Groups each target with the unique subset of `parts` that sums to it, when nothing else claims
    /// those rows and the evidence makes chance negligible; grouped rows leave both lists. Every other
    /// unique subset is a ``GroupSuggestion``.
    ///
    /// Nothing depends on the order of the rows: every target is searched against every open part
    /// (candidates tie-broken in content order), and two targets whose subsets share a row are both
    /// suggestions, never one picked.
    private func manyToOne(targets: inout [Item], parts: inout [Item], targetSide: Side, sink: inout PassSink) {
        guard parts.count >= 2 else { return }
        let inputs = sink.inputs
        let partSide: Side = targetSide == .bank ? .ledger : .bank
        let rank = contentRanks(parts, side: partSide, inputs)
        let byDate = parts.indices.sorted { (parts[$0].date, rank[$0]) < (parts[$1].date, rank[$1]) }
        let dates = byDate.map { parts[$0].date }
        var proposals: [(target: Item, members: [Int], candidates: Int)] = []
        for target in targets {
            guard target.amount != 0 else { continue }
            let chosen = candidates(for: target, window: configuration.windowDays, limit: configuration.maxCandidates,
                                    parts: parts, byDate: byDate, dates: dates, rank: rank)
            guard chosen.count >= 2 else { continue }
            switch subsetSearch(chosen.map { parts[$0].amount.magnitude }, target: target.amount.magnitude) {
            case .one(let picks):
                proposals.append((target, picks.map { chosen[$0] }, chosen.count))
            case .bound:
                sink.boundHits.append(RowRef(side: targetSide, row: target.row))
            case .none, .several:
                continue
            }
        }
        // A row two proposals claim goes to neither: both are suggestions.
        var claims = [Int](repeating: 0, count: parts.count)
        for p in proposals { for m in p.members { claims[m] += 1 } }
        var used = [Bool](repeating: false, count: parts.count)
        var usedTargets = Set<Int32>()
        for p in proposals {
            let members = p.members.sorted { rank[$0] < rank[$1] }
            let rows = members.map { parts[$0].row }
            let contested = members.filter { claims[$0] > 1 }.map { parts[$0].row }
            var reasons: [String] = []
            if !contested.isEmpty {
                reasons.append("another group claims \(partSide.name) row(s) \(names(contested, side: partSide, inputs))")
            }
            let wide = candidates(for: p.target, window: 2 * configuration.windowDays, limit: 2 * configuration.maxCandidates,
                                  parts: parts, byDate: byDate, dates: dates, rank: rank)
            let wider = subsetSearch(wide.map { parts[$0].amount.magnitude }, target: p.target.amount.magnitude)
            if wider == .several { reasons.append("another subset sums to it within \(2 * configuration.windowDays) days") }
            if wider == .bound { reasons.append("the search over \(2 * configuration.windowDays) days hit its bound") }
            let evidence = GroupEvidence(target: p.target, targetSide: targetSide, members: members.map { parts[$0] },
                                         candidates: p.candidates, maxItems: configuration.maxItems, inputs: inputs)
            if reasons.isEmpty && evidence.isConclusive {
                for m in members { used[m] = true }
                usedTargets.insert(p.target.row)
                if targetSide == .bank { sink.group(bank: [p.target.row], ledger: rows) } else { sink.group(bank: rows, ledger: [p.target.row]) }
            } else {
                if reasons.isEmpty { reasons.append("nothing beyond the amounts makes chance negligible") }
                sink.groupSuggestions.append(GroupSuggestion(targetSide: targetSide, target: p.target.row, members: rows,
                                                             evidence: (reasons + [evidence.text]).joined(separator: "; ")))
            }
        }
        targets.removeAll { usedTargets.contains($0.row) }
        parts = parts.indices.filter { !used[$0] }.map { parts[$0] }
    }

    /// The open parts of the same sign, smaller in size and inside `window` days of the target: the
    /// `limit` closest, ties broken in content order.
    private func candidates(for target: Item, window: Int, limit: Int, parts: [Item], byDate: [Int], dates: [Int32],
                            rank: [Int]) -> [Int] {
        var lo = dates.lowerBound(of: target.date - Int32(window))
        var found: [(distance: Int32, index: Int)] = []
        while lo < byDate.count && dates[lo] <= target.date + Int32(window) {
            let i = byDate[lo]
            let a = parts[i].amount
            if (a < 0) == (target.amount < 0) && a != 0 && a.magnitude < target.amount.magnitude {
                found.append((abs(parts[i].date - target.date), i))
            }
            lo += 1
        }
        found.sort { ($0.distance, rank[$0.index]) < ($1.distance, rank[$1.index]) }
        return found.prefix(limit).map(\.index)
    }

    /// Each part's place in content order (date, then its id, then row).
    private func contentRanks(_ parts: [Item], side: Side, _ inputs: MatchInputs) -> [Int] {
        let rows = parts.map(\.row)
        let ordered = side == .bank ? inputs.contentOrdered(bank: rows) : inputs.contentOrdered(ledger: rows)
        var position: [Int32: Int] = [:]
        for (i, r) in ordered.enumerated() { position[r] = i }
        return parts.map { position[$0.row]! }
    }

    private func names(_ rows: [Int32], side: Side, _ inputs: MatchInputs) -> String {
        rows.map { side == .bank ? inputs.bank.bankRef.string(Int($0)) : inputs.ledger.txnId.string(Int($0)) }.joined(separator: ";")
    }

    /// Group suggestions in content order of their target (bank targets first), then of their members.
    static func contentSorted(_ suggestions: [GroupSuggestion], _ inputs: MatchInputs) -> [GroupSuggestion] {
        func key(_ s: GroupSuggestion) -> (Int, Int32, String) {
            let r = Int(s.target)
            return s.targetSide == .bank ? (0, inputs.bank.bookingDate[r], inputs.bank.bankRef.string(r))
                : (1, inputs.ledger.valueDate[r], inputs.ledger.txnId.string(r))
        }
        return suggestions.sorted { a, b in
            let (x, y) = (key(a), key(b))
            return x != y ? x < y : a.members.lexicographicallyPrecedes(b.members)
        }
    }

    enum SearchResult: Equatable { case none, one([Int]), several, bound }

    /// Subsets of 2 to `maxItems` of `values` (all positive) summing exactly to `target`, by depth-first
    /// search over the values in descending order with sum bounds; stops at the second solution or
    /// after `maxSteps` steps.
    func subsetSearch(_ values: [UInt64], target: UInt64) -> SearchResult {
        if configuration.maxItems <= 3 { return pairsAndTriples(values, target: target) }
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

    /// The subsets of 2 or 3 of `values` summing exactly to `target`, found with a table of the values
    /// (pairs in n steps, triples in n² / 2): no bound is needed; stops at the second.
    func pairsAndTriples(_ values: [UInt64], target: UInt64) -> SearchResult {
        var at: [UInt64: [Int]] = [:]
        for (i, v) in values.enumerated() { at[v, default: []].append(i) }
        var found: [Int]?
        var count = 0
        func note(_ subset: [Int]) -> Bool {
            count += 1
            if count == 1 { found = subset }
            return count > 1
        }
        for i in values.indices where values[i] < target {
            for j in at[target - values[i]] ?? [] where j > i {
                if note([i, j]) { return .several }
            }
        }
        if configuration.maxItems >= 3 {
            for i in values.indices where values[i] < target {
                for j in (i + 1)..<values.count where values[j] < target - values[i] {
                    for k in at[target - values[i] - values[j]] ?? [] where k > j {
                        if note([i, j, k]) { return .several }
                    }
                }
            }
        }
        guard let found else { return .none }
        return .one(found)
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
