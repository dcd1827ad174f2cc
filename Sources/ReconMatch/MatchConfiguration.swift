import ReconCore

/// The passes and tolerances of a run. The defaults work with no configuration file.
package struct MatchConfiguration: Sendable, Equatable {
    /// Pass 1: duplicates on each side.
    package var duplicates = true
    /// Pass 2: bank `end_to_end_id` = ledger `reference`.
    package var reference = true
    /// Pass 2: largest amount difference (minor units) still counted as the same amount.
    package var referenceAmountTolerance: Int64 = 0
    /// Pass 3: one bank line for a ledger batch.
    package var batch = true
    /// Pass 4: same account, currency and amount, dates close together.
    package var amountDate = true
    /// Check every bank statement that carries balances or trailer totals (`balance_mismatch`).
    package var statementIntegrity = true
    /// Pass 4: largest distance in days between the two dates.
    package var windowDays = 3
    /// Pass 5: a ledger record younger than this (days before as-of) is `in_transit`.
    package var settlementWindowDays = 2
    /// Severity of each kind; kinds not listed keep their default.
    package var severities: [BreakKind: Severity] = [:]
    /// Breaks at or above this severity make the run exit with code 1.
    package var alertSeverity: Severity = .high
    /// Worker threads for matching; nil means one per core.
    package var threads: Int?
    /// Number of hash partitions of each pass. Fixed, so results never depend on the thread count.
    package var partitions = 4096
    /// The tolerance pass (`passes.tolerance`, `[tolerance]`): fees, write-offs and amount tolerances,
    /// with a date window that may be directional and count business days. nil: the pass does not run.
    package var tolerance: ToleranceConfiguration?
    /// The group pass (`[groups]`): many-to-one, one-to-many and netting groups without a batch id.
    /// nil: the pass does not run.
    package var groups: GroupConfiguration?
    /// The scored pass (`[scoring]`): automatic matches and suggestions. nil: the pass does not run.
    package var scoring: ScoringConfiguration?
    /// The FX pass (`[fx]`, `--rates`): bank and ledger in different currencies. nil: it does not run.
    package var fx: FXConfiguration?
    /// Business days per currency (`[calendars]`), for windows counted in business days.
    package var calendar = BusinessCalendar()
    /// Custody controls (`[custody]`): segregation, balance checks, misappropriation rules, alerts.
    /// nil: none run.
    package var custody: CustodyConfiguration?
    /// Resource limits (`[limits]`): memory ceiling and gzip expansion.
    package var limits = RunLimits()

    package init() {}

    package func severity(of kind: BreakKind) -> Severity { severities[kind] ?? kind.defaultSeverity }
}
