/// Open items by age: the one place that decides what counts in an ageing bucket and what money it
/// puts at risk, for `summary.json`, the exports and `recon breaks --ageing`.
///
/// - A break that names rows and is still open (every kind but the matched ones,
///   ``BreakKind/isMatchedWithNote``) counts in the bucket of its age, and puts at risk the magnitude
///   of its bank line's amount (else its ledger record's), so credits and debits do not cancel.
/// - A statement's or custody account's break counts in the bucket of its age; its amounts are
///   balances, not money at risk.
/// - A matched kind (`timing_difference`, ...) does not age.
public struct BreakAgeing: Sendable, Equatable {
    /// One bucket's totals.
    public struct Bucket: Sendable, Equatable {
        public var count = 0
        public var kinds: [BreakKind: Int] = [:]
        /// By currency code; only currencies with items in the bucket.
        public var moneyAtRisk: [String: Int128] = [:]
    }

    /// Currency codes and their decimals, by the index ``addItem(_:ageDays:currency:atRisk:)`` takes.
    public private(set) var currencies: [String] = []
    public private(set) var exponents: [Int] = []
    private var index: [String: Int] = [:]
    /// Count per bucket and kind (`bucket * 256 + kind`).
    @usableFromInline var kindCounts = [Int](repeating: 0, count: AgeBucket.allCases.count * 256)
    /// Money at risk per currency and bucket (`currency * buckets + bucket`), and whether any item
    /// put money there.
    @usableFromInline var money: [Int128] = []
    @usableFromInline var seen: [Bool] = []

    /// An aggregator for the currencies given (codes and decimals, in the caller's index order); more
    /// are added as lines name them.
    public init(currencies: [(code: String, exponent: Int)] = []) {
        for c in currencies { _ = currencyIndex(c.code, exponent: c.exponent) }
    }

    /// Counts an account-level break (statement or custody account) of age `ageDays`.
    public mutating func addBalanceRow(_ kind: BreakKind, ageDays: Int) {
        kindCounts[AgeBucket(days: ageDays).rawValue * 256 + Int(kind.rawValue)] += 1
    }

    /// Counts an open item that names rows: `atRisk` in minor units of currency `currency` (an index
    /// of ``currencies``). Matched kinds are not counted.
    @inlinable
    public mutating func addItem(_ kind: BreakKind, ageDays: Int, currency: Int, atRisk: UInt128) {
        guard !kind.isMatchedWithNote else { return }
        let bucket = AgeBucket(days: ageDays).rawValue
        kindCounts[bucket * 256 + Int(kind.rawValue)] += 1
        let slot = currency * 5 + bucket   // five buckets (AgeBucket.allCases.count)
        money[slot] += Int128(atRisk)
        seen[slot] = true
    }

    /// Counts a break line by the rules above.
    public mutating func add(_ line: BreakLine) {
        if line.isBalanceRow { return addBalanceRow(line.kind, ageDays: line.ageDays) }
        guard let atRisk = line.moneyAtRisk else { return }
        addItem(line.kind, ageDays: line.ageDays, currency: currencyIndex(line.currency, exponent: line.exponent), atRisk: atRisk)
    }

    /// Adds another aggregator's counts and money (one made with the same currencies first, as the
    /// lanes of one run's totals are), naming any currency it adds.
    public mutating func absorb(_ other: BreakAgeing) {
        for i in kindCounts.indices { kindCounts[i] += other.kindCounts[i] }
        let buckets = AgeBucket.allCases.count
        for (j, code) in other.currencies.enumerated() {
            let i = currencyIndex(code, exponent: other.exponents[j])
            for b in 0..<buckets where other.seen[j * buckets + b] {
                money[i * buckets + b] += other.money[j * buckets + b]
                seen[i * buckets + b] = true
            }
        }
    }

    /// The decimals money of `code` is written with.
    public func exponent(of code: String) -> Int {
        index[code].map { exponents[$0] } ?? Currency.exponent(ofCode: Array(code.utf8))
    }

    /// Every bucket, indexed by ``AgeBucket/rawValue``.
    public var buckets: [Bucket] {
        AgeBucket.allCases.map { bucket in
            var b = Bucket()
            for kind in BreakKind.allCases {
                let n = kindCounts[bucket.rawValue * 256 + Int(kind.rawValue)]
                if n > 0 { b.kinds[kind] = n; b.count += n }
            }
            for (i, code) in currencies.enumerated() where seen[i * AgeBucket.allCases.count + bucket.rawValue] {
                b.moneyAtRisk[code] = money[i * AgeBucket.allCases.count + bucket.rawValue]
            }
            return b
        }
    }

    private mutating func currencyIndex(_ code: String, exponent: Int) -> Int {
        if let i = index[code] { return i }
        index[code] = currencies.count
        currencies.append(code)
        exponents.append(exponent)
        money += [Int128](repeating: 0, count: AgeBucket.allCases.count)
        seen += [Bool](repeating: false, count: AgeBucket.allCases.count)
        return currencies.count - 1
    }
}
