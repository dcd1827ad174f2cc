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
package struct ThresholdRule: Sendable, Equatable {
    package var accountClass: AccountClass?
    package var kind: BreakKind
    package var amount: Comparison?
    /// Compared with each break's own amount: one is enough.
    package var itemAmount: Comparison?
    package var count: Comparison?
    package var ageDays: Comparison?
    package var severity: Severity

    package init(accountClass: AccountClass? = nil, kind: BreakKind, amount: Comparison? = nil, count: Comparison? = nil,
                ageDays: Comparison? = nil, severity: Severity = .high) {
        self.accountClass = accountClass
        self.kind = kind
        self.amount = amount
        self.count = count
        self.ageDays = ageDays
        self.severity = severity
    }

    /// A short name for alerts: `unmatched_bank_debit on customer_funds`.
    package var name: String { kind.name + (accountClass.map { " on \($0.rawValue)" } ?? "") }
}
