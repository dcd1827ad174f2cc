import ReconCore
import ReconMatch

/// The indicators of a run (see ``Indicator``), as integers: the match rate in millionths, counts and
/// days as they are, and amounts in minor units per currency (``IndicatorKey``). Alerts compare them
/// with the configured limits and with the run store's history of the same indicator and currency.
package struct RunIndicators: Sendable, Equatable {
    package var values: [IndicatorKey: Int64]
    /// Decimals of each amount indicator's currency, by currency code.
    var exponents: [String: Int] = [:]

    package init(_ c: ReportContext, totals: RunTotals) {
        let catalog = c.inputs.catalog
        let matched = totals.bank.rowsMatched + totals.ledger.rowsMatched
        let rows = matched + totals.bank.rowsInBreaks + totals.ledger.rowsInBreaks
        var v: [IndicatorKey: Int64] = [:]
        var exponents: [String: Int] = [:]
        v[IndicatorKey(.matchRate)] = rows == 0 ? 1_000_000 : Int64(matched) * 1_000_000 / Int64(rows)
        v[IndicatorKey(.unmatchedCount)] = Int64(totals.openItems)
        v[IndicatorKey(.oldestOpenDays)] = Int64(totals.oldestOpenDays)
        func add(_ indicator: Indicator, _ amounts: [Int32: Int128]) {
            for (currency, amount) in amounts {
                let code = catalog.currencies.string(currency)
                v[IndicatorKey(indicator, currency: code)] = Int64(clamping: amount)
                exponents[code] = catalog.exponent(ofCurrency: currency)
            }
        }
        add(.unmatchedAmount, totals.openAmountByCurrency)
        if let custody = c.result.custody {
            var difference: [Int32: Int128] = [:]
            for row in custody.statement where row.day == c.inputs.asOf {
                difference[row.currency, default: 0] += Int128(row.unexplained.magnitude)
            }
            add(.custodyDifference, difference)
        }
        values = v
        self.exponents = exponents
    }

    /// Decimals of a key's value: 6 for the match rate, its currency's for an amount, else 0.
    func scale(_ key: IndicatorKey) -> Int {
        if key.indicator == .matchRate { return 6 }
        return key.currency.flatMap { exponents[$0] } ?? 0
    }

    /// The value as a decimal string (`0.987654` for the match rate, `10.00` for 1000 fen).
    package func text(_ key: IndicatorKey) -> String? {
        values[key].map { MinorUnits.format($0, exponent: scale(key)) }
    }

    /// The values by name (`match_rate`, `custody_difference.CNY`), as the store keeps them.
    package var byName: [String: Int64] { Dictionary(uniqueKeysWithValues: values.map { ($0.key.name, $0.value) }) }

    /// Alerts: a value past its configured limit (an amount limit applies to each currency's value in
    /// that currency's units, or to the one currency it names), or (with at least three earlier
    /// values of the same indicator and currency) worse than its history's mean by more than
    /// `deviations` standard deviations and worse than every earlier value. `history` holds earlier
    /// runs' values by name, newest first.
    package func alerts(limits: [IndicatorLimit], history: [String: [Int64]], deviations: Int) -> [CustodyAlert] {
        var out: [CustodyAlert] = []
        for limit in limits {
            for key in values.keys.sorted() where key.indicator == limit.indicator {
                if let currency = limit.currency, key.currency != currency { continue }
                if limit.alertWhen.holds(Int128(values[key]!), scale: scale(key)) {
                    out.append(CustodyAlert(type: "indicator_limit", name: key.name, severity: limit.severity,
                                            message: "\(key.name) \(text(key)!) \(limit.alertWhen)"))
                }
            }
        }
        for key in values.keys.sorted() {
            guard let v = values[key], let past = history[key.name], past.count >= 3 else { continue }
            // Statistics of counts and rates, not money: floating point is fine here.
            let mean = Double(past.reduce(0, +)) / Double(past.count)
            let sd = (past.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(past.count)).squareRoot()
            let higherIsWorse = key.indicator.higherIsWorse
            let worse = higherIsWorse ? Double(v) - mean : mean - Double(v)
            let beyondAll = higherIsWorse ? v > past.max()! : v < past.min()!
            if beyondAll && worse > Double(deviations) * sd {
                let scale = scale(key)
                out.append(CustodyAlert(type: "indicator_trend", name: key.name, severity: .high,
                                        message: "\(key.name) \(text(key)!) against \(past.count) earlier runs: "
                                            + past.map { MinorUnits.format($0, exponent: scale) }.joined(separator: ", ")))
            }
        }
        return out
    }
}
