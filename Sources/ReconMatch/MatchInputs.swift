import ReconCore

/// Everything a pass reads: both tables, the catalog and the configuration. Immutable during matching.
package struct MatchInputs: Sendable {
    package let bank: BankTable
    package let ledger: LedgerTable
    package let catalog: Catalog
    package let configuration: MatchConfiguration
    package let asOf: Day
    /// Statements of the bank files that carry balances, for the integrity check.
    package let statements: [FileStatement]
    /// Closing balances per account and day from balance files, for the custody checks: the bank's
    /// (besides those its statements carry) and the platform's customer balances.
    package let bankBalances: [BalanceEntry]
    package let ledgerBalances: [BalanceEntry]
    /// Notes on bank rows from their files (an ACH return's reason), by row.
    package var bankNotes: [Int32: String] = [:]
    /// Bank rows an earlier night already reconciled, sent again (the nightly job's line history):
    /// each is a `duplicate_bank`, its note (``bankNotes``) naming the original's date and run, and
    /// takes no part in matching.
    package var resentBankRows: [Int32] = []
    /// The first bank row carried open from an earlier night (rows from here on came from the run
    /// store, not tonight's files); `bank.count` when nothing was carried.
    package var carriedBankStart: Int?

    package init(bank: BankTable, ledger: LedgerTable, catalog: Catalog, configuration: MatchConfiguration,
                asOf: Day? = nil, statements: [FileStatement] = [], bankBalances: [BalanceEntry] = [],
                ledgerBalances: [BalanceEntry] = []) {
        self.bank = bank
        self.ledger = ledger
        self.catalog = catalog
        self.configuration = configuration
        self.asOf = asOf ?? MatchInputs.defaultAsOf(bank: bank, ledger: ledger)
        self.statements = statements
        self.bankBalances = bankBalances
        self.ledgerBalances = ledgerBalances
    }

    /// The latest bank booking date, else the latest ledger date, else 1970-01-01.
    package static func defaultAsOf(bank: BankTable, ledger: LedgerTable) -> Day {
        if let m = bank.bookingDate.max() { return Day(rawValue: m) }
        if let m = ledger.valueDate.max() { return Day(rawValue: m) }
        return Day(rawValue: 0)
    }
}
