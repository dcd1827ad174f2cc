/// What a candidate pair costs in the passes that choose among candidates: lower is better, compared
/// field by field.
struct PairCost: Comparable, Sendable {
    var rank: Int
    var difference: UInt64
    var distance: Int

    static func < (a: PairCost, b: PairCost) -> Bool { (a.rank, a.difference, a.distance) < (b.rank, b.difference, b.distance) }
}

/// Pairs rows that are each other's single cheapest candidate, repeatedly: the rule of the tolerance,
/// FX and scored passes. A row with two equally cheap candidates is never paired.
enum MutualBest {
    /// Calls `pair` with each chosen candidate, round by round and, within a round, in candidate order.
    static func pairs<C>(_ all: [C], bank: (C) -> Int32, ledger: (C) -> Int32, cost: (C) -> PairCost, pair: (C) -> Void) {
        var candidates = all
        var takenBank = Set<Int32>(), takenLedger = Set<Int32>()
        while !candidates.isEmpty {
            var bestBank: [Int32: (index: Int, unique: Bool)] = [:], bestLedger: [Int32: (index: Int, unique: Bool)] = [:]
            func note(_ best: inout [Int32: (index: Int, unique: Bool)], _ row: Int32, _ i: Int) {
                guard let cur = best[row] else { best[row] = (i, true); return }
                let c = cost(candidates[i]), o = cost(candidates[cur.index])
                if c < o { best[row] = (i, true) } else if c == o { best[row]!.unique = false }
            }
            for i in candidates.indices {
                note(&bestBank, bank(candidates[i]), i)
                note(&bestLedger, ledger(candidates[i]), i)
            }
            var paired = false
            for (i, c) in candidates.enumerated() {
                guard let bb = bestBank[bank(c)], bb.unique, bb.index == i,
                      let bl = bestLedger[ledger(c)], bl.unique, bl.index == i else { continue }
                pair(c)
                takenBank.insert(bank(c))
                takenLedger.insert(ledger(c))
                paired = true
            }
            if !paired { break }
            candidates.removeAll { takenBank.contains(bank($0)) || takenLedger.contains(ledger($0)) }
        }
    }
}
