import ReconCore
import ReconMatch

/// The indicators of a run (see ``Indicator``), as integers: the match rate in millionths, amounts in
/// minor units summed over currencies, counts and days as they are. Alerts compare them with the
/// configured limits and with the run store's history of the same indicator.
public struct RunIndicators: Sendable, Equatable {
    public var values: [Indicator: Int64]

    /// Decimals of an indicator's integer value (6 for the match rate, else 0).
    public static func scale(_ i: Indicator) -> Int { i == .matchRate ? 6 : 0 }

    init(_ c: ReportContext, totals: RunTotals) {
        let matched = totals.bank.rowsMatched + totals.ledger.rowsMatched
        let rows = matched + totals.bank.rowsInBreaks + totals.ledger.rowsInBreaks
        var v: [Indicator: Int64] = [:]
        v[.matchRate] = rows == 0 ? 1_000_000 : Int64(matched) * 1_000_000 / Int64(rows)
        v[.unmatchedCount] = Int64(totals.openItems)
        v[.unmatchedAmount] = Int64(clamping: totals.openAmount)
        v[.oldestOpenDays] = Int64(totals.oldestOpenDays)
        if let custody = c.result.custody {
            let today = custody.statement.filter { $0.day == c.inputs.asOf }
            v[.custodyDifference] = Int64(clamping: today.reduce(Int128(0)) { $0 + Int128($1.unexplained.magnitude) })
        }
        values = v
    }

    /// The value as a decimal string (`0.987654` for the match rate).
    public func text(_ i: Indicator) -> String? {
        values[i].map { MinorUnits.format($0, exponent: RunIndicators.scale(i)) }
    }

    /// Alerts: a value past its configured limit, or (with at least three earlier values) worse than
    /// its history's mean by more than `deviations` standard deviations and worse than every earlier
    /// value. `history` holds earlier runs' values, newest first.
    public func alerts(limits: [IndicatorLimit], history: [Indicator: [Int64]], deviations: Int) -> [CustodyAlert] {
        var out: [CustodyAlert] = []
        for limit in limits {
            guard let v = values[limit.indicator] else { continue }
            if limit.alertWhen.holds(Int128(v), scale: RunIndicators.scale(limit.indicator)) {
                out.append(CustodyAlert(type: "indicator_limit", name: limit.indicator.rawValue, severity: limit.severity,
                                        message: "\(limit.indicator.rawValue) \(text(limit.indicator)!) \(limit.alertWhen)"))
            }
        }
        for indicator in Indicator.allCases {
            guard let v = values[indicator], let past = history[indicator], past.count >= 3 else { continue }
            // Statistics of counts and rates, not money: floating point is fine here.
            let mean = Double(past.reduce(0, +)) / Double(past.count)
            let sd = (past.map { (Double($0) - mean) * (Double($0) - mean) }.reduce(0, +) / Double(past.count)).squareRoot()
            let worse = indicator.higherIsWorse ? Double(v) - mean : mean - Double(v)
            let beyondAll = indicator.higherIsWorse ? v > past.max()! : v < past.min()!
            if beyondAll && worse > Double(deviations) * sd {
                let scale = RunIndicators.scale(indicator)
                out.append(CustodyAlert(type: "indicator_trend", name: indicator.rawValue, severity: .high,
                                        message: "\(indicator.rawValue) \(text(indicator)!) against \(past.count) earlier runs: "
                                            + past.map { MinorUnits.format($0, exponent: scale) }.joined(separator: ", ")))
            }
        }
        return out
    }
}
