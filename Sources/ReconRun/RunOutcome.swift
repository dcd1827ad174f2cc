import Foundation
import ReconReport
import ReconCore
import ReconFormats
import ReconMatch
import ReconStore

/// What a finished run reports to its caller.
public struct RunOutcome: Sendable {
    /// 0: no break at or above the alert severity; 1: there are such breaks.
    public var exitCode: Int32
    public var totals: RunTotals
    public var breakCount: Int
    public var bankRows: Int
    public var ledgerRows: Int
    public var asOf: Day
    /// Seconds spent reading and parsing, matching, and writing reports.
    public var readSeconds: Double
    public var matchSeconds: Double
    public var writeSeconds: Double
    /// Every input file read, bank files first, then ledger files, then balance files, as
    /// `summary.json` lists them.
    public var inputs: [InputSummary]
    /// The rows still open, when the request asked for them.
    public var openItems: [OpenItem] = []
    /// The keys (``BankLineHistory``) of the bank lines this run reconciled, sorted, when the
    /// request asked for open items.
    public var bankLineKeys: [UInt64] = []
    /// Thresholds the custody checks found crossed.
    public var custodyAlerts: [CustodyAlert] = []
    /// The run's indicators, for the store's history.
    public var indicators: RunIndicators?
    /// The run's breaks as values, in the report's order: what `breaks.csv` says, for the store and
    /// the exports (the run never reads its report back).
    public var lines: BreakLines
    /// The bytes of the `summary.json` the run wrote, for the exports.
    public var summary: Data
}
