import ReconCore

/// What speaks for a group the group pass found, beyond its amounts summing exactly, and whether it
/// is enough to match it without a person.
///
/// - **chance**: the subsets the search could form (of 2 to `maxItems` of its candidates) over the
///   values a sum can take (the target's size in steps of the greatest common divisor of the
///   amounts): about how many of them would sum to the target by chance;
/// - **reference**: every ledger row's reference (letters and digits, 5 or more) occurs in the bank
///   rows' `end_to_end_id` and description;
/// - **batch**: the ledger rows share one `batch_id`;
/// - **counterparty**: the names on both sides agree (the shorter's words all in the other's).
///
/// Conclusive: a reference or a batch; or chance below 1 in 1,000; or a shared counterparty with
/// chance below 1 in 20.
struct GroupEvidence {
    var subsets: Int128 = 0
    var step: UInt64 = 1
    var size: UInt64 = 0
    var reference = false
    var batch = false
    var counterparty = false

    init(target: GroupPass.Item, targetSide: Side, members: [GroupPass.Item], candidates: Int, maxItems: Int, inputs: MatchInputs) {
        let n = candidates
        for k in 2...max(2, min(maxItems, n)) where k <= n { subsets += Self.choose(n, k) }
        size = target.amount.magnitude
        var g = size
        for m in members { g = Self.gcd(g, m.amount.magnitude) }
        step = max(1, g)
        let bankRows = targetSide == .bank ? [target.row] : members.map(\.row)
        let ledgerRows = targetSide == .bank ? members.map(\.row) : [target.row]
        let bank = inputs.bank, ledger = inputs.ledger
        func text(_ c: TextColumn, _ r: Int) -> [UInt8] { r < c.count ? Array(c.bytes[c.range(r)]) : [] }
        let bankTexts = bankRows.map { TextTokens.compact(text(bank.endToEndId, Int($0)) + [32] + text(bank.description, Int($0))) }
        let references = ledgerRows.map { TextTokens.compact(text(ledger.reference, Int($0))) }
        reference = references.allSatisfy { ref in ref.count >= 5 && bankTexts.contains { TextTokens.contains($0, ref) } }
        let batches = ledgerRows.map { text(ledger.batchId, Int($0)) }
        batch = ledgerRows.count >= 2 && !batches[0].isEmpty && batches.allSatisfy { $0 == batches[0] }
        let bankNames = bankRows.map { TextTokens.tokens(text(bank.counterparty, Int($0))) }
        let ledgerNames = ledgerRows.map { TextTokens.tokens(text(ledger.counterparty, Int($0))) }
        counterparty = bankNames.allSatisfy { b in
            ledgerNames.allSatisfy { l in
                guard !b.isEmpty && !l.isEmpty else { return false }
                let (short, long) = b.count <= l.count ? (b, l) : (l, b)
                return short.allSatisfy { long.contains($0) }
            }
        }
    }

    /// Chance below 1 in `n`: subsets × step < size / n.
    private func chanceBelow(oneIn n: Int128) -> Bool { subsets * Int128(step) * n < Int128(size) }

    var isConclusive: Bool {
        reference || batch || chanceBelow(oneIn: 1000) || (counterparty && chanceBelow(oneIn: 20))
    }

    /// The evidence in words, for `suggestions.csv`.
    var text: String {
        var parts: [String] = []
        let odds = subsets * Int128(step) == 0 ? Int128(size) : Int128(size) / (subsets * Int128(step))
        parts.append("\(subsets) possible subsets, sums in steps of \(step) minor units up to \(size): chance about 1 in \(max(1, odds))")
        if reference { parts.append("every reference found in the bank text") }
        if batch { parts.append("one batch_id") }
        if counterparty { parts.append("counterparty shared") }
        return parts.joined(separator: "; ")
    }

    static func choose(_ n: Int, _ k: Int) -> Int128 {
        var r: Int128 = 1
        for i in 0..<k { r = r * Int128(n - i) / Int128(i + 1) }
        return r
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
