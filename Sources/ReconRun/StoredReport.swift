import Foundation
import ReconCore
import ReconReport
import ReconStore

/// Exports rendered from the run store: one stored run (`recon export RUN_ID`) or the current runs of
/// a range of business dates (`recon report --from --to`). Every export is recorded in the store,
/// with whether it was masked.
package enum StoredReport {
    /// Exports run `id` into `output` (its own folder when nil); returns the folder and the files.
    package static func exportRun(store: RunStore, id: Int64, settings: ExportSettings, output: String?) throws -> (directory: String, files: [String]) {
        guard let record = try store.run(id: id), record.status == "completed" else {
            throw ExportError.notABreakReport(path: store.path, reason: "no completed run \(id) in the store")
        }
        let run = try reportRun(record, store: store)
        let dir = output ?? record.outputDirectory
        var request = ExportRequest(title: "Reconciliation of \(record.businessDate) (run \(id))",
                                    source: Self.rows(of: store, runs: [id]),
                                    runs: [run], formats: settings.formats, directory: dir)
        request.trend = try store.breakTrend(upTo: record.businessDate, limit: NightlyRunner.trendRuns).map(TrendPoint.init)
        request.custody = try ExportSetup.custodyLines(in: [record.outputDirectory])
        try ExportSetup.configureMasking(&request, settings)
        let files = try ReportExporter.export(request)
        try store.recordExport(runId: id, from: record.businessDate, to: record.businessDate, directory: dir, files: files,
                               masked: request.masked)
        return (dir, files)
    }

    /// Exports the breaks of the current runs from `from` to `to` into `output`; returns the files and
    /// the number of runs.
    package static func exportRange(store: RunStore, from: String, to: String, settings: ExportSettings, output: String) throws -> (files: [String], runs: Int) {
        let records = try store.currentRuns(from: from, to: to)
        let runs = try records.map { try reportRun($0, store: store) }
        var request = ExportRequest(title: "Breaks from \(from) to \(to)", source: Self.rows(of: store, runs: records.map(\.id)), runs: runs,
                                    formats: settings.formats, directory: output)
        let limit = max(1, records.count)
        request.trend = try store.breakTrend(upTo: to, limit: limit).filter { $0.date >= from }.map(TrendPoint.init)
        request.custody = try ExportSetup.custodyLines(in: records.map(\.outputDirectory))
        try ExportSetup.configureMasking(&request, settings)
        let files = try ReportExporter.export(request)
        try store.recordExport(runId: nil, from: from, to: to, directory: output, files: files, masked: request.masked)
        return (files, records.count)
    }

    /// The run as its `summary.json` describes it, or from the store's record when that file is gone.
    static func reportRun(_ record: RunRecord, store: RunStore) throws -> ReportRun {
        let label = "run \(record.id)"
        let summary = record.outputDirectory + "/summary.json"
        if FileManager.default.fileExists(atPath: summary) {
            return try ReportRun.read(summary: summary, label: label, date: record.businessDate)
        }
        let inputs = try store.inputs(ofRun: record.id).map {
            ReportRun.Input(side: $0.side, path: $0.path, format: "", sha256: $0.sha256, bytes: $0.bytes, rows: $0.rows, rejected: 0)
        }
        return ReportRun(label: label, date: record.businessDate, reconVersion: record.engineVersion, exitCode: record.exitCode,
                         breaks: record.breakCount, inputs: inputs, controlTotals: nil)
    }

}

extension TrendPoint {
    init(_ t: (date: String, runId: Int64, severities: [String: Int])) {
        self.init(date: t.date, runId: t.runId, severities: t.severities)
    }

}

extension StoredReport {
    /// The breaks of stored runs, in the order given, streamed from the store.
    static func rows(of store: RunStore, runs: [Int64]) -> BreakLineSource {
        .streamed { body in
            for id in runs { try store.forEachBreak(ofRun: id) { try body($0.line) } }
        }
    }
}
