import Foundation
import ReconReport
import ReconCore
import ReconFormats
import ReconMatch
import ReconStore

/// What a finished run reports to its caller.
package struct RunOutcome: Sendable {
    /// 0: no break at or above the alert severity; 1: there are such breaks.
    package var exitCode: Int32
    package var totals: RunTotals
    package var breakCount: Int
    package var bankRows: Int
    package var ledgerRows: Int
    package var asOf: Day
    /// Seconds spent reading and parsing, matching, and writing reports.
    package var readSeconds: Double
    package var matchSeconds: Double
    package var writeSeconds: Double
    /// The process's CPU seconds (user and system, all threads) in each of those phases: a phase
    /// that keeps every core busy shows about threads × its seconds, a serial one about its seconds.
    package var cpuSeconds: (read: Double, match: Double, write: Double) = (0, 0, 0)
    /// Every input file read, bank files first, then ledger files, then balance files, as
    /// `summary.json` lists them.
    package var inputs: [InputSummary]
    /// The rows still open, when the request asked for them.
    package var openItems: [OpenItem] = []
    /// The keys (``BankLineHistory``) of the bank lines this run reconciled, sorted, when the
    /// request asked for open items.
    package var bankLineKeys: [UInt64] = []
    /// Thresholds the custody checks found crossed.
    package var custodyAlerts: [CustodyAlert] = []
    /// The run's indicators, for the store's history.
    package var indicators: RunIndicators?
    /// The run's breaks as values, in the report's order: what `breaks.csv` says, for the store and
    /// the exports (the run never reads its report back).
    package var lines: BreakLines
    /// The bytes of the `summary.json` the run wrote, for the exports.
    package var summary: Data
    /// The custody statement the run wrote (`custody.csv`); nil without custody checks.
    package var custody: [CustodyStatementLine]? = nil
}
