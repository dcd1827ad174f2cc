/// One figure of a run: an ``Indicator``, and for the amount indicators the currency it is in. Money
/// of two currencies is never added up: `unmatched_amount` and `custody_difference` are kept per
/// currency, and their limits and history compare like with like.
package struct IndicatorKey: Hashable, Comparable, Sendable {
    package var indicator: Indicator
    /// The currency code of an amount indicator; nil for counts, days and rates.
    package var currency: String?

    package init(_ indicator: Indicator, currency: String? = nil) {
        self.indicator = indicator
        self.currency = currency
    }

    /// The name `summary.json` and the run store use: `match_rate`, `custody_difference.CNY`.
    package var name: String { currency.map { indicator.rawValue + "." + $0 } ?? indicator.rawValue }

    /// Reads a ``name``.
    package init?(name: String) {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let first = parts.first, let indicator = Indicator(rawValue: first) else { return nil }
        self.indicator = indicator
        currency = parts.count > 1 ? parts[1] : nil
    }

    package static func < (a: IndicatorKey, b: IndicatorKey) -> Bool { a.name < b.name }
}
