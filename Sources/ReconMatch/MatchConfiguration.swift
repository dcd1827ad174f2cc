import ReconCore

/// The passes and tolerances of a run. The defaults work with no configuration file.
public struct MatchConfiguration: Sendable, Equatable {
    /// Pass 1: duplicates on each side.
    public var duplicates = true
    /// Pass 2: bank `end_to_end_id` = ledger `reference`.
    public var reference = true
    /// Pass 2: largest amount difference (minor units) still counted as the same amount.
    public var referenceAmountTolerance: Int64 = 0
    /// Pass 3: one bank line for a ledger batch.
    public var batch = true
    /// Pass 4: same account, currency and amount, dates close together.
    public var amountDate = true
    /// Check every bank statement that carries balances or trailer totals (`balance_mismatch`).
    public var statementIntegrity = true
    /// Pass 4: largest distance in days between the two dates.
    public var windowDays = 3
    /// Pass 5: a ledger record younger than this (days before as-of) is `in_transit`.
    public var settlementWindowDays = 2
    /// Severity of each kind; kinds not listed keep their default.
    public var severities: [BreakKind: Severity] = [:]
    /// Breaks at or above this severity make the run exit with code 1.
    public var alertSeverity: Severity = .high
    /// Worker threads for matching; nil means one per core.
    public var threads: Int?
    /// Number of hash partitions of each pass. Fixed, so results never depend on the thread count.
    public var partitions = 4096
    /// The tolerance pass (`passes.tolerance`, `[tolerance]`): fees, write-offs and amount tolerances,
    /// with a date window that may be directional and count business days. nil: the pass does not run.
    public var tolerance: ToleranceConfiguration?
    /// The group pass (`[groups]`): many-to-one, one-to-many and netting groups without a batch id.
    /// nil: the pass does not run.
    public var groups: GroupConfiguration?
    /// The scored pass (`[scoring]`): automatic matches and suggestions. nil: the pass does not run.
    public var scoring: ScoringConfiguration?
    /// The FX pass (`[fx]`, `--rates`): bank and ledger in different currencies. nil: it does not run.
    public var fx: FXConfiguration?
    /// Business days per currency (`[calendars]`), for windows counted in business days.
    public var calendar = BusinessCalendar()
    /// Custody controls (`[custody]`): segregation, balance checks, misappropriation rules, alerts.
    /// nil: none run.
    public var custody: CustodyConfiguration?
    /// Resource limits (`[limits]`): memory ceiling and gzip expansion.
    public var limits = RunLimits()

    public init() {}

    public func severity(of kind: BreakKind) -> Severity { severities[kind] ?? kind.defaultSeverity }
}
