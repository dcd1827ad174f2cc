import ReconCore
import ReconFormats
import ReconMatch

/// What a report is rendered from: the matcher's inputs and result, and the input files.
package struct ReportContext: Sendable {
    package let inputs: MatchInputs
    package let result: MatchResult
    /// Input summaries, bank files first then ledger files, in command-line order; a row's `file`
    /// index is its position among the files of its side.
    package let bankFiles: [InputSummary]
    package let ledgerFiles: [InputSummary]
    /// The balance files read for the custody checks, bank's first.
    package var balanceFiles: [InputSummary] = []
    /// The run's alerts (custody thresholds, indicator limits and trends) and indicators, once known.
    package var alerts: [CustodyAlert] = []
    package var indicators: RunIndicators?
    /// The exports the run writes (recorded in `summary.json`).
    package var exports = ExportSettings()

    /// Catalog ids of each statement's account and currency (statements are interned before matching).
    let statementAccount: [Int32]
    let statementCurrency: [Int32]

    package init(inputs: MatchInputs, result: MatchResult, bankFiles: [InputSummary], ledgerFiles: [InputSummary]) {
        self.inputs = inputs
        var severities = [Severity](repeating: .info, count: 256)
        for k in BreakKind.allCases { severities[Int(k.rawValue)] = inputs.configuration.severity(of: k) }
        self.severities = severities
        statementAccount = inputs.statements.map { s in
            var a = s.statement.account
            return a.withUTF8 { inputs.catalog.accounts.lookup($0) } ?? 0
        }
        statementCurrency = inputs.statements.map { s in
            var c = s.statement.currency
            return c.withUTF8 { inputs.catalog.currencies.lookup($0) } ?? 0
        }
        self.result = result
        self.bankFiles = bankFiles
        self.ledgerFiles = ledgerFiles
    }

    var configuration: MatchConfiguration { inputs.configuration }

    func severity(_ b: BreakRecord) -> Severity { severities[Int(b.kind.rawValue)] }

    /// Severity per kind (indexed by raw value), resolved once from the configuration.
    let severities: [Severity]

    func account(_ b: BreakRecord) -> Int32 {
        if b.statement >= 0 { return statementAccount[Int(b.statement)] }
        if let f = custody(b) { return f.account }
        return inputs.primary(of: b).account
    }

    func currency(_ b: BreakRecord) -> Int32 {
        if b.statement >= 0 { return statementCurrency[Int(b.statement)] }
        if let f = custody(b) { return f.currency }
        return inputs.primary(of: b).currency
    }

    /// The bank date where there is a bank row, else the ledger date; a statement's closing date.
    func primaryDate(_ b: BreakRecord) -> Int32 {
        if b.statement >= 0 { return statementDate(Int(b.statement)) ?? inputs.asOf.rawValue }
        if let f = custody(b) { return f.day.rawValue }
        return inputs.primary(of: b).day
    }

    /// The custody finding of an account-level custody break.
    func custody(_ b: BreakRecord) -> CustodyFinding? {
        b.custody >= 0 ? result.custody?.findings[Int(b.custody)] : nil
    }

    /// Whether the break names an account and a day rather than rows (statement or custody finding).
    func isAccountLevel(_ b: BreakRecord) -> Bool { b.statement >= 0 || b.custody >= 0 }

    func statement(_ b: BreakRecord) -> StatementSummary? {
        b.statement >= 0 ? inputs.statements[Int(b.statement)].statement : nil
    }

    /// A statement's closing date, else its opening date.
    func statementDate(_ i: Int) -> Int32? {
        let s = inputs.statements[i].statement
        return (s.closingDate ?? s.openingDate)?.rawValue
    }

    /// `age_days` of a statement's `balance_mismatch` or a custody finding: as-of minus its date (other
    /// kinds: ``RowFormatter``).
    func statementAgeDays(_ b: BreakRecord) -> Int { Int(inputs.asOf.rawValue) - Int(primaryDate(b)) }
}
