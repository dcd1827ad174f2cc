import ReconCore

/// An alert rule over the breaks of one kind (on accounts of one class): it fires when their total
/// absolute amount, their count or the oldest one's age compares as configured.
///
/// ```toml
/// [[custody.thresholds]]
/// class = "customer_funds"      # optional: any class
/// kind = "unmatched_bank_debit"
/// amount = ">= 500.00"          # their total, in the currency's units, per currency
/// item_amount = ">= 50.00"      # any single one of them
/// count = ">= 10"
/// age_days = ">= 3"
/// severity = "critical"
/// ```
public struct ThresholdRule: Sendable, Equatable {
    public var accountClass: AccountClass?
    public var kind: BreakKind
    public var amount: Comparison?
    /// Compared with each break's own amount: one is enough.
    public var itemAmount: Comparison?
    public var count: Comparison?
    public var ageDays: Comparison?
    public var severity: Severity

    public init(accountClass: AccountClass? = nil, kind: BreakKind, amount: Comparison? = nil, count: Comparison? = nil,
                ageDays: Comparison? = nil, severity: Severity = .high) {
        self.accountClass = accountClass
        self.kind = kind
        self.amount = amount
        self.count = count
        self.ageDays = ageDays
        self.severity = severity
    }

    /// A short name for alerts: `unmatched_bank_debit on customer_funds`.
    public var name: String { kind.name + (accountClass.map { " on \($0.rawValue)" } ?? "") }
}
