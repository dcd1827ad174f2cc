/// What an account holds, for the custody controls: customers' money at the custodian, or the
/// platform's own.
package enum AccountClass: String, CaseIterable, Sendable, Equatable {
    /// The custody account and its per-customer sub-accounts: money the platform owes its customers.
    case customerFunds = "customer_funds"
    /// The platform's own operating money.
    case platformOwn = "platform_own"
    /// Fee income of the platform.
    case fee
    /// Reserves (risk provisions, guarantees).
    case reserve
    /// Anyone else's account.
    case external
}
