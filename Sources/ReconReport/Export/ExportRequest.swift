import ReconCore
/// What to export, from where, and how.
package struct ExportRequest: Sendable {
    /// The report's title (`Run of 2026-11-02`, `Breaks 2026-11-01 to 2026-11-30`).
    package var title: String
    package var source: BreakLineSource
    /// The runs whose breaks these are (one for a run, several for a date range).
    package var runs: [ReportRun]
    /// Earlier runs from the store, oldest first, for the HTML trend; empty without a store.
    package var trend: [TrendPoint] = []
    /// The custody statements of the runs, shown on the workbook's Custody sheet; nil when no run
    /// had custody checks.
    package var custody: [CustodyStatementLine]?
    package var formats: Set<ExportFormat>
    package var directory: String
    /// Account numbers and counterparty names masked (the default) or in clear (`--unmasked`).
    package var masked = true
    /// The masking key (``MaskKey``); unused when ``masked`` is false.
    package var maskKey: [UInt8] = []
    /// Rows a worksheet holds, its header included; Excel's limit unless a test asks for fewer.
    package var sheetRowLimit = XLSXReportWriter.excelRowLimit

    package init(title: String, source: BreakLineSource, runs: [ReportRun], formats: Set<ExportFormat>, directory: String) {
        self.title = title; self.source = source; self.runs = runs; self.formats = formats; self.directory = directory
    }
}
