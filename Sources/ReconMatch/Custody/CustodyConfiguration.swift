import ReconCore

/// The custody controls of a run (`[custody]` in the run configuration): account classes, the
/// counterparties customer money must not reach, and the thresholds that raise alerts.
package struct CustodyConfiguration: Sendable, Equatable {
    /// Rules in order; the first that matches an account decides its class. Unmatched: `external`.
    package var accounts: [AccountRule] = []
    /// Counterparties (account numbers or names) customer money must never be paid to.
    package var denyList: Set<String> = []
    /// Ledger `type`s that authorise money leaving a customer-funds account for a platform account.
    package var authorizingTypes: Set<String> = ["fee", "repayment"]
    package var thresholds: [ThresholdRule] = []
    package var indicatorLimits: [IndicatorLimit] = []
    /// Earlier runs an indicator is compared with (the run store's); fewer than 3 and no comparison.
    package var historyRuns = 7
    /// An indicator this many standard deviations worse than its history's mean raises an alert.
    package var sharpMoveDeviations = 3

    package init() {}

    /// The first rule that matches `account`, if any.
    package func rule(for account: String) -> AccountRule? { accounts.first { $0.matches(account) } }

    package func accountClass(of account: String) -> AccountClass { rule(for: account)?.accountClass ?? .external }

    /// The custody account a customer-funds account's money counts towards (itself by default).
    package func custodyAccount(of account: String) -> String { rule(for: account)?.custodyAccount ?? account }
}
