import Foundation
import Logging
import ReconCore
import ReconFormats
import ReconMatch
import ReconStore

/// The nightly job: reconciles business dates in order with the run store's memory. Each date's
/// files are matched together with the items still open after the previous date's current run, the
/// reports go to `<output>/<date>/run-<id>/`, and the run, its breaks, open items and audit record are
/// stored in one transaction. Re-running a date supersedes its earlier runs without deleting them.
public struct NightlyRunner {
    public let configuration: NightlyConfiguration
    public let store: RunStore
    public var threads: Int?
    /// Where events go (items carried, corrected files, missing inputs, runs completed), with the
    /// business date and run id as metadata.
    public var logger: Logger
    /// Where each date's run reports its progress, for a display.
    public var progress: RunProgress?

    public init(configuration: NightlyConfiguration, store: RunStore, threads: Int? = nil,
                logger: Logger = Logger(label: "recon.nightly"), progress: RunProgress? = nil) {
        self.configuration = configuration
        self.store = store
        self.threads = threads
        self.logger = logger
        self.progress = progress
    }

    /// Runs `dates` in order under one lock; returns the highest exit code (0 or 1), or throws.
    public func run(dates: [Day]) throws -> Int32 {
        guard let first = dates.first, let last = dates.last else { return 0 }
        let lock = try store.acquireLock(from: first.iso, to: last.iso)
        defer { try? store.releaseLock(lock) }
        var worst: Int32 = 0
        for day in dates { worst = max(worst, try run(day)) }
        return worst
    }

    func run(_ day: Day) throws -> Int32 {
        let date = day.iso
        let bankFiles = try configuration.files(configuration.bank, for: day)
        let ledgerFiles = try configuration.files(configuration.ledger, for: day)
        for (side, files, source) in [("bank", bankFiles, configuration.bank), ("ledger", ledgerFiles, configuration.ledger)] where files.isEmpty {
            let error = NightlyError.missingInput(date: date, side: side, directory: source.directory, pattern: source.pattern)
            try store.recordFailedRun(date: date, status: "missing_input", configHash: configuration.hash,
                                      engineVersion: ReconVersion.current, message: error.description)
            let alerts = dateDirectory(date) + "/alerts.json"
            try MissingInputAlert(date: date, side: side, directory: source.directory, pattern: source.pattern,
                                  message: error.description).write(to: alerts)
            logger.critical("input missing", metadata: ["date": "\(date)", "side": "\(side)", "directory": "\(source.directory)",
                                                        "pattern": "\(source.pattern)", "alerts": "\(alerts)"])
            throw error
        }
        let startedAt = RunStore.timestamp()
        let runId = try store.nextRunId()
        let dir = dateDirectory(date) + "/run-\(runId)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Items still open after the previous date's current run take part in tonight's matching.
        var carriedBank: [String] = [], carriedLedger: [String] = []
        if let previous = try store.previousRun(before: date) {
            let items = try store.openItems(ofRun: previous.id)
            let bankRows = items.filter { $0.side == "bank" }.map(\.rowCSV)
            let ledgerRows = items.filter { $0.side == "ledger" }.map(\.rowCSV)
            if !bankRows.isEmpty {
                let path = dir + "/carried-bank.csv"
                try write(CanonicalBankWriter.header, bankRows, to: path)
                carriedBank = [path]
            }
            if !ledgerRows.isEmpty {
                let path = dir + "/carried-ledger.csv"
                try write(CanonicalLedgerWriter.header, ledgerRows, to: path)
                carriedLedger = [path]
            }
            logger.info("open items carried", metadata: ["date": "\(date)", "run": "\(runId)", "bank_items": "\(bankRows.count)",
                                                         "ledger_items": "\(ledgerRows.count)", "from_date": "\(previous.businessDate)",
                                                         "from_run": "\(previous.id)"])
        }
        var request = RunRequest(bankPaths: bankFiles + carriedBank, ledgerPaths: ledgerFiles + carriedLedger,
                                 outputDirectory: dir, asOf: day, configuration: configuration.match)
        request.bankFormat = configuration.bank.format
        request.bankBalancePaths = try configuration.bankBalances.map { try configuration.files($0, for: day) } ?? []
        request.ledgerBalancePaths = try configuration.ledgerBalances.map { try configuration.files($0, for: day) } ?? []
        for path in carriedBank { request.bankFormatByPath[path] = "canonical-bank" }
        if let threads { request.configuration.threads = threads }
        request.collectOpenItems = true
        request.exports = configuration.exports
        request.progress = progress
        let logger = self.logger
        request.memoryCeilingExceeded = { error in
            logger.error("\(error.description)", metadata: ["date": "\(date)", "run": "\(runId)"])
        }
        if let custody = configuration.match.custody {
            let history = try store.indicatorHistory(before: date, limit: custody.historyRuns)
            for (name, values) in history { if let i = Indicator(rawValue: name) { request.indicatorHistory[i] = values } }
        }
        let outcome = try RunPipeline.run(request)
        // Inputs as the store and audit chain record them; a file an earlier run of this date read
        // with other bytes is a corrected file.
        let earlier = try store.currentRun(for: date).map { try store.inputs(ofRun: $0.id) } ?? []
        var inputs: [StoredInput] = []
        for s in outcome.inputs {
            let side = s.side.name
            let carried = carriedBank.contains(s.path) || carriedLedger.contains(s.path)
            var input = StoredInput(side: side, path: s.path, sha256: s.sha256, bytes: s.bytes, rows: s.rows, carried: carried)
            if !carried, let old = earlier.first(where: { $0.path == s.path && $0.side == side }), old.sha256 != s.sha256 {
                input.replacesSHA256 = old.sha256
                logger.notice("corrected \(side) file", metadata: ["date": "\(date)", "run": "\(runId)", "path": "\(s.path)",
                                                                   "sha256_before": "\(old.sha256)", "sha256": "\(s.sha256)"])
            }
            inputs.append(input)
        }
        let breaks = try readBreaks(dir + "/breaks.csv")
        let record = RunRecord(id: runId, businessDate: date, startedAt: startedAt, finishedAt: RunStore.timestamp(),
                               status: "completed", supersededBy: nil, configHash: configuration.hash,
                               engineVersion: ReconVersion.current, bankRows: outcome.bankRows, ledgerRows: outcome.ledgerRows,
                               breakCount: outcome.breakCount, alerts: outcome.totals.alerts, exitCode: Int(outcome.exitCode),
                               outputDirectory: dir, message: "")
        let outputs = RunStore.outputsHash(directory: dir, files: RunStore.auditedOutputs)
        let indicators = Dictionary(uniqueKeysWithValues: (outcome.indicators?.values ?? [:]).map { ($0.key.rawValue, $0.value) })
        try store.recordCompletedRun(record, inputs: inputs, breaks: breaks, openItems: outcome.openItems, outputsHash: outputs,
                                     indicators: indicators)
        for alert in outcome.custodyAlerts { alert.log(to: logger, metadata: ["date": "\(date)", "run": "\(runId)"]) }
        if !configuration.exports.formats.isEmpty {
            let trend = try store.breakTrend(upTo: date, limit: Self.trendRuns).map {
                TrendPoint(date: $0.date, runId: $0.runId, severities: $0.severities)
            }
            let files = try RunExport.write(directory: dir, settings: configuration.exports, label: "run \(runId)", date: date, trend: trend,
                                            rows: breaks.map { BreakRow(fields: $0.fields) })
            try store.recordExport(runId: runId, from: date, to: date, directory: dir, files: files, masked: !configuration.exports.unmasked)
            logger.info("exports written", metadata: ["date": "\(date)", "run": "\(runId)", "files": "\(files.joined(separator: ","))",
                                                      "masked": "\(!configuration.exports.unmasked)"])
        }
        // A missing-input alert of this date is answered now (the store keeps the failed run).
        try? FileManager.default.removeItem(atPath: dateDirectory(date) + "/alerts.json")
        logger.info("run completed", metadata: [
            "date": "\(date)", "run": "\(runId)", "bank_rows": "\(outcome.bankRows)", "ledger_rows": "\(outcome.ledgerRows)",
            "breaks": "\(outcome.breakCount)", "open_items": "\(outcome.openItems.count)", "alerts": "\(outcome.totals.alerts)",
            "alert_severity": "\(configuration.match.alertSeverity.name)", "exit_code": "\(outcome.exitCode)", "reports": "\(dir)",
            "seconds": "\(String(format: "%.2f", outcome.readSeconds + outcome.matchSeconds + outcome.writeSeconds))"])
        return outcome.exitCode
    }

    /// Runs the HTML report's trend shows.
    public static let trendRuns = 30

    /// The date's folder under the output directory: its runs' folders and its alerts.
    private func dateDirectory(_ date: String) -> String { configuration.outputDirectory + "/" + date }

    private func write(_ header: String, _ rows: [String], to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(header)
        for r in rows { try writer.write(r + "\n") }
        try writer.commit()
    }

    /// The rows of a written `breaks.csv`, with their stable ids.
    func readBreaks(_ path: String) throws -> [StoredBreak] {
        var source = try FileByteSource(path: path)
        var breaks: [StoredBreak] = []
        var header = true
        try CSVScanner().scan(&source, path: path) { record in
            if header { header = false; return }
            let fields = (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }
            breaks.append(StoredBreak(fields: fields, id: BreakIdentity.id(account: fields[2], currency: fields[3],
                                                                           bankRef: fields[4], ledgerId: fields[5])))
        }
        return breaks
    }
}
