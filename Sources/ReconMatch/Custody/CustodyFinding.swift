import ReconCore

/// A custody break that names an account and a day rather than rows: a sub-account whose bank and
/// platform balances differ by more than timing explains (`balance_mismatch`), or a custody account
/// holding less (`segregation_shortfall`) or more (`segregation_excess`) than the platform owes.
///
/// `bank − platform = timing + unexplained`, and `unexplained = Σ items + notItemised`.
package struct CustodyFinding: Sendable, Equatable {
    package var kind: BreakKind
    /// The sub-account, or the custody account (catalog id).
    package var account: Int32
    package var currency: Int32
    package var day: Day
    /// Bank balance at the end of the day (summed over the custody account's accounts).
    package var bankBalance: Int128
    /// The platform's balance (what it owes the customers).
    package var platformBalance: Int128
    /// The part items in transit explain (ledger booked, bank not yet, or the other way round).
    package var timing: Int128
    /// Everything else.
    package var unexplained: Int128
    /// The items that make up the unexplained part, in day then label order.
    package var items: [CustodyItem]
    /// The items that make up the timing part.
    package var timingItems: [CustodyItem]
    /// Sub-accounts summed (1 for a `balance_mismatch`).
    package var accounts: Int

    package var difference: Int128 { bankBalance - platformBalance }
    /// The unexplained part no listed item accounts for (balances that disagree with the movements).
    package var notItemised: Int128 { unexplained - items.reduce(Int128(0)) { $0 + Int128($1.amount) } }
}
