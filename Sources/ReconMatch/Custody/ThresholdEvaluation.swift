import ReconCore

/// Evaluates the configured ``ThresholdRule``s over a run's breaks: for each rule, the breaks of its
/// kind on accounts of its class, their total absolute amount per currency, their count and the
/// oldest one's age.
struct ThresholdEvaluation {
    let inputs: MatchInputs
    let rules: [ThresholdRule]
    /// Class of each account id.
    let classes: [AccountClass]

    func alerts(_ result: MatchResult, _ custody: CustodyResult) -> [CustodyAlert] {
        guard !rules.isEmpty else { return [] }
        let catalog = inputs.catalog
        let asOf = Int(inputs.asOf.rawValue)
        var alerts: [CustodyAlert] = []
        for rule in rules {
            var count = 0, oldest = Int.min
            var amounts: [Int32: Int128] = [:]
            var largest: (amount: Int128, currency: Int32)?
            for b in result.breaks where b.kind == rule.kind {
                let account: Int32, currency: Int32, amount: Int128, day: Int
                if b.custody >= 0 {
                    let f = custody.findings[Int(b.custody)]
                    (account, currency, amount, day) = (f.account, f.currency, Int128(f.unexplained.magnitude), Int(f.day.rawValue))
                } else if b.statement >= 0 {
                    continue
                } else {
                    let p = inputs.primary(of: b)
                    (account, currency, amount, day) = (p.account, p.currency, Int128(p.amount.magnitude), Int(p.day))
                }
                if let c = rule.accountClass, Int(account) >= classes.count || classes[Int(account)] != c { continue }
                count += 1
                oldest = max(oldest, asOf - day)
                amounts[currency, default: 0] += amount
                if let c = rule.itemAmount, c.holds(amount, scale: catalog.exponent(ofCurrency: currency)),
                   largest.map({ amount > $0.amount }) ?? true {
                    largest = (amount, currency)
                }
            }
            guard count > 0 else { continue }
            var crossed: [String] = []
            if let c = rule.count, c.holds(count) { crossed.append("count \(count) \(c)") }
            if let c = rule.ageDays, c.holds(oldest) { crossed.append("oldest \(oldest) days, age_days \(c)") }
            if let c = rule.itemAmount, let l = largest {
                let exponent = catalog.exponent(ofCurrency: l.currency)
                crossed.append("largest \(MinorUnits.format(l.amount, exponent: exponent)) \(catalog.currencies.string(l.currency)), item_amount \(c)")
            }
            if let c = rule.amount {
                for cur in amounts.keys.sorted() {
                    let exponent = catalog.exponent(ofCurrency: cur)
                    if c.holds(amounts[cur]!, scale: exponent) {
                        crossed.append("amount \(MinorUnits.format(amounts[cur]!, exponent: exponent)) \(catalog.currencies.string(cur)) \(c)")
                    }
                }
            }
            guard !crossed.isEmpty else { continue }
            alerts.append(CustodyAlert(type: "threshold", name: rule.name, severity: rule.severity,
                                       message: "\(count) \(rule.kind.name) break(s): " + crossed.joined(separator: "; ")))
        }
        return alerts
    }
}
