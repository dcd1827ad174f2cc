import Foundation
import ReconCore

/// The scored pass (``ScoringConfiguration``), on the rows still open in one account, currency and
/// sign. For each bank row, every ledger row inside the date window is scored, in thousandths:
///
/// - **amount** (350): 1 when equal, falling linearly to 0 at a difference of 10% of the ledger amount;
/// - **date** (150): 1 on the same day, falling linearly to 0 past the window;
/// - **counterparty** (200): the share of the shorter name's words found in the other name;
/// - **reference** (300): 1 when the ledger's reference (or txn id), letters and digits only, occurs
///   in the bank's end-to-end id and description (letters and digits only) or equals a reference a
///   configured pattern finds there; 0.6 when they share a run of 6 or more digits.
///
/// Pairs that are each other's single best candidate with a score at or above the auto threshold
/// are matched (`scored_match`); then every remaining pair at or above the suggestion threshold
/// (the best ``ScoringConfiguration/maxCandidates`` of each bank row) is a suggestion.
struct ScoredPass: GroupingPass {
    let configuration: ScoringConfiguration
    let patterns: [NSRegularExpression]

    init(configuration: ScoringConfiguration) {
        self.configuration = configuration
        patterns = configuration.referencePatterns.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    func bankKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.bank
        return Self.accountCurrencySign(t.account[row], t.currency[row], t.amount[row], salt: 0x51ED)
    }

    func ledgerKey(_ row: Int, _ inputs: MatchInputs) -> UInt64? {
        let t = inputs.ledger
        return Self.accountCurrencySign(t.account[row], t.currency[row], t.amount[row], salt: 0x51ED)
    }

    func sameKey(_ a: KeyEntry, _ b: KeyEntry, _ inputs: MatchInputs) -> Bool { Self.sameAccountCurrencySign(a, b, inputs) }

    /// What the pass reads of a bank row's text, computed once per row.
    struct BankText {
        var compact: [UInt8]
        var references: [[UInt8]]
        var digitRuns: [[UInt8]]
        var counterparty: [[UInt8]]
    }

    /// What it reads of a ledger row's.
    struct LedgerText {
        var references: [[UInt8]]
        var digitRuns: [[UInt8]]
        var counterparty: [[UInt8]]
    }

    func resolve(bank: RowList, ledger: RowList, sink: inout PassSink) {
        guard !bank.isEmpty && !ledger.isEmpty else { return }
        let inputs = sink.inputs
        // In content order (date, then txn_id): ties between equal scores are broken by it, never by
        // where the rows stood in the files.
        let ledgerRows = inputs.contentOrdered(ledger: ledger)
        var rank: [Int32: Int] = [:]
        for (i, r) in ledgerRows.enumerated() { rank[r] = i }
        let ledgerDates = ledgerRows.map { inputs.ledger.valueDate[Int($0)] }
        var ledgerText = [LedgerText?](repeating: nil, count: ledgerRows.count)
        var scored: [Suggestion] = []
        let window = Int32(configuration.windowDays)
        for b in bank {
            let bd = inputs.bank.bookingDate[Int(b)]
            var i = ledgerDates.lowerBound(of: bd - window)
            var text: BankText?
            var mine: [Suggestion] = []
            while i < ledgerRows.count && ledgerDates[i] <= bd + window {
                let l = ledgerRows[i]
                defer { i += 1 }
                // Amount and date first: most pairs cannot reach the threshold whatever their texts say.
                guard let cheap = cheapParts(bank: Int(b), ledger: Int(l), inputs) else { continue }
                if text == nil { text = bankText(Int(b), inputs) }
                if ledgerText[i] == nil { ledgerText[i] = self.ledgerText(Int(l), inputs) }
                if let s = score(cheap, bank: Int(b), text!, ledger: Int(l), ledgerText[i]!), s.score >= configuration.suggestThreshold {
                    mine.append(s)
                }
            }
            mine.sort { ($0.score, rank[$1.ledgerRow]!) > ($1.score, rank[$0.ledgerRow]!) }
            scored += mine.prefix(configuration.maxCandidates)
        }
        // Automatic matches: each other's single best, at or above the auto threshold.
        var matchedBank = Set<Int32>(), matchedLedger = Set<Int32>()
        let sure = scored.filter { $0.score >= configuration.autoThreshold }
        MutualBest.pairs(sure, bank: \.bankRow, ledger: \.ledgerRow, cost: { PairCost(rank: -$0.score, difference: 0, distance: 0) }) { s in
            sink.notedPair(bank: s.bankRow, ledger: s.ledgerRow, kind: .scoredMatch)
            sink.scores.append(s)
            matchedBank.insert(s.bankRow)
            matchedLedger.insert(s.ledgerRow)
        }
        for s in scored where !matchedBank.contains(s.bankRow) && !matchedLedger.contains(s.ledgerRow) {
            sink.suggestions.append(s)
        }
    }

    func bankText(_ r: Int, _ inputs: MatchInputs) -> BankText {
        let t = inputs.bank
        var raw: [UInt8] = []
        func add(_ c: TextColumn) {
            guard r < c.count else { return }
            let range = c.range(r)
            raw.append(contentsOf: c.bytes[range]); raw.append(32)
        }
        add(t.endToEndId); add(t.description)
        var references: [[UInt8]] = []
        if !patterns.isEmpty {
            let s = String(decoding: raw, as: UTF8.self)
            let ns = s as NSString
            for p in patterns {
                for m in p.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                    let range = m.numberOfRanges > 1 && m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range
                    let ref = TextTokens.compact(Array(ns.substring(with: range).utf8))
                    if ref.count >= 3 { references.append(ref) }
                }
            }
        }
        let cp = r < t.counterparty.count ? Array(t.counterparty.bytes[t.counterparty.range(r)]) : []
        return BankText(compact: TextTokens.compact(raw), references: references, digitRuns: Self.digitRuns(raw),
                        counterparty: TextTokens.tokens(cp))
    }

    func ledgerText(_ r: Int, _ inputs: MatchInputs) -> LedgerText {
        let t = inputs.ledger
        var refs: [[UInt8]] = [], raw: [UInt8] = []
        for c in [t.reference, t.txnId] where r < c.count && !c.isEmpty(r) {
            let bytes = Array(c.bytes[c.range(r)])
            raw += bytes + [32]
            let compact = TextTokens.compact(bytes)
            if compact.count >= 5 { refs.append(compact) }
        }
        let cp = r < t.counterparty.count ? Array(t.counterparty.bytes[t.counterparty.range(r)]) : []
        return LedgerText(references: refs, digitRuns: Self.digitRuns(raw), counterparty: TextTokens.tokens(cp))
    }

    /// Runs of 6 or more digits.
    static func digitRuns(_ text: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = [], current: [UInt8] = []
        for b in text + [32] {
            if b >= 48 && b <= 57 { current.append(b) } else {
                if current.count >= 6 { out.append(current) }
                current.removeAll(keepingCapacity: true)
            }
        }
        return out
    }

    /// The exact amount and date parts of a pair (see ``ScoreFraction``), or nil when even a perfect
    /// name and reference could not lift it to the suggestion threshold.
    ///
    /// amount = max(0, 1 − |b − l| / max(1, 10% of |l|)); date = max(0, 1 − days / (window + 1)).
    func cheapParts(bank b: Int, ledger l: Int, _ inputs: MatchInputs) -> Cheap? {
        let ab = inputs.bank.amount[b], al = inputs.ledger.amount[l]
        let diff = Int128(ab) - Int128(al)
        let d = diff < 0 ? -diff : diff
        let magnitude = Int128(al.magnitude)
        let amount: ScoreFraction
        if d == 0 {
            amount = .one
        } else if magnitude >= 10 {
            // 1 − d / (|l| / 10) = (|l| − 10 d) / |l|
            amount = magnitude - 10 * d <= 0 ? .zero : ScoreFraction(numerator: magnitude - 10 * d, denominator: magnitude)
        } else {
            amount = d >= 1 ? .zero : .one
        }
        let days = Int(abs(Int64(inputs.bank.bookingDate[b]) - Int64(inputs.ledger.valueDate[l])))
        let span = configuration.windowDays + 1
        let date = days >= span ? ScoreFraction.zero : ScoreFraction(numerator: Int128(span - days), denominator: Int128(span))
        typealias C = ScoringConfiguration
        let best = ScoreFraction.total([(C.amountWeight, amount), (C.dateWeight, date),
                                        (C.counterpartyWeight, .one), (C.referenceWeight, .one)])
        return best < configuration.suggestThreshold ? nil : Cheap(amount: amount, date: date, days: days)
    }

    /// The parts a pair's amount and date give, exact.
    struct Cheap {
        var amount: ScoreFraction
        var date: ScoreFraction
        var days: Int
    }

    func score(_ cheap: Cheap, bank b: Int, _ bt: BankText, ledger l: Int, _ lt: LedgerText) -> Suggestion? {
        typealias C = ScoringConfiguration
        var reference = ScoreFraction.zero
        for ref in lt.references where TextTokens.contains(bt.compact, ref) || bt.references.contains(ref) { reference = .one; break }
        if reference == .zero && lt.digitRuns.contains(where: { run in bt.digitRuns.contains { TextTokens.contains($0, run) || TextTokens.contains(run, $0) } }) {
            reference = ScoreFraction(numerator: 3, denominator: 5)
        }
        let known: [(weight: Int, part: ScoreFraction)] = [(C.amountWeight, cheap.amount), (C.dateWeight, cheap.date),
                                                           (C.referenceWeight, reference)]
        if ScoreFraction.total(known + [(C.counterpartyWeight, .one)]) < configuration.suggestThreshold { return nil }
        var counterparty = ScoreFraction.zero
        if !bt.counterparty.isEmpty && !lt.counterparty.isEmpty {
            let (short, long) = bt.counterparty.count <= lt.counterparty.count ? (bt.counterparty, lt.counterparty) : (lt.counterparty, bt.counterparty)
            let found = short.filter { long.contains($0) }.count
            counterparty = ScoreFraction(numerator: Int128(found), denominator: Int128(short.count))
        }
        let total = ScoreFraction.total(known + [(C.counterpartyWeight, counterparty)])
        return Suggestion(bankRow: Int32(b), ledgerRow: Int32(l), score: total, amountPart: cheap.amount.thousandths,
                          datePart: cheap.date.thousandths, counterpartyPart: counterparty.thousandths,
                          referencePart: reference.thousandths, days: cheap.days)
    }

    /// Suggestions in content order of their bank line (date, bank_ref), best score first, then in
    /// content order of their ledger record: the same for any order of the input rows.
    static func contentSorted(_ suggestions: [Suggestion], _ inputs: MatchInputs) -> [Suggestion] {
        let bank = inputs.bank, ledger = inputs.ledger
        return suggestions.sorted { a, b in
            let (ab, bb) = (Int(a.bankRow), Int(b.bankRow))
            if bank.bookingDate[ab] != bank.bookingDate[bb] { return bank.bookingDate[ab] < bank.bookingDate[bb] }
            let refs = bank.bankRef.compare(ab, bank.bankRef, bb)
            if refs != 0 { return refs < 0 }
            if a.score != b.score { return a.score > b.score }
            let (al, bl) = (Int(a.ledgerRow), Int(b.ledgerRow))
            if ledger.valueDate[al] != ledger.valueDate[bl] { return ledger.valueDate[al] < ledger.valueDate[bl] }
            let ids = ledger.txnId.compare(al, ledger.txnId, bl)
            return ids != 0 ? ids < 0 : (a.bankRow, a.ledgerRow) < (b.bankRow, b.ledgerRow)
        }
    }
}
