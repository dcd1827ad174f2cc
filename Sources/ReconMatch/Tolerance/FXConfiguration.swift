import ReconCore

/// `[fx]`: the foreign-exchange pass. A bank line and a ledger record of the same account in
/// different currencies are matched when the ledger amount, converted at the rate of its day
/// (`rates`, a file `date,from,to,rate`), is the bank amount up to a residual inside the tolerance; the
/// report shows the converted amount, the rate and the residual, which is explained, not a break.
package struct FXConfiguration: Sendable, Equatable {
    /// The rates file; resolved against the configuration file's folder.
    package var ratesPath: String?
    /// The rates, read by the run (empty until then).
    package var rates = RateTable()
    /// The residual tolerated, as parts per million of the converted amount (`residual_pct = "0.5"`).
    package var residualPPM: Int64 = 5_000
    /// And at least this much, in the bank currency's units.
    package var residualAbsolute = DecimalAmount(tenThousandths: 0)
    package var windowDays = 3
    /// How old a rate may be when the day of the ledger record has none.
    package var maxRateAgeDays = 5

    package init() {}
}
