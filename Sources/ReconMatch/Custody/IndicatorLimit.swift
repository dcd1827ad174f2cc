import ReconCore

/// A limit on one of a run's indicators (see ``Indicator``): `match_rate < 0.95` raises an alert.
public struct IndicatorLimit: Sendable, Equatable {
    public var indicator: Indicator
    public var alertWhen: Comparison
    public var severity: Severity
    /// For an amount indicator: the one currency the limit applies to (its value in that currency's
    /// units, e.g. `> 100.00`); nil: the limit applies to every currency's value on its own.
    public var currency: String?

    public init(indicator: Indicator, alertWhen: Comparison, severity: Severity = .high, currency: String? = nil) {
        self.indicator = indicator
        self.alertWhen = alertWhen
        self.severity = severity
        self.currency = currency
    }
}

