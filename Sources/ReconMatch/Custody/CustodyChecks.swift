import Dispatch
import ReconCore

/// The custody controls, run after matching (DESIGN.md): customer money paid where it must not go,
/// balances per sub-account and day against the platform's, and per custody account the money held
/// against the money owed.
///
/// Every difference between a bank balance and the platform's is decomposed into the open items that
/// make it: items in transit (one side booked, the other not yet) explain it; every other item (money
/// out or in with no ledger record, a missing payment, a different amount) and whatever no item
/// accounts for are unexplained, and an unexplained difference is a break.
struct CustodyChecks {
    let inputs: MatchInputs
    let config: CustodyConfiguration

    private struct Key: Hashable, Comparable {
        var account: Int32
        var currency: Int32
        static func < (a: Key, b: Key) -> Bool { (a.account, a.currency) < (b.account, b.currency) }
    }

    /// A signed effect on bank minus platform from `start` (inclusive) to `end` (exclusive).
    private struct Effect {
        var start: Int32
        var end: Int32
        var timing: Bool
        var item: CustodyItem
    }

    private struct GroupDay: Hashable, Comparable {
        var group: Int32
        var currency: Int32
        var day: Int32
        static func < (a: GroupDay, b: GroupDay) -> Bool { (a.group, a.currency, a.day) < (b.group, b.currency, b.day) }
    }

    func run(result: inout MatchResult, bankPartner: [Int32]) -> CustodyResult {
        var out = CustodyResult()
        let (cls, group) = classes()
        markUnauthorized(&result, &out, cls: cls, bankPartner: bankPartner)
        let given = givenBalances(cls)
        let effects = self.effects(of: result, checked: given.checked)
        let moves = movements(checked: given.checked, group: group)
        let days = balancesByDay(given, effects: effects, moves: moves, group: group, result: &result, out: &out)
        groupFindings(days, flows: moves.flows, result: &result, out: &out)
        tallyOutflows(result, &out, cls: cls)
        out.alerts = ThresholdEvaluation(inputs: inputs, rules: config.thresholds, classes: cls).alerts(result, out)
        return out
    }

    /// Balances given per account, currency and day, on each side, and the accounts that have any.
    private struct Given {
        var bank: [Key: [Int32: Int128]]
        var ledger: [Key: [Int32: Int128]]
        var checked: [Bool]
    }

    /// Movements per account, currency and day on each side, and the day's fund flows per custody account.
    private struct Moves {
        var bank: [Key: [Int32: Int128]]
        var ledger: [Key: [Int32: Int128]]
        var flows: [GroupDay: [FundFlow: FlowTotal]]
    }

    /// Per custody account, currency and day: the sum of its accounts, and the unexplained part split by sign.
    private struct Days {
        var groups: [GroupDay: CustodyFinding]
        var parts: [GroupDay: (short: Int128, excess: Int128)]
    }

    /// Each account's class, and for a customer-funds account the custody account it counts towards;
    /// millions of sub-accounts are classed on all lanes, each its own range of ids.
    private func classes() -> (cls: [AccountClass], group: [Int32]) {
        let accountCount = inputs.catalog.accounts.count
        var cls = [AccountClass](repeating: .external, count: accountCount)
        var group = [Int32](repeating: -1, count: accountCount)
        let lanes = Lanes.count(items: accountCount, threads: inputs.configuration.threads ?? SystemInfo.processorCount)
        cls.withUnsafeMutableBufferPointer { cls in
            group.withUnsafeMutableBufferPointer { group in
                let shared = UnsafeTransfer((cls, group, self))
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    let (cls, group, checks) = shared.value
                    for id in Lanes.range(lane, of: lanes, items: accountCount) {
                        let name = checks.inputs.catalog.accounts.string(Int32(id))
                        guard let rule = checks.config.rule(for: name) else { continue }
                        cls[id] = rule.accountClass
                        if rule.accountClass == .customerFunds {
                            group[id] = checks.id32(rule.custodyAccount ?? name) ?? Int32(id)
                        }
                    }
                }
            }
        }
        return (cls, group)
    }

    private func givenBalances(_ cls: [AccountClass]) -> Given {
        // Balances given per account and day (movements roll them forward).
        var bankGiven: [Key: [Int32: Int128]] = [:], ledgerGiven: [Key: [Int32: Int128]] = [:]
        for e in inputs.bankBalances {
            if let k = key(e.account, e.currency), cls[Int(k.account)] == .customerFunds { bankGiven[k, default: [:]][e.day.rawValue] = Int128(e.balance) }
        }
        for fs in inputs.statements {
            let s = fs.statement
            guard !s.balanceSignUnknown, let closing = s.closingBalance, let day = s.closingDate,
                  let k = key(s.account, s.currency),
                  cls[Int(k.account)] == .customerFunds else { continue }
            bankGiven[k, default: [:]][day.rawValue] = Int128(closing)
        }
        for e in inputs.ledgerBalances {
            if let k = key(e.account, e.currency), cls[Int(k.account)] == .customerFunds { ledgerGiven[k, default: [:]][e.day.rawValue] = Int128(e.balance) }
        }
        // Only accounts with a balance on either side are checked: their effects and movements.
        var checked = [Bool](repeating: false, count: inputs.catalog.accounts.count)
        for k in bankGiven.keys { checked[Int(k.account)] = true }
        for k in ledgerGiven.keys { checked[Int(k.account)] = true }
        return Given(bank: bankGiven, ledger: ledgerGiven, checked: checked)
    }

    /// The effects of every break on the accounts checked: a signed amount on bank minus platform
    /// from its first day, explained (timing) or not.
    private func effects(of result: MatchResult, checked: [Bool]) -> [Key: [Effect]] {
        let bank = inputs.bank, ledger = inputs.ledger
        var effects: [Key: [Effect]] = [:]
        for b in result.breaks where b.statement < 0 && b.custody < 0 && b.kind != .reversal
            && !(b.kind == .duplicateBank && b.relatedCount == 0) {
            let hasBank = b.bankRow >= 0, hasLedger = b.ledgerRow >= 0
            let br = Int(b.bankRow), lr = Int(b.ledgerRow)
            let account = hasBank ? bank.account[br] : ledger.account[lr]
            guard checked[Int(account)] else { continue }
            let key = Key(account: account, currency: hasBank ? bank.currency[br] : ledger.currency[lr])
            let bankRef = hasBank ? bank.bankRef.string(br) : ""
            let ledgerId = hasLedger ? (b.isBatch ? ledger.batchId : ledger.txnId).string(lr) : ""
            let label = hasBank && hasLedger ? bankRef + "/" + ledgerId : hasBank ? bankRef : ledgerId
            func add(_ amount: Int64, _ start: Int32, _ end: Int32, timing: Bool) {
                effects[key, default: []].append(Effect(start: start, end: end, timing: timing,
                                                        item: CustodyItem(label: label, kind: b.kind, day: Day(rawValue: start), amount: amount)))
            }
            if hasBank && hasLedger {
                let db = bank.bookingDate[br], dl = b.ledgerDate
                let ab = bank.amount[br], al = b.ledgerAmount
                if db < dl { add(ab, db, dl, timing: true) }
                if dl < db { add(0 &- al, dl, db, timing: true) }
                let (d, overflow) = ab.subtractingReportingOverflow(al)
                if d != 0 && !overflow { add(d, max(db, dl), .max, timing: false) }
            } else if hasBank {
                add(bank.amount[br], bank.bookingDate[br], .max, timing: false)
            } else {
                add(0 &- b.ledgerAmount, b.ledgerDate, .max, timing: b.kind == .inTransit)
            }
        }

        return effects
    }

    private func movements(checked: [Bool], group: [Int32]) -> Moves {
        let catalog = inputs.catalog, bank = inputs.bank, ledger = inputs.ledger
        var bankMoves: [Key: [Int32: Int128]] = [:], ledgerMoves: [Key: [Int32: Int128]] = [:]
        var flows: [GroupDay: [FundFlow: FlowTotal]] = [:]
        var flowOfType: [Int32: FundFlow] = [:]
        for row in 0..<bank.count where checked[Int(bank.account[row])] {
            bankMoves[Key(account: bank.account[row], currency: bank.currency[row]), default: [:]][bank.bookingDate[row], default: 0] += Int128(bank.amount[row])
        }
        for row in 0..<ledger.count where checked[Int(ledger.account[row])] {
            let k = Key(account: ledger.account[row], currency: ledger.currency[row])
            ledgerMoves[k, default: [:]][ledger.valueDate[row], default: 0] += Int128(ledger.amount[row])
            let type = ledger.type[row]
            let flow = flowOfType[type] ?? FundFlow(type: catalog.types.string(type))
            flowOfType[type] = flow
            let g = GroupDay(group: group[Int(k.account)], currency: k.currency, day: ledger.valueDate[row])
            flows[g, default: [:]][flow, default: FlowTotal()].count += 1
            flows[g, default: [:]][flow, default: FlowTotal()].amount += Int128(ledger.amount[row])
        }

        return Moves(bank: bankMoves, ledger: ledgerMoves, flows: flows)
    }

    /// Each account, each day from its first balance to as-of: bank and platform balance, the part
    /// timing explains and the rest, a `balance_mismatch` for a sub-account, summed per custody account.
    private func balancesByDay(_ given: Given, effects: [Key: [Effect]], moves: Moves, group: [Int32],
                               result: inout MatchResult, out: inout CustodyResult) -> Days {
        let bankGiven = given.bank, ledgerGiven = given.ledger, bankMoves = moves.bank, ledgerMoves = moves.ledger
        var groups: [GroupDay: CustodyFinding] = [:]
        // The unexplained part of each custody account and day, split by sign: money missing
        // (negative items, and balances short of what the items explain) and money in excess. An
        // excess never hides a shortfall: each is a finding of its own.
        var parts: [GroupDay: (short: Int128, excess: Int128)] = [:]
        let asOf = inputs.asOf.rawValue
        for k in Set(bankGiven.keys).union(ledgerGiven.keys).sorted() {
            let givenDays = Array((bankGiven[k] ?? [:]).keys) + Array((ledgerGiven[k] ?? [:]).keys)
            guard let first = givenDays.min(), let lastGiven = givenDays.max() else { continue }
            let last = max(asOf, lastGiven)
            let accountEffects = effects[k] ?? []
            var b: Int128?, l: Int128?
            for d in first...last {
                if let g = bankGiven[k]?[d] { b = g } else if let x = b { b = x + (bankMoves[k]?[d] ?? 0) }
                if let g = ledgerGiven[k]?[d] { l = g } else if let x = l { l = x + (ledgerMoves[k]?[d] ?? 0) }
                guard let bb = b, let ll = l else { continue }
                var timing: Int128 = 0
                var items: [CustodyItem] = [], timingItems: [CustodyItem] = []
                for e in accountEffects where e.start <= d && d < e.end {
                    if e.timing { timing += Int128(e.item.amount); timingItems.append(e.item) } else { items.append(e.item) }
                }
                let unexplained = bb - ll - timing
                let g = group[Int(k.account)]
                if g != k.account && unexplained != 0 {
                    result.breaks.append(finding(CustodyFinding(
                        kind: .balanceMismatch, account: k.account, currency: k.currency, day: Day(rawValue: d), bankBalance: bb,
                        platformBalance: ll, timing: timing, unexplained: unexplained, items: items, timingItems: timingItems, accounts: 1), &out))
                }
                let gd = GroupDay(group: g, currency: k.currency, day: d)
                var total = groups[gd] ?? CustodyFinding(kind: .segregationShortfall, account: g, currency: k.currency, day: Day(rawValue: d),
                                                         bankBalance: 0, platformBalance: 0, timing: 0, unexplained: 0, items: [],
                                                         timingItems: [], accounts: 0)
                total.bankBalance += bb
                total.platformBalance += ll
                total.timing += timing
                total.unexplained += unexplained
                total.items += items
                total.timingItems += timingItems
                total.accounts += 1
                groups[gd] = total
                var short: Int128 = 0, excess: Int128 = 0
                for item in items { if item.amount < 0 { short += Int128(item.amount) } else { excess += Int128(item.amount) } }
                let rest = unexplained - short - excess
                if rest < 0 { short += rest } else { excess += rest }
                parts[gd, default: (0, 0)].short += short
                parts[gd, default: (0, 0)].excess += excess
            }
        }
        return Days(groups: groups, parts: parts)
    }

    /// Per custody account, currency and day: the statement row, and the shortfall and the excess.
    private func groupFindings(_ days: Days, flows: [GroupDay: [FundFlow: FlowTotal]], result: inout MatchResult,
                               out: inout CustodyResult) {
        let groups = days.groups, parts = days.parts
        for gd in groups.keys.sorted() {
            var f = groups[gd]!
            f.items.sort { ($0.day, $0.label) < ($1.day, $1.label) }
            f.timingItems.sort { ($0.day, $0.label) < ($1.day, $1.label) }
            out.statement.append(CustodyStatementRow(
                day: f.day, custodyAccount: gd.group, currency: gd.currency, accounts: f.accounts, bankBalance: f.bankBalance,
                owed: f.platformBalance, timing: f.timing, unexplainedItems: f.unexplained - f.notItemised,
                notItemised: f.notItemised, flows: flows[gd] ?? [:]))
            let (short, excess) = parts[gd] ?? (0, 0)
            if short != 0 {
                var shortfall = f
                shortfall.kind = .segregationShortfall
                shortfall.unexplained = short
                shortfall.items = f.items.filter { $0.amount < 0 }
                result.breaks.append(finding(shortfall, &out))
            }
            if excess != 0 {
                var mixedIn = f
                mixedIn.kind = .segregationExcess
                mixedIn.unexplained = excess
                mixedIn.items = f.items.filter { $0.amount >= 0 }
                result.breaks.append(finding(mixedIn, &out))
            }
        }
    }

    /// The break of a finding, which it keeps in `out`.
    private func finding(_ f: CustodyFinding, _ out: inout CustodyResult) -> BreakRecord {
        var b = BreakRecord(kind: f.kind, ledgerDate: f.day.rawValue)
        b.custody = Int32(out.findings.count)
        out.findings.append(f)
        return b
    }

    private func id32(_ account: String) -> Int32? {
        var s = account
        return s.withUTF8 { inputs.catalog.accounts.lookup($0) }
    }

    private func key(_ account: String, _ currency: String) -> Key? {
        var c = currency
        guard let a = id32(account), let cur = c.withUTF8({ inputs.catalog.currencies.lookup($0) }) else { return nil }
        return Key(account: a, currency: cur)
    }

    /// Money out of a customer-funds account to a `platform_own` account or a deny-listed
    /// counterparty, unless paired with a ledger record of an authorising type: the bank row's break
    /// becomes `unauthorized_counterparty` (a matched row gets one).
    private func markUnauthorized(_ result: inout MatchResult, _ out: inout CustodyResult, cls: [AccountClass], bankPartner: [Int32]) {
        let bank = inputs.bank, ledger = inputs.ledger
        guard bank.counterparty.count == bank.count else { return }
        // A verdict per counterparty text: why the payment is forbidden, and whether a ledger record
        // of an authorising type can authorise it (a platform account: yes; a listed payee: never).
        var verdicts: [String: (reason: String, authorisable: Bool)?] = [:]
        var forbidden: [(row: Int, reason: String, authorisable: Bool)] = []
        for row in 0..<bank.count where bank.amount[row] < 0 && cls[Int(bank.account[row])] == .customerFunds && !bank.counterparty.isEmpty(row) {
            let cp = bank.counterparty.string(row)
            let verdict: (reason: String, authorisable: Bool)?
            if let v = verdicts[cp] {
                verdict = v
            } else {
                let trimmed = cp.trimmingSpaces
                if config.denyList.contains(trimmed) {
                    verdict = (UnauthorizedText.deniedCounterparty + trimmed, false)
                } else if config.accountClass(of: trimmed) == .platformOwn {
                    verdict = (UnauthorizedText.platformAccount + trimmed, true)
                } else {
                    verdict = nil
                }
                verdicts[cp] = verdict
            }
            if let verdict { forbidden.append((row, verdict.reason, verdict.authorisable)) }
        }
        guard !forbidden.isEmpty else { return }
        var breakOfRow: [Int32: Int] = [:]
        let rows = Set(forbidden.map { Int32($0.row) })
        for (i, b) in result.breaks.enumerated() where b.bankRow >= 0 && rows.contains(b.bankRow) && breakOfRow[b.bankRow] == nil {
            breakOfRow[b.bankRow] = i
        }
        let code = BreakKind.unauthorizedCounterparty.rawValue
        for (row, base, authorisable) in forbidden {
            let partner = row < bankPartner.count ? Int(bankPartner[row]) : -1
            var reason = base
            if partner >= 0 {
                let type = inputs.catalog.types.string(ledger.type[partner])
                if !authorisable {
                    reason += "; a listed payee, whatever the ledger says (ledger \(ledger.txnId.string(partner)) has type '\(type)')"
                } else if config.authorizingTypes.contains(type) {
                    continue
                } else {
                    reason += "; ledger \(ledger.txnId.string(partner)) has type '\(type)', which does not authorise it"
                }
            } else {
                reason += "; no ledger record authorises it"
            }
            if let i = breakOfRow[Int32(row)] {
                result.breaks[i].kind = .unauthorizedCounterparty
            } else {
                var b = BreakRecord(kind: .unauthorizedCounterparty, bankRow: Int32(row))
                if partner >= 0 {
                    b.ledgerRow = Int32(partner)
                    b.ledgerAmount = ledger.amount[partner]
                    b.ledgerDate = ledger.valueDate[partner]
                    result.ledgerCodes[partner] = code
                }
                result.breaks.append(b)
            }
            result.bankCodes[row] = code
            out.unauthorized[Int32(row)] = reason
        }
    }

    /// Numbers each unexplained outflow from a customer-funds account (money out with no ledger
    /// record, or to where it must not go) within its account and day, with the running total.
    private func tallyOutflows(_ result: MatchResult, _ out: inout CustodyResult, cls: [AccountClass]) {
        let bank = inputs.bank
        var rows: [(account: Int32, day: Int32, row: Int32)] = []
        for b in result.breaks where b.bankRow >= 0 && b.ledgerRow < 0
            && (b.kind == .unmatchedBankDebit || b.kind == .unauthorizedCounterparty) {
            let r = Int(b.bankRow)
            if cls[Int(bank.account[r])] == .customerFunds && bank.amount[r] < 0 { rows.append((bank.account[r], bank.bookingDate[r], b.bankRow)) }
        }
        rows.sort { ($0.account, $0.day, $0.row) < ($1.account, $1.day, $1.row) }
        var count = 0, total: Int64 = 0
        for (i, r) in rows.enumerated() {
            if i == 0 || rows[i - 1].account != r.account || rows[i - 1].day != r.day { count = 0; total = 0 }
            count += 1
            total &+= bank.amount[Int(r.row)]
            out.outflows[r.row] = (count, total)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
