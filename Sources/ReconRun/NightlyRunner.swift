import ReconReport
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
package struct NightlyRunner {
    package let configuration: NightlyConfiguration
    package let store: RunStore
    package var threads: Int?
    /// Where events go (items carried, corrected files, missing inputs, runs completed), with the
    /// business date and run id as metadata.
    package var logger: Logger
    /// Where each date's run reports its progress, for a display.
    package var progress: RunProgress?
    /// Whether re-running dates re-runs every later date that has a current run too (in order, under
    /// the same lock): their carry-forward starts from the dates re-run. Off (`--no-cascade`), the
    /// later dates are reported stale instead.
    package var cascade = true
    /// What to do when a run passes the memory ceiling, after logging it (see
    /// ``RunRequest/memoryCeilingTerminate``): the command line ends the process.
    package var memoryCeilingTerminate: @Sendable () -> Void = {}

    package init(configuration: NightlyConfiguration, store: RunStore, threads: Int? = nil,
                logger: Logger = Logger(label: "recon.nightly"), progress: RunProgress? = nil) {
        self.configuration = configuration
        self.store = store
        self.threads = threads
        self.logger = logger
        self.progress = progress
    }

    /// Runs `dates` in order under one lock, then (with ``cascade``) every later date that has a
    /// current run, since what they carried came from the dates re-run; returns the highest exit code
    /// (0 or 1), or throws.
    package func run(dates: [Day]) throws -> Int32 {
        guard let first = dates.first, let last = dates.last else { return 0 }
        let later = try store.laterDates(after: last.iso).compactMap(Day.init(iso:))
        let lockEnd = cascade ? later.last ?? last : last
        let (lock, takenOver) = try store.acquireLock(from: first.iso, to: lockEnd.iso, maxAgeHours: configuration.lockMaxAgeHours)
        defer { try? store.releaseLock(lock) }
        for holder in takenOver { logger.warning("stale lock taken over", metadata: ["holder": "\(holder)"]) }
        // Stopped by a signal: the lock goes (the run of the date is closed first, newest action first).
        let store = self.store
        let release = Cleanup.onStop { try? store.releaseLock(lock) }
        defer { Cleanup.cancel(release) }
        // What can be checked before any date is matched; temporaries a killed run left beside the
        // store go now (those in a date's folder when the date runs).
        try preflight()
        let storeFolder = (store.path as NSString).deletingLastPathComponent
        sweep(storeFolder.isEmpty ? "." : storeFolder, recursive: false)
        // Runs of these dates that a killed process left unrecorded (we hold the lock): the reports
        // they may have written go, since the store does not know them, then the runs are closed.
        for run in try store.runningRuns(from: first.iso, to: lockEnd.iso) {
            let folder = dateDirectory(run.businessDate) + "/run-\(run.id)"
            if (try? FileManager.default.removeItem(atPath: folder)) != nil {
                logger.notice("reports of an unrecorded run removed", metadata: ["run": "\(run.id)", "folder": "\(folder)"])
            }
        }
        for id in try store.closeInterruptedRuns(from: first.iso, to: lockEnd.iso) {
            logger.warning("interrupted run closed", metadata: ["run": "\(id)", "reason": "its process stopped before the run was recorded"])
        }
        var worst: Int32 = 0
        for day in dates { worst = max(worst, try run(day)) }
        guard !later.isEmpty else { return worst }
        let names = later.map(\.iso).joined(separator: ",")
        guard cascade else {
            logger.warning("later nights are stale", metadata: [
                "dates": "\(names)", "after": "\(last.iso)",
                "reason": "their open items were carried from the runs now superseded; re-run them (without --no-cascade)"])
            return worst
        }
        logger.notice("re-running later nights", metadata: ["dates": "\(names)", "after": "\(last.iso)"])
        for day in later { worst = max(worst, try run(day)) }
        return worst
    }

    /// The missing-input failure of a date: recorded in the store, an `alerts.json` naming the side,
    /// directory and pattern, a critical log line; thrown.
    private func missingInput(_ date: String, side: String, source: NightlyConfiguration.Source) throws -> Never {
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

    /// One date: its files (stopping when a configured one has not arrived), the items carried from
    /// the previous date, the run, its exports, and its record in the store.
    func run(_ day: Day) throws -> Int32 {
        let date = day.iso
        let files = try inputFiles(for: day)
        sweep(dateDirectory(date), recursive: true)
        let startedAt = RunStore.timestamp()
        let runId = try store.reserveRun(date: date, startedAt: startedAt, configHash: configuration.hash,
                                         engineVersion: ReconVersion.current)
        let dir = dateDirectory(date) + "/run-\(runId)"
        // Stopped by a signal: the run is closed as interrupted and its folder goes (never a recorded run's).
        let store = self.store
        let close = Cleanup.onStop {
            if (try? store.closeInterruptedRuns(from: date, to: date))?.contains(runId) == true { try? FileManager.default.removeItem(atPath: dir) }
        }
        defer { Cleanup.cancel(close) }
        let (outcome, exports): (RunOutcome, [String]?)
        do {
            (outcome, exports) = try reconcile(day, runId: runId, startedAt: startedAt, directory: dir, files: files)
        } catch {
            abandon(runId, date: date, directory: dir, error: error)
            throw error
        }
        for alert in outcome.custodyAlerts { alert.log(to: logger, metadata: ["date": "\(date)", "run": "\(runId)"]) }
        if let files = exports {
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

    /// The reserved run `runId` of `day`: its folder, the items carried, the run, its exports, and its
    /// record. Every report and export is complete before the store records the run (with its
    /// exports, in one transaction). Returns the outcome and the exports written.
    func reconcile(_ day: Day, runId: Int64, startedAt: String, directory dir: String,
                   files: DateFiles) throws -> (RunOutcome, [String]?) {
        let date = day.iso
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let carried = try carryOpenItems(into: date, runId: runId, directory: dir)
        let request = try self.request(for: day, runId: runId, directory: dir, files: files, carried: carried)
        let outcome = try RunPipeline.run(request)
        let inputs = storedInputs(outcome, carried: carried, date: date, runId: runId)
        let breaks = outcome.lines.map { StoredBreak(id: BreakIdentity.id(of: $0), line: $0) }
        let record = RunRecord(id: runId, businessDate: date, startedAt: startedAt, finishedAt: RunStore.timestamp(),
                               status: "completed", supersededBy: nil, configHash: configuration.hash,
                               engineVersion: ReconVersion.current, bankRows: outcome.bankRows, ledgerRows: outcome.ledgerRows,
                               breakCount: outcome.breakCount, alerts: outcome.totals.alerts, exitCode: Int(outcome.exitCode),
                               outputDirectory: dir, message: "")
        let exports = try writeExports(date: date, runId: runId, directory: dir, outcome: outcome)
        let outputs = RunStore.outputsHash(directory: dir, files: RunStore.auditedOutputs)
        try store.recordCompletedRun(record, inputs: inputs, breaks: breaks, openItems: outcome.openItems, outputsHash: outputs,
                                     indicators: outcome.indicators?.byName ?? [:], bankLineKeys: outcome.bankLineKeys,
                                     export: exports.map { RunStore.ExportEntry(directory: dir, files: $0, masked: !configuration.exports.unmasked) })
        return (outcome, exports)
    }

    /// A reserved run that stopped on an error before the store recorded it (bad input, an export
    /// that could not be written, a store that could not record): its folder is removed, since the
    /// store does not know its reports, then the run is recorded as `failed` with the error. When the
    /// store cannot record even that (a full disk), the run stays `running` and the next run of the
    /// range closes it as `interrupted`. A run the store says it recorded (an error after the commit,
    /// writing the audit head) stands with its folder.
    func abandon(_ runId: Int64, date: String, directory dir: String, error: Error) {
        guard (try? store.run(id: runId))??.status != "completed" else { return }
        try? FileManager.default.removeItem(atPath: dir)
        rmdir(dateDirectory(date))  // when nothing else is in it
        do {
            try store.failRun(runId, message: "\(error)")
            logger.error("run failed", metadata: ["date": "\(date)", "run": "\(runId)", "reports": "removed: \(dir)"])
        } catch let failure {
            logger.error("run failed", metadata: ["date": "\(date)", "run": "\(runId)", "reports": "removed: \(dir)",
                                                  "recorded": "no, closed as interrupted by the next run: \(failure)"])
        }
    }

    /// A date's input files by source: bank, ledger and the balance sources configured.
    struct DateFiles {
        var bank: [String]
        var ledger: [String]
        var bankBalances: [String] = []
        var ledgerBalances: [String] = []
    }

    /// The files of every configured source for `day`; a source without any stops the date as a
    /// missing input (a balance source too, once configured).
    func inputFiles(for day: Day) throws -> DateFiles {
        var files = DateFiles(bank: try configuration.files(configuration.bank, for: day),
                              ledger: try configuration.files(configuration.ledger, for: day))
        if let source = configuration.bankBalances { files.bankBalances = try configuration.files(source, for: day) }
        if let source = configuration.ledgerBalances { files.ledgerBalances = try configuration.files(source, for: day) }
        let sources: [(String, [String], NightlyConfiguration.Source?)] = [
            ("bank", files.bank, configuration.bank), ("ledger", files.ledger, configuration.ledger),
            ("bank_balances", files.bankBalances, configuration.bankBalances),
            ("ledger_balances", files.ledgerBalances, configuration.ledgerBalances)]
        for case let (side, found, source?) in sources where found.isEmpty {
            try missingInput(day.iso, side: side, source: source)
        }
        return files
    }

    /// The items still open after the previous date's current run (less those a decision closed
    /// before `date`), as values, with their files for people written into the run's folder.
    func carryOpenItems(into date: String, runId: Int64, directory dir: String) throws -> CarriedItems {
        guard let previous = try store.previousRun(before: date) else { return CarriedItems() }
        let carried = try CarriedItems.write(try store.openItems(ofRun: previous.id, carryingInto: date), into: dir)
        logger.info("open items carried", metadata: ["date": "\(date)", "run": "\(runId)", "bank_items": "\(carried.bank.count)",
                                                     "ledger_items": "\(carried.ledger.count)", "from_date": "\(previous.businessDate)",
                                                     "from_run": "\(previous.id)"])
        return carried
    }

    /// The run of a date as the pipeline takes it: its files and the carried ones, the line history,
    /// the digests an earlier run of the date read, the indicators' history.
    func request(for day: Day, runId: Int64, directory dir: String, files: DateFiles,
                 carried: CarriedItems) throws -> RunRequest {
        let date = day.iso
        var request = RunRequest(bankPaths: files.bank, ledgerPaths: files.ledger,
                                 outputDirectory: dir, asOf: day, configuration: configuration.match)
        request.bankFormat = configuration.bank.format
        request.ledgerFormat = configuration.ledger.format
        request.bankBalancePaths = files.bankBalances
        request.ledgerBalancePaths = files.ledgerBalances
        request.carried = carried
        request.bankLineHistory = try store.bankLineHistory(before: day, lookbackDays: configuration.duplicateLookbackDays)
        // Inputs an earlier run of this date read with other bytes are corrected files.
        let earlier = try store.currentRun(for: date).map { try store.inputs(ofRun: $0.id) } ?? []
        for input in earlier where !input.carried { request.earlierDigests[input.side + "|" + input.path] = input.sha256 }
        if let threads { request.configuration.threads = threads }
        request.collectOpenItems = true
        request.exports = configuration.exports
        request.progress = progress
        let logger = self.logger
        request.memoryCeilingTerminate = memoryCeilingTerminate
        request.memoryCeilingExceeded = { error in
            logger.error("\(error.description)", metadata: ["date": "\(date)", "run": "\(runId)"])
        }
        if let custody = configuration.match.custody {
            request.indicatorHistory = try store.indicatorHistory(before: date, limit: custody.historyRuns)
        }
        return request
    }

    /// The run's inputs as the store and the audit chain record them, balance files included; a
    /// corrected file is logged with the digest it replaces.
    func storedInputs(_ outcome: RunOutcome, carried: CarriedItems, date: String, runId: Int64) -> [StoredInput] {
        outcome.inputs.map { s in
            let isCarried = carried.paths.contains(s.path)
            var input = StoredInput(side: s.role, path: s.path, sha256: s.sha256, bytes: s.bytes, rows: s.rows, carried: isCarried)
            if !isCarried, let old = s.replacesSHA256 {
                input.replacesSHA256 = old
                logger.notice("corrected \(s.role) file", metadata: ["date": "\(date)", "run": "\(runId)", "path": "\(s.path)",
                                                                   "sha256_before": "\(old)", "sha256": "\(s.sha256)"])
            }
            return input
        }
    }

    /// The exports `[report]` asks for, written into the run's folder and recorded in the store.
    /// Removes the temporaries (`*.tmp-<pid>`) of stopped runs from `folder`, and says so.
    func sweep(_ folder: String, recursive: Bool) {
        let swept = Cleanup.sweep(folder, recursive: recursive)
        if !swept.isEmpty { logger.notice("temporary files of stopped runs removed", metadata: ["count": "\(swept.count)", "folder": "\(folder)"]) }
    }

    /// What can be checked before a date is matched: the masking key the exports need (created or
    /// read, and refused when others may read it) and that the output folder can be written.
    func preflight() throws {
        if !configuration.exports.formats.isEmpty && !configuration.exports.unmasked {
            _ = try MaskKey.load(path: configuration.exports.maskKeyPath ?? MaskKey.defaultPath)
        }
        let out = configuration.outputDirectory
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: out, reason: "\(error)")
        }
        guard access(out, W_OK) == 0 else { throw ReportError.cannotWrite(path: out, reason: String(cString: strerror(errno))) }
    }

    /// The exports `[report]` asks for, written into the run's folder before the run is recorded; the
    /// trend shows the store's runs and this one. Returns the files written, or nil without `[report]`.
    func writeExports(date: String, runId: Int64, directory dir: String, outcome: RunOutcome) throws -> [String]? {
        guard !configuration.exports.formats.isEmpty else { return nil }
        var trend = try store.breakTrend(upTo: date, limit: Self.trendRuns).filter { $0.date != date }.map {
            TrendPoint(date: $0.date, runId: $0.runId, severities: $0.severities)
        }
        var severities: [String: Int] = [:]
        for line in outcome.lines { severities[line.severity.name, default: 0] += 1 }
        trend.append(TrendPoint(date: date, runId: runId, severities: severities))
        trend.sort { ($0.date, $0.runId) < ($1.date, $1.runId) }
        return try RunExport.write(directory: dir, settings: configuration.exports, label: "run \(runId)", date: date,
                                   trend: Array(trend.suffix(Self.trendRuns)), lines: outcome.lines, summary: outcome.summary,
                                   custody: outcome.custody)
    }

    /// Runs the HTML report's trend shows.
    package static let trendRuns = 30

    /// The date's folder under the output directory: its runs' folders and its alerts.
    private func dateDirectory(_ date: String) -> String { configuration.outputDirectory + "/" + date }
}
