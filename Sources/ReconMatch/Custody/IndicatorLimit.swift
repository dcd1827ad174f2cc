import ReconCore

/// A limit on one of a run's indicators (see ``Indicator``): `match_rate < 0.95` raises an alert.
public struct IndicatorLimit: Sendable, Equatable {
    public var indicator: Indicator
    public var alertWhen: Comparison
    public var severity: Severity

    public init(indicator: Indicator, alertWhen: Comparison, severity: Severity = .high) {
        self.indicator = indicator
        self.alertWhen = alertWhen
        self.severity = severity
    }
}

