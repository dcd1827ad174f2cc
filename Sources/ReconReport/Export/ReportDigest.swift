import ReconCore

/// The totals an export shows above its rows, gathered in one pass over the break rows: counts and
/// money per kind and severity, ageing buckets, the accounts with most money in breaks, and the
/// critical breaks themselves (the first ``criticalLimit``).
///
/// Money follows `summary.json`'s rules: the kinds' sums are the signed amounts of the rows that name
/// items (a statement's or custody account's balance row is counted, not summed); money at risk is
/// the absolute amount of an open item, the bank line's where there is one, else the ledger record's.
package struct ReportDigest: Sendable {
    /// Money in minor units, by currency code.
    package typealias Money = [String: Int128]

    package struct KindTotals: Sendable, Equatable {
        package var severity: String = ""
        package var count = 0
        package var bankAmount: Money = [:]
        package var ledgerAmount: Money = [:]
        package var moneyAtRisk: Money = [:]
    }

    package struct AccountTotals: Sendable, Equatable {
        package var account: String
        package var currency: String
        package var breaks: Int
        package var moneyAtRisk: Int128
    }

    package static let criticalLimit = 500
    package static let topAccountLimit = 10

    package private(set) var rows = 0
    /// By kind name.
    package private(set) var kinds: [String: KindTotals] = [:]
    /// By severity name.
    package private(set) var severities: [String: Int] = [:]
    /// Open items by age (``BreakAgeing``'s rules, as `summary.json`).
    package private(set) var ageing = BreakAgeing()
    package private(set) var critical: [BreakLine] = []
    package private(set) var criticalCount = 0
    private var accounts: [AccountKey: (breaks: Int, money: Int128)] = [:]

    private struct AccountKey: Hashable { var account: String; var currency: String }

    package init() {}

    /// Counts `line` in.
    package mutating func add(_ line: BreakLine) {
        rows += 1
        let kindName = line.kind.name, severity = line.severity.name
        severities[severity, default: 0] += 1
        var k = kinds[kindName] ?? KindTotals(severity: severity)
        k.count += 1
        if line.severity == .critical {
            criticalCount += 1
            if critical.count < Self.criticalLimit { critical.append(line) }
        }
        ageing.add(line)
        if !line.isBalanceRow {
            let cur = line.currency
            if let bank = line.bankAmount { k.bankAmount[cur, default: 0] += bank }
            if let ledger = line.ledgerAmount { k.ledgerAmount[cur, default: 0] += ledger }
            if let atRisk = line.moneyAtRisk.map(Int128.init) {
                k.moneyAtRisk[cur, default: 0] += atRisk
                let key = AccountKey(account: line.account, currency: cur)
                let a = accounts[key] ?? (0, 0)
                accounts[key] = (a.breaks + 1, a.money + atRisk)
            }
        }
        kinds[kindName] = k
    }

    /// Per currency (amounts in different currencies do not compare), the ``topAccountLimit``
    /// accounts with the most money at risk, most first, ties by account.
    package var topAccounts: [AccountTotals] {
        let all = accounts.map { AccountTotals(account: $0.key.account, currency: $0.key.currency, breaks: $0.value.breaks, moneyAtRisk: $0.value.money) }
        return Dictionary(grouping: all, by: \.currency).sorted { $0.key < $1.key }.flatMap { _, list in
            list.sorted { ($0.moneyAtRisk, $1.account) > ($1.moneyAtRisk, $0.account) }.prefix(Self.topAccountLimit)
        }
    }

    /// The kinds that occur, most severe first, then by name.
    package var kindsInOrder: [String] {
        kinds.keys.sorted { a, b in
            let sa = Severity(name: kinds[a]!.severity)?.rawValue ?? 0, sb = Severity(name: kinds[b]!.severity)?.rawValue ?? 0
            return sa != sb ? sa > sb : a < b
        }
    }

    /// Money at risk over all kinds, by currency.
    package var moneyAtRisk: Money {
        var m: Money = [:]
        for k in kinds.values { for (c, v) in k.moneyAtRisk { m[c, default: 0] += v } }
        return m
    }
}
