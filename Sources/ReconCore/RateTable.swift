/// Exchange rates by currency pair and day, from a rates file (``RateFileReader``). A conversion uses
/// the rate of its day, else the latest earlier one no older than a limit; a pair given only the
/// other way round is used inverted.
public struct RateTable: Sendable, Equatable {
    /// By "FROM/TO", sorted by day.
    public private(set) var rates: [String: [FXRate]] = [:]

    public init(_ list: [FXRate] = []) {
        for r in list { rates[r.from + "/" + r.to, default: []].append(r) }
        for k in rates.keys { rates[k]!.sort { $0.day < $1.day } }
    }

    public var isEmpty: Bool { rates.isEmpty }

    /// The rate for `from` → `to` on `day` (or the latest earlier within `maxAgeDays`), and whether it
    /// is the inverse pair's.
    public func rate(from: String, to: String, on day: Day, maxAgeDays: Int) -> (rate: FXRate, inverted: Bool)? {
        func latest(_ list: [FXRate]?) -> FXRate? {
            guard let list else { return nil }
            let lo = list.lazy.map(\.day).upperBound(of: day)
            guard lo > 0, day.days(since: list[lo - 1].day) <= maxAgeDays else { return nil }
            return list[lo - 1]
        }
        if let r = latest(rates[from + "/" + to]) { return (r, false) }
        if let r = latest(rates[to + "/" + from]) { return (r, true) }
        return nil
    }

    /// `amount` (minor units of a currency with `fromExponent` decimals) in minor units of the target
    /// currency (`toExponent`), rounded half away from zero; nil when it does not fit.
    public static func convert(_ amount: Int64, fromExponent: Int, toExponent: Int, rate: FXRate, inverted: Bool) -> Int64? {
        func pow10(_ n: Int) -> Int128 { var p: Int128 = 1; for _ in 0..<n { p *= 10 }; return p }
        guard rate.mantissa > 0 else { return nil }
        var numerator = Int128(amount) * pow10(toExponent)
        var denominator = pow10(fromExponent)
        if inverted {
            numerator *= pow10(rate.scale)
            denominator *= Int128(rate.mantissa)
        } else {
            numerator *= Int128(rate.mantissa)
            denominator *= pow10(rate.scale)
        }
        let half = denominator / 2
        let q = numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator)
        guard q >= Int128(Int64.min) && q <= Int128(Int64.max) else { return nil }
        return Int64(q)
    }
}
