import Foundation
import ReconCore

/// The exports of one run, written from its `breaks.csv` and `summary.json` into its folder (or
/// another): used by `recon run`, the nightly job and `recon export`.
package enum RunExport {
    /// Writes `settings.formats` and returns the file names written.
    ///
    /// - Parameters:
    ///   - directory: the run's folder, holding `breaks.csv` and `summary.json`.
    ///   - output: where the exports go; the run's folder when nil.
    ///   - label: how the run is named in the reports (`run 12`).
    ///   - date: the business date, when the run has one; else the summary's as-of date.
    ///   - trend: earlier runs from the store, oldest first.
    ///   - lines: the run's breaks when the caller holds them (the run that has just written them);
    ///     else the folder's `breaks.csv` is read through ``BreakReportReader``.
    ///   - summary: the bytes of the run's `summary.json` when the caller holds them; else the file is read.
    ///   - custody: with `summary`, the run's custody statement (nil without custody checks); without
    ///     it, the folder's `custody.csv` is read.
    @discardableResult
    package static func write(directory: String, output: String? = nil, settings: ExportSettings, title: String? = nil,
                             label: String, date: String? = nil, trend: [TrendPoint] = [], lines: BreakLines? = nil,
                             summary: Data? = nil, custody: [CustodyStatementLine]? = nil) throws -> [String] {
        guard !settings.formats.isEmpty else { return [] }
        let summaryPath = directory + "/summary.json"
        let run = try summary.map { try ReportRun.decode(summary: $0, path: summaryPath, label: label, date: date) }
            ?? ReportRun.read(summary: summaryPath, label: label, date: date)
        var request = ExportRequest(title: title ?? "Reconciliation of \(run.date) (\(label))", source: lines.map(BreakLineSource.run) ?? .file(directory + "/breaks.csv"),
                                    runs: [run], formats: settings.formats, directory: output ?? directory)
        request.trend = trend
        request.custody = summary == nil ? try ExportSetup.custodyLines(in: [directory]) : custody
        try ExportSetup.configureMasking(&request, settings)
        return try ReportExporter.export(request)
    }
}
