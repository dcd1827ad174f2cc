/// One figure of a run: an ``Indicator``, and for the amount indicators the currency it is in. Money
/// of two currencies is never added up: `unmatched_amount` and `custody_difference` are kept per
/// currency, and their limits and history compare like with like.
public struct IndicatorKey: Hashable, Comparable, Sendable {
    public var indicator: Indicator
    /// The currency code of an amount indicator; nil for counts, days and rates.
    public var currency: String?

    public init(_ indicator: Indicator, currency: String? = nil) {
        self.indicator = indicator
        self.currency = currency
    }

    /// The name `summary.json` and the run store use: `match_rate`, `custody_difference.CNY`.
    public var name: String { currency.map { indicator.rawValue + "." + $0 } ?? indicator.rawValue }

    /// Reads a ``name``.
    public init?(name: String) {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let first = parts.first, let indicator = Indicator(rawValue: first) else { return nil }
        self.indicator = indicator
        currency = parts.count > 1 ? parts[1] : nil
    }

    public static func < (a: IndicatorKey, b: IndicatorKey) -> Bool { a.name < b.name }
}
