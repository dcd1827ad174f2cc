import ReconCore

/// A limit on one of a run's indicators (see ``Indicator``): `match_rate < 0.95` raises an alert.
package struct IndicatorLimit: Sendable, Equatable {
    package var indicator: Indicator
    package var alertWhen: Comparison
    package var severity: Severity
    /// For an amount indicator: the one currency the limit applies to (its value in that currency's
    /// units, e.g. `> 100.00`); nil: the limit applies to every currency's value on its own.
    package var currency: String?

    package init(indicator: Indicator, alertWhen: Comparison, severity: Severity = .high, currency: String? = nil) {
        self.indicator = indicator
        self.alertWhen = alertWhen
        self.severity = severity
        self.currency = currency
    }
}

