import ReconCore

/// Writes a synthetic bank file and ledger file in the canonical layouts, with every break kind
/// injected at realistic rates, and the expected outcome of every row.
///
/// Each "scenario" writes a few related rows whose outcome under the passes of `docs/matching.md`
/// (default configuration) is known by construction: references are unique, and every row that can
/// reach the amount-and-date pass has an amount unique within its account, except where ambiguity is
/// injected on purpose. Output (in `directory`): `bank.csv`, `ledger.csv`, `expected.csv`
/// (`side,id,outcome`). The data is a pure function of `ledgerRows` and `seed`.
package struct SyntheticGenerator {
    package var ledgerRows: Int
    package var seed: UInt64
    /// The last business day of the data: the latest bank booking date, hence the default as-of.
    package var asOf: Day
    /// Business days of history.
    package var days = 30
    /// Split settlements to add, each a bank line paying 2 or 3 ledger records with no batch id and
    /// no end-to-end id (`groups.csv` lists them): a third name the references in the bank line's
    /// description, a third share only the customer's name, a third share nothing but the amounts;
    /// half in whole currency units, half with cents.
    package var groups = 0
    /// Accounts the rows are spread over; nil for one per 2,000 ledger rows (at least 8). A custody
    /// platform's shape is millions of sub-accounts with a handful of movements each.
    package var accounts: Int?
    /// When set, half the scenarios go to a busy one in a thousand of the accounts and the rest
    /// spread evenly, so most accounts see one or two movements and a few see thousands.
    package var skewed = false

    package init(ledgerRows: Int, seed: UInt64, asOf: Day = Day(year: 2026, month: 11, day: 20)!) {
        self.ledgerRows = ledgerRows
        self.seed = seed
        self.asOf = asOf
    }

    /// The scenarios and their weights (per 1000 scenarios).
    enum Scenario: CaseIterable {
        case referenceMatch, referenceTiming, referenceAmountMismatch
        case batchMatch, batchTiming, batchAmountMismatch
        case amountDateMatch, amountDateTiming
        case inTransit, missingInBank, unmatchedCredit, unmatchedDebit
        case duplicateBank, duplicateLedger, ambiguousTwoLedger, ambiguousTwoBank

        var weight: Int {
            switch self {
            case .referenceMatch: return 748
            case .referenceTiming: return 50
            case .referenceAmountMismatch: return 20
            case .batchMatch: return 20
            case .batchTiming: return 4
            case .batchAmountMismatch: return 4
            case .amountDateMatch: return 60
            case .amountDateTiming: return 30
            case .inTransit: return 15
            case .missingInBank: return 15
            case .unmatchedCredit: return 12
            case .unmatchedDebit: return 6
            case .duplicateBank: return 5
            case .duplicateLedger: return 5
            case .ambiguousTwoLedger: return 4
            case .ambiguousTwoBank: return 2
            }
        }
    }

    /// What was written.
    package struct Counts: Sendable {
        package var bankRows = 0
        package var ledgerRows = 0
        /// Expected outcome name → rows, per side.
        package var bank: [String: Int] = [:]
        package var ledger: [String: Int] = [:]
    }

    package func write(to directory: String) throws -> Counts {
        var state = GeneratorState(generator: self)
        try state.open(directory)
        try state.run()
        if groups > 0 { try state.writeGroups(groups, to: directory) }
        return state.counts
    }
}

/// The generator's running state: writers, counters and the random source.
private struct GeneratorState {
    let g: SyntheticGenerator
    var rng: SplitMix64
    var bankFile: ByteFileWriter!
    var ledgerFile: ByteFileWriter!
    var expectedFile: ByteFileWriter!
    var counts = SyntheticGenerator.Counts()
    var nextBank = 0, nextTxn = 0, nextRef = 0, nextBatch = 0, nextUnknown = 0
    /// Per account: counter of amounts handed out that must stay unique within the account.
    var uniqueAmounts: [Int]
    let accounts: [[UInt8]]
    let currencies: [[UInt8]]
    let exponents: [Int]
    let table: [SyntheticGenerator.Scenario]

    static let counterparties: [[UInt8]] = [
        "Zhang San", "李四", "\"Acme Trading, Inc.\"", "Globex Ltd", "王五科技有限公司", "", "Initech GmbH",
    ].map { Array($0.utf8) }
    static let descriptions: [[UInt8]] = [
        "transfer", "代付 payout", "loan repayment", "\"fee\" adjustment", "", "deposit 充值", "settlement, T+1",
    ].map { s in
        // Fields with a comma or quote are written quoted, with quotes doubled.
        if s.contains(",") || s.contains("\"") {
            return Array(("\"" + s.replacingOccurrences("\"", "\"\"") + "\"").utf8)
        }
        return Array(s.utf8)
    }

    init(generator: SyntheticGenerator) {
        g = generator
        rng = SplitMix64(seed: generator.seed ^ 0xD1B5_4A32_D192_ED03)
        let accountCount = generator.accounts ?? max(8, generator.ledgerRows / 2000)
        var accounts: [[UInt8]] = [], currencies: [[UInt8]] = [], exponents: [Int] = []
        for i in 0..<accountCount {
            var a = Array("6222".utf8)
            appendPadded(i + 1, width: 12, to: &a)
            accounts.append(a)
            let code = i % 50 == 13 ? "JPY" : (i % 20 == 7 ? "USD" : "CNY")
            currencies.append(Array(code.utf8))
            exponents.append(Currency.exponent(ofCode: Array(code.utf8)))
        }
        self.accounts = accounts
        self.currencies = currencies
        self.exponents = exponents
        uniqueAmounts = Array(repeating: 0, count: accountCount)
        var table: [SyntheticGenerator.Scenario] = []
        for s in SyntheticGenerator.Scenario.allCases { table += Array(repeating: s, count: s.weight) }
        self.table = table
    }

    mutating func open(_ directory: String) throws {
        bankFile = try ByteFileWriter(path: directory + "/bank.csv")
        ledgerFile = try ByteFileWriter(path: directory + "/ledger.csv")
        expectedFile = try ByteFileWriter(path: directory + "/expected.csv")
        bankFile.buffer.append(contentsOf: (CanonicalLayout.bankColumns.joined(separator: ",") + "\n").utf8)
        ledgerFile.buffer.append(contentsOf: (CanonicalLayout.ledgerColumns.joined(separator: ",") + "\n").utf8)
        expectedFile.buffer.append(contentsOf: "side,id,outcome\n".utf8)
    }

    mutating func run() throws {
        var first = true
        while counts.ledgerRows < g.ledgerRows {
            let scenario = first ? .referenceMatch : table[rng.below(table.count)]
            try emit(scenario, forceAsOf: first)
            first = false
            try bankFile.maybeFlush(); try ledgerFile.maybeFlush(); try expectedFile.maybeFlush()
        }
        try bankFile.flush(); try ledgerFile.flush(); try expectedFile.flush()
    }

    // MARK: scenarios

    private mutating func emit(_ s: SyntheticGenerator.Scenario, forceAsOf: Bool) throws {
        let acct = pickAccount()
        let asOf = Int(g.asOf.rawValue)
        let anyDay = asOf - rng.below(g.days)
        switch s {
        case .referenceMatch, .referenceTiming, .referenceAmountMismatch, .duplicateBank, .duplicateLedger:
            let shift = s == .referenceTiming ? 1 + rng.below(3) : 0
            let day = forceAsOf ? asOf : asOf - shift - rng.below(g.days - 3)
            let amount = randomAmount(acct)
            let ref = newRef()
            let fee = s == .referenceAmountMismatch ? Int64(1 + rng.below(500)) : 0
            let bankAmount = amount > 0 ? amount - fee : amount + fee
            let outcome: String = switch s {
            case .referenceTiming: "timing_difference"
            case .referenceAmountMismatch: "amount_mismatch"
            default: "matched"
            }
            ledger(acct, day: day, amount: amount, reference: ref, batch: nil, outcome: outcome)
            if s == .duplicateLedger {
                ledger(acct, day: day, amount: amount, reference: ref, batch: nil, outcome: "duplicate_ledger")
            }
            bank(acct, day: day + shift, amount: bankAmount, e2e: ref, outcome: outcome)
            if s == .duplicateBank { bank(acct, day: day + shift, amount: bankAmount, e2e: ref, outcome: "duplicate_bank") }
        case .batchMatch, .batchTiming, .batchAmountMismatch:
            let size = 2 + rng.below(5)
            let day = asOf - 1 - rng.below(g.days - 3)
            let batch = newBatch()
            var sum: Int64 = 0
            let outcome: String = switch s {
            case .batchTiming: "timing_difference"
            case .batchAmountMismatch: "amount_mismatch"
            default: "matched"
            }
            for _ in 0..<size {
                let amount = -Int64(100 + rng.below(2_000_000))
                sum += amount
                ledger(acct, day: day, amount: amount, reference: newRef(), batch: batch, outcome: outcome)
            }
            let bankAmount = s == .batchAmountMismatch ? sum + Int64(1 + rng.below(999)) : sum
            bank(acct, day: s == .batchTiming ? day + 1 : day, amount: bankAmount, e2e: batch, outcome: outcome)
        case .amountDateMatch, .amountDateTiming:
            let shift = s == .amountDateTiming ? 1 + rng.below(3) : 0
            let day = asOf - shift - rng.below(g.days - 3)
            let amount = uniqueAmount(acct, negative: rng.below(2) == 0)
            let outcome = s == .amountDateMatch ? "matched" : "timing_difference"
            ledger(acct, day: day, amount: amount, reference: newRef(), batch: nil, outcome: outcome)
            bank(acct, day: day + shift, amount: amount, e2e: nil, outcome: outcome)
        case .inTransit:
            ledger(acct, day: asOf - rng.below(3), amount: uniqueAmount(acct, negative: rng.below(2) == 0),
                   reference: newRef(), batch: nil, outcome: "in_transit")
        case .missingInBank:
            ledger(acct, day: asOf - 3 - rng.below(g.days - 3), amount: uniqueAmount(acct, negative: rng.below(2) == 0),
                   reference: newRef(), batch: nil, outcome: "missing_in_bank")
        case .unmatchedCredit, .unmatchedDebit:
            let negative = s == .unmatchedDebit
            let e2e: [UInt8]? = rng.below(2) == 0 ? nil : newUnknownReference()
            bank(acct, day: anyDay, amount: uniqueAmount(acct, negative: negative), e2e: e2e,
                 outcome: negative ? "unmatched_bank_debit" : "unmatched_bank_credit")
        case .ambiguousTwoLedger, .ambiguousTwoBank:
            let day = asOf - rng.below(g.days)
            let amount = uniqueAmount(acct, negative: rng.below(2) == 0)
            let twoLedger = s == .ambiguousTwoLedger
            for _ in 0..<(twoLedger ? 2 : 1) {
                ledger(acct, day: day, amount: amount, reference: nil, batch: nil, outcome: "ambiguous")
            }
            for _ in 0..<(twoLedger ? 1 : 2) { bank(acct, day: day, amount: amount, e2e: nil, outcome: "ambiguous") }
        }
    }

    /// An account for the next scenario: evenly drawn, or under ``SyntheticGenerator/skewed`` one of
    /// the busy thousandth half the time.
    private mutating func pickAccount() -> Int {
        guard g.skewed else { return rng.below(accounts.count) }
        return rng.below(2) == 0 ? rng.below(max(1, accounts.count / 1000)) : rng.below(accounts.count)
    }

    // MARK: split settlements

    mutating func writeGroups(_ n: Int, to directory: String) throws {
        let truth = try ByteFileWriter(path: directory + "/groups.csv")
        truth.buffer.append(contentsOf: "bank_ref,txn_ids,evidence,whole_units\n".utf8)
        for g in 0..<n {
            let acct = rng.below(accounts.count)
            let day = Int(self.g.asOf.rawValue) - 1 - rng.below(self.g.days - 3)
            let size = 2 + rng.below(2)
            let whole = rng.below(2) == 0
            var name = Array("Customer ".utf8); appendPadded(g + 1, width: 6, to: &name)
            let evidence = ["reference", "counterparty", "none"][rng.below(3)]
            var ids: [[UInt8]] = [], refs: [[UInt8]] = [], sum: Int64 = 0
            for _ in 0..<size {
                let amount = whole ? Int64(100 * (1 + rng.below(20_000))) : Int64(100 + rng.below(2_000_000))
                sum += amount
                let ref = newRef()
                refs.append(ref)
                ids.append(ledger(acct, day: day - rng.below(2), amount: amount, reference: ref, batch: nil, outcome: "group_match",
                                  counterparty: evidence == "none" ? Array("Customer".utf8) + [32] + Array(String(rng.below(1_000_000)).utf8) : name))
            }
            let description: [UInt8] = evidence == "reference" ? Array("PAYMENT ".utf8) + refs.joined(separator: [32]) : Array("transfer".utf8)
            let bankRef = bank(acct, day: day, amount: sum, e2e: nil, outcome: "group_match",
                               counterparty: evidence == "none" ? Array("Payer".utf8) : name, description: description)
            truth.buffer.append(contentsOf: bankRef); truth.buffer.append(44)
            truth.buffer.append(contentsOf: ids.joined(separator: [59])); truth.buffer.append(44)
            truth.buffer.append(contentsOf: evidence.utf8); truth.buffer.append(44)
            truth.buffer.append(contentsOf: (whole ? "true" : "false").utf8); truth.buffer.append(10)
            try bankFile.maybeFlush(); try ledgerFile.maybeFlush(); try expectedFile.maybeFlush(); try truth.maybeFlush()
        }
        try bankFile.flush(); try ledgerFile.flush(); try expectedFile.flush(); try truth.flush()
    }

    // MARK: values

    private mutating func randomAmount(_ acct: Int) -> Int64 {
        let magnitude = Int64(100 + rng.below(5_000_000))
        return rng.below(2) == 0 ? -magnitude : magnitude
    }

    /// An amount no other row of the account that can reach pass 4 has.
    private mutating func uniqueAmount(_ acct: Int, negative: Bool) -> Int64 {
        uniqueAmounts[acct] += 1
        let magnitude = Int64(uniqueAmounts[acct]) * 1000 + Int64(1 + rng.below(999))
        return negative ? -magnitude : magnitude
    }

    private mutating func newRef() -> [UInt8] {
        nextRef += 1
        var r = Array("R".utf8); appendPadded(nextRef, width: 12, to: &r); return r
    }

    private mutating func newBatch() -> [UInt8] {
        nextBatch += 1
        var r = Array("PB".utf8); appendPadded(nextBatch, width: 10, to: &r); return r
    }

    private mutating func newUnknownReference() -> [UInt8] {
        nextUnknown += 1
        var r = Array("X".utf8); appendPadded(nextUnknown, width: 12, to: &r); return r
    }

    // MARK: rows

    @discardableResult
    private mutating func bank(_ acct: Int, day: Int, amount: Int64, e2e: [UInt8]?, outcome: String,
                               counterparty: [UInt8]? = nil, description: [UInt8]? = nil) -> [UInt8] {
        nextBank += 1
        var id = Array("B".utf8); appendPadded(nextBank, width: 12, to: &id)
        var out = bankFile.buffer
        bankFile.buffer = []
        out.append(contentsOf: id); out.append(44)
        out.append(contentsOf: accounts[acct]); out.append(44)
        Day(rawValue: Int32(day)).appendISO(to: &out); out.append(44)
        Day(rawValue: Int32(day)).appendISO(to: &out); out.append(44)
        MinorUnits.append(scaled(amount, acct), exponent: exponents[acct], to: &out); out.append(44)
        out.append(contentsOf: currencies[acct]); out.append(44)
        if let e2e { out.append(contentsOf: e2e) }
        out.append(44)
        out.append(contentsOf: counterparty ?? GeneratorState.counterparties[rng.below(GeneratorState.counterparties.count)]); out.append(44)
        out.append(contentsOf: description ?? GeneratorState.descriptions[rng.below(GeneratorState.descriptions.count)])
        out.append(10)
        bankFile.buffer = out
        counts.bankRows += 1
        counts.bank[outcome, default: 0] += 1
        expected("bank", id, outcome)
        return id
    }

    @discardableResult
    private mutating func ledger(_ acct: Int, day: Int, amount: Int64, reference: [UInt8]?, batch: [UInt8]?, outcome: String,
                                 counterparty: [UInt8]? = nil) -> [UInt8] {
        nextTxn += 1
        var id = Array("T".utf8); appendPadded(nextTxn, width: 12, to: &id)
        var out = ledgerFile.buffer
        ledgerFile.buffer = []
        out.append(contentsOf: id); out.append(44)
        out.append(contentsOf: accounts[acct]); out.append(44)
        Day(rawValue: Int32(day)).appendISO(to: &out); out.append(44)
        MinorUnits.append(scaled(amount, acct), exponent: exponents[acct], to: &out); out.append(44)
        out.append(contentsOf: currencies[acct]); out.append(44)
        out.append(contentsOf: (batch != nil ? "payout" : (amount < 0 ? "withdrawal" : "deposit")).utf8); out.append(44)
        if let reference { out.append(contentsOf: reference) }
        out.append(44)
        if let batch { out.append(contentsOf: batch) }
        out.append(44)
        out.append(contentsOf: counterparty ?? GeneratorState.counterparties[rng.below(GeneratorState.counterparties.count)])
        out.append(10)
        ledgerFile.buffer = out
        counts.ledgerRows += 1
        counts.ledger[outcome, default: 0] += 1
        expected("ledger", id, outcome)
        return id
    }

    /// Amounts are drawn in cents; a zero-decimal currency uses them as whole units.
    private func scaled(_ amount: Int64, _ acct: Int) -> Int64 { amount }

    private mutating func expected(_ side: String, _ id: [UInt8], _ outcome: String) {
        expectedFile.buffer.append(contentsOf: side.utf8); expectedFile.buffer.append(44)
        expectedFile.buffer.append(contentsOf: id); expectedFile.buffer.append(44)
        expectedFile.buffer.append(contentsOf: outcome.utf8); expectedFile.buffer.append(10)
    }
}

/// Appends `value` in decimal, left-padded with zeros to `width`.
func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
    var digits: [UInt8] = []
    var v = value
    repeat { digits.append(UInt8(48 + v % 10)); v /= 10 } while v > 0
    for _ in digits.count..<max(width, digits.count) { out.append(48) }
    out.append(contentsOf: digits.reversed())
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
