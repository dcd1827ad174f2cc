import ReconCore

/// A custody break that names an account and a day rather than rows: a sub-account whose bank and
/// platform balances differ by more than timing explains (`balance_mismatch`), or a custody account
/// holding less (`segregation_shortfall`) or more (`segregation_excess`) than the platform owes.
///
/// `bank − platform = timing + unexplained`, and `unexplained = Σ items + notItemised`.
public struct CustodyFinding: Sendable, Equatable {
    public var kind: BreakKind
    /// The sub-account, or the custody account (catalog id).
    public var account: Int32
    public var currency: Int32
    public var day: Day
    /// Bank balance at the end of the day (summed over the custody account's accounts).
    public var bankBalance: Int128
    /// The platform's balance (what it owes the customers).
    public var platformBalance: Int128
    /// The part items in transit explain (ledger booked, bank not yet, or the other way round).
    public var timing: Int128
    /// Everything else.
    public var unexplained: Int128
    /// The items that make up the unexplained part, in day then label order.
    public var items: [CustodyItem]
    /// The items that make up the timing part.
    public var timingItems: [CustodyItem]
    /// Sub-accounts summed (1 for a `balance_mismatch`).
    public var accounts: Int

    public var difference: Int128 { bankBalance - platformBalance }
    /// The unexplained part no listed item accounts for (balances that disagree with the movements).
    public var notItemised: Int128 { unexplained - items.reduce(Int128(0)) { $0 + Int128($1.amount) } }
}
