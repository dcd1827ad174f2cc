import ReconCore

/// The custody controls of a run (`[custody]` in the run configuration): account classes, the
/// counterparties customer money must not reach, and the thresholds that raise alerts.
public struct CustodyConfiguration: Sendable, Equatable {
    /// Rules in order; the first that matches an account decides its class. Unmatched: `external`.
    public var accounts: [AccountRule] = []
    /// Counterparties (account numbers or names) customer money must never be paid to.
    public var denyList: Set<String> = []
    /// Ledger `type`s that authorise money leaving a customer-funds account for a platform account.
    public var authorizingTypes: Set<String> = ["fee", "repayment"]
    public var thresholds: [ThresholdRule] = []
    public var indicatorLimits: [IndicatorLimit] = []
    /// Earlier runs an indicator is compared with (the run store's); fewer than 3 and no comparison.
    public var historyRuns = 7
    /// An indicator this many standard deviations worse than its history's mean raises an alert.
    public var sharpMoveDeviations = 3

    public init() {}

    /// The first rule that matches `account`, if any.
    public func rule(for account: String) -> AccountRule? { accounts.first { $0.matches(account) } }

    public func accountClass(of account: String) -> AccountClass { rule(for: account)?.accountClass ?? .external }

    /// The custody account a customer-funds account's money counts towards (itself by default).
    public func custodyAccount(of account: String) -> String { rule(for: account)?.custodyAccount ?? account }
}
