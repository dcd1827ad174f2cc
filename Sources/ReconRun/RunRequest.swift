import ReconStore
import ReconReport
import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// One reconciliation run as the command line describes it.
package struct RunRequest: Sendable {
    package var bankPaths: [String]
    package var ledgerPaths: [String]
    package var outputDirectory: String
    package var asOf: Day?
    package var configuration: MatchConfiguration
    /// Malformed rows allowed before the run stops; they go to `rejects.csv`.
    package var maxRejects: Int
    /// Spec name or path for the bank files; nil to detect each file's format.
    package var bankFormat: String?
    /// Spec name or path for the ledger files; nil for the canonical ledger layout.
    package var ledgerFormat: String?
    /// Print sub-phase timings to standard error (environment `RECON_TRACE=1`).
    package var trace = false
    /// Return the rows still open after matching (for the nightly job's carry-forward), and the keys
    /// of the bank lines reconciled (for its duplicate rule on later nights).
    package var collectOpenItems = false
    /// Items carried open from earlier nights, as values appended after tonight's own rows of their
    /// side: carried bank lines may be reversed by tonight's lines, and are never taken for re-sent
    /// lines.
    package var carried = CarriedItems()
    /// The bank lines earlier nights reconciled: a line of tonight's files among them is a
    /// `duplicate_bank` naming the original's date and run.
    package var bankLineHistory = BankLineHistory()
    /// Digests an earlier run of the same date read, by ``InputSummary/role`` and path: a file whose
    /// bytes differ now is recorded as corrected (`replaces_sha256` in `summary.json`).
    package var earlierDigests: [String: String] = [:]
    /// Where the run reports its phase, bytes and rows as it goes (for a progress display).
    package var progress: RunProgress?
    /// Balance files (`account,date,currency,balance`) for the custody checks: the bank's closing
    /// balances (besides those its statements carry) and the platform's customer balances.
    package var bankBalancePaths: [String] = []
    package var ledgerBalancePaths: [String] = []
    /// The exports to write after `breaks.csv` (by ``RunExport``); `summary.json` records them and
    /// whether they are masked.
    package var exports = ExportSettings()
    /// Earlier runs' indicators by name (``IndicatorKey/name``), newest first (the nightly job's
    /// store), for the trend alerts.
    package var indicatorHistory: [String: [Int64]] = [:]
    /// Told a ``ResourceError`` when matching passes the memory ceiling (`[limits] max_memory`); by
    /// default the error goes to standard error.
    package var memoryCeilingExceeded: @Sendable (ResourceError) -> Void = { error in
        FileHandle.standardError.write(Data("recon: \(error.description)\n".utf8))
    }
    /// Called after ``memoryCeilingExceeded``: the caller's decision. The command line ends the
    /// process with exit code 2 (the passes cannot stop part-way; nothing has been written yet).
    /// The library never exits: by default matching goes on.
    package var memoryCeilingTerminate: @Sendable () -> Void = {}

    package init(bankPaths: [String], ledgerPaths: [String], outputDirectory: String, asOf: Day? = nil,
                configuration: MatchConfiguration = MatchConfiguration(), maxRejects: Int = 0,
                bankFormat: String? = nil, ledgerFormat: String? = nil) {
        self.bankPaths = bankPaths
        self.ledgerPaths = ledgerPaths
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.configuration = configuration
        self.maxRejects = maxRejects
        self.bankFormat = bankFormat
        self.ledgerFormat = ledgerFormat
    }
}
