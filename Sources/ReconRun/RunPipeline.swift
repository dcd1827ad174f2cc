import ReconReport
import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Reads the inputs, matches, and writes `breaks.csv`, `summary.json` and (with rejects)
/// `rejects.csv` into the output directory. Nothing is written before every input has been read, and
/// each report is renamed into place only when complete.
package enum RunPipeline {
    /// One run, in named steps: read the inputs, match, decide the exit code, write the reports.
    package static func run(_ request: RunRequest) throws -> RunOutcome {
        var request = request
        try loadRates(&request)
        let clock = ContinuousClock()
        let t0 = clock.now, c0 = Trace.cpuSeconds()
        var read = try readInputs(request)
        let t1 = clock.now, c1 = Trace.cpuSeconds()
        request.progress?.enter(.matching)
        let result = try match(read.inputs, request)
        let t2 = clock.now, c2 = Trace.cpuSeconds()
        request.progress?.enter(.writing)
        read.bankFiles = corrected(read.bankFiles, request)
        read.ledgerFiles = corrected(read.ledgerFiles, request)
        read.balanceFiles = corrected(read.balanceFiles, request)
        var context = ReportContext(inputs: read.inputs, result: result, bankFiles: read.bankFiles, ledgerFiles: read.ledgerFiles)
        context.balanceFiles = read.balanceFiles
        let trace = Trace(enabled: request.trace)
        let totals = RunTotals(context, rejects: read.rejects, threads: read.workers)
        trace.mark("totals")
        let indicators = RunIndicators(context, totals: totals)
        let alerts = custodyAlerts(result, indicators, request)
        context.alerts = alerts
        context.indicators = indicators
        context.exports = request.exports
        let exitCode = decideExit(totals, alerts, request)
        let (lines, summary, custody) = try writeReports(context, totals: totals, rejects: read.rejects, exitCode: exitCode, request: request,
                                     workers: read.workers, trace: trace)
        let t3 = clock.now, c3 = Trace.cpuSeconds()
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        var outcome = RunOutcome(exitCode: exitCode, totals: totals, breakCount: result.breaks.count, bankRows: read.inputs.bank.count,
                                 ledgerRows: read.inputs.ledger.count, asOf: read.inputs.asOf, readSeconds: seconds(t1 - t0),
                                 matchSeconds: seconds(t2 - t1), writeSeconds: seconds(t3 - t2),
                                 inputs: read.bankFiles + read.ledgerFiles + read.balanceFiles, lines: lines,
                                 summary: summary, custody: custody)
        if request.collectOpenItems {
            outcome.openItems = OpenItemCollector.collect(context)
            outcome.bankLineKeys = LineHistoryStep.reconciledKeys(context)
        }
        outcome.cpuSeconds = (read: c1 - c0, match: c2 - c1, write: c3 - c2)
        outcome.custodyAlerts = alerts
        outcome.indicators = indicators
        request.progress?.enter(.done)
        return outcome
    }

    /// The FX pass's rates are read before anything else: a bad rates file stops the run at once.
    static func loadRates(_ request: inout RunRequest) throws {
        guard var fx = request.configuration.fx, fx.rates.isEmpty else { return }
        guard let path = fx.ratesPath else {
            throw ConfigurationError.invalidValue(path: "[fx]", key: "fx.rates", expected: "a rates file (date,from,to,rate), or --rates FILE")
        }
        fx.rates = try RateFileReader.read(path: path)
        request.configuration.fx = fx
    }

    /// Empty tables storing only the columns the passes and the report read: no counterparties, bank
    /// value dates or line numbers (rejects carry their own), which would be a fifth of the tables'
    /// memory, unless a pass or the nightly job's carry-forward reads them.
    static func emptyTables(for request: RunRequest) -> (BankTable, LedgerTable) {
        let configuration = request.configuration
        // Open items carried to the next night keep their counterparty and value date.
        let stores: StoredColumns = request.collectOpenItems ? [.counterparty, .valueDate] : .matching
        var bank = BankTable(), ledger = LedgerTable()
        // The custody checks read the bank's counterparties (money paid to a platform or listed account).
        bank.stores = configuration.custody == nil ? stores : stores.union(.counterparty)
        // Fee schedules by counterparty read the ledger's counterparties.
        let feesByCounterparty = configuration.tolerance?.fees.contains { !$0.counterparties.isEmpty } ?? false
        let scoring = configuration.scoring != nil
        ledger.stores = feesByCounterparty || scoring ? stores.union(.counterparty) : stores
        // The scored pass reads the bank's counterparties and descriptions; the group pass weighs
        // names and references on both sides as evidence.
        if scoring { bank.stores.formUnion([.counterparty, .description]) }
        if configuration.groups != nil {
            bank.stores.formUnion([.counterparty, .description])
            ledger.stores.formUnion(.counterparty)
        }
        return (bank, ledger)
    }

    /// Reads every input: bank files, ledger files and balance files, into the matcher's inputs.
    static func readInputs(_ request: RunRequest) throws -> ReadInputs {
        var (bank, ledger) = emptyTables(for: request)
        var catalog = Catalog()
        var rejects = RejectLog(limit: request.maxRejects)
        if let progress = request.progress {
            let sizes = (request.bankPaths + request.ledgerPaths).map {
                ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int) ?? 0
            }
            progress.begin(totalBytes: sizes.reduce(0, +))
        }
        let registry = try FormatRegistry()
        let workers = request.configuration.threads ?? SystemInfo.processorCount
        let trace = Trace(enabled: request.trace)
        let bankRead = try readBank(request, registry: registry, workers: workers, into: &bank, catalog: &catalog, rejects: &rejects, trace: trace)
        let ledgerFiles = try readLedger(request, registry: registry, workers: workers, into: &ledger, catalog: &catalog, rejects: &rejects,
                                         trace: trace)
        for fs in bankRead.statements {
            _ = catalog.accounts.intern(fs.statement.account)
            _ = catalog.currency(fs.statement.currency)
        }
        let balances = try BalanceInputs.read(bank: request.bankBalancePaths, ledger: request.ledgerBalancePaths)
        for e in balances.bank + balances.ledger {
            _ = catalog.accounts.intern(e.account)
            _ = catalog.currency(e.currency)
        }
        for rule in request.configuration.custody?.accounts ?? [] {
            if let custodyAccount = rule.custodyAccount { _ = catalog.accounts.intern(custodyAccount) }
        }
        var inputs = MatchInputs(bank: bank, ledger: ledger, catalog: catalog, configuration: request.configuration,
                                 asOf: request.asOf, statements: bankRead.statements, bankBalances: balances.bank,
                                 ledgerBalances: balances.ledger)
        inputs.bankNotes = bankRead.notes
        if request.collectOpenItems {
            inputs.carriedBankStart = bankRead.carriedStart ?? inputs.bank.count
            LineHistoryStep.markResent(&inputs, history: request.bankLineHistory)
        }
        return ReadInputs(inputs: inputs, bankFiles: bankRead.files, ledgerFiles: ledgerFiles, balanceFiles: balances.files,
                          rejects: rejects, workers: workers)
    }

    /// Reads the bank files in order, each with its spec (given, or detected from its first bytes).
    static func readBank(_ request: RunRequest, registry: FormatRegistry, workers: Int, into bank: inout BankTable,
                         catalog: inout Catalog, rejects: inout RejectLog, trace: Trace)
        throws -> (files: [InputSummary], statements: [FileStatement], notes: [Int32: String], carriedStart: Int?) {
        let loader = BankFileLoader(registry: registry, limits: request.configuration.limits)
        let bankSpec = try request.bankFormat.map { try registry.spec($0) }
        var files: [InputSummary] = [], statements: [FileStatement] = [], notes: [Int32: String] = [:]
        for (i, path) in request.bankPaths.enumerated() {
            let spec = bankSpec
            let loaded = try loader.load(path: path, spec: spec, fileIndex: i, into: &bank,
                                         catalog: &catalog, rejects: &rejects, workers: workers, progress: request.progress)
            statements += loaded.result.statements.map { FileStatement(file: i, statement: $0) }
            for (row, note) in loaded.result.notes { notes[Int32(row)] = note }
            files.append(InputSummary(side: .bank, path: path, sha256: loaded.input.sha256(),
                                      bytes: loaded.input.storedBytes, rows: loaded.result.rows,
                                      rejected: loaded.result.rejected, format: loaded.spec.name,
                                      compressed: loaded.input.compressed))
            trace.mark("read bank \(path)")
        }
        // Carried lines come after tonight's, as rows of the carried file (its lines from 2 on).
        let carriedStart = bank.count
        for (k, line) in request.carried.bank.enumerated() {
            bank.append(line, file: request.bankPaths.count, line: k + 2, catalog: &catalog)
        }
        if let file = request.carried.bankFile { files.append(file) }
        return (files, statements, notes, request.carried.bank.isEmpty ? nil : carriedStart)
    }

    /// Reads the ledger files in order, canonical or by the ledger spec the request names; then the
    /// records carried from earlier nights.
    static func readLedger(_ request: RunRequest, registry: FormatRegistry, workers: Int, into ledger: inout LedgerTable,
                           catalog: inout Catalog, rejects: inout RejectLog, trace: Trace) throws -> [InputSummary] {
        let ledgerSpec = try request.ledgerFormat.map { try registry.spec($0) }
        if let spec = ledgerSpec, spec.side != .ledger {
            throw FormatSpecError.invalidValue(path: spec.path, key: "side", expected: "ledger (a ledger format: canonical-ledger or a delimited ledger spec)")
        }
        var files: [InputSummary] = []
        for (i, path) in request.ledgerPaths.enumerated() {
            let input = try OpenedInput(path: path, limits: request.configuration.limits)
            input.progress = request.progress
            var source = input
            let counts: (rows: Int, rejected: Int)
            var format = "canonical-ledger"
            if let mapped = ledgerSpec?.ledgerReader {
                counts = try mapped.read(source: &source, path: path, fileIndex: i, into: &ledger, catalog: &catalog, rejects: &rejects)
                format = mapped.header.name
            } else {
                var reader = CanonicalLedgerReader()
                reader.workers = workers
                counts = try reader.read(source: &source, path: path, fileIndex: i, into: &ledger, catalog: &catalog, rejects: &rejects)
            }
            files.append(InputSummary(side: .ledger, path: path, sha256: input.sha256(), bytes: input.storedBytes,
                                      rows: counts.rows, rejected: counts.rejected, format: format, compressed: input.compressed))
            request.progress?.fileDone(bytes: input.storedBytes, rows: counts.rows)
            trace.mark("read ledger \(path)")
        }
        for (k, record) in request.carried.ledger.enumerated() {
            ledger.append(record, file: request.ledgerPaths.count, line: k + 2, catalog: &catalog)
        }
        if let file = request.carried.ledgerFile { files.append(file) }
        return files
    }

    /// Matches, under the memory ceiling when one is set: checked ahead by estimate, then watched.
    static func match(_ inputs: MatchInputs, _ request: RunRequest) throws -> MatchResult {
        let limits = request.configuration.limits
        var watch: MemoryWatch?
        if let ceiling = limits.memory {
            let rows = inputs.bank.count + inputs.ledger.count
            try ceiling.checkAhead(rows * limits.matchingBytesPerRow,
                                   "before matching \(rows) rows (estimated at \(limits.matchingBytesPerRow) bytes a row)")
            watch = MemoryWatch(ceiling: ceiling, phase: "while matching \(rows) rows", exceeded: request.memoryCeilingExceeded,
                                terminate: request.memoryCeilingTerminate)
        }
        let matchTrace = Trace(enabled: request.trace)
        let result = Matcher(configuration: request.configuration).match(inputs) { matchTrace.mark($0) }
        watch?.stop()
        return result
    }

    /// Inputs an earlier run of the date read with other bytes: corrected files, with the digest replaced.
    static func corrected(_ files: [InputSummary], _ request: RunRequest) -> [InputSummary] {
        files.map { f in
            var f = f
            if let old = request.earlierDigests[f.role + "|" + f.path], old != f.sha256 { f.replacesSHA256 = old }
            return f
        }
    }

    /// The custody checks' alerts, and the indicators' (limits and sharp moves against the history).
    static func custodyAlerts(_ result: MatchResult, _ indicators: RunIndicators, _ request: RunRequest) -> [CustodyAlert] {
        var alerts = result.custody?.alerts ?? []
        if let custody = request.configuration.custody {
            alerts += indicators.alerts(limits: custody.indicatorLimits, history: request.indicatorHistory,
                                        deviations: custody.sharpMoveDeviations)
        }
        return alerts
    }

    /// 1 when a break or an alert is at or above the alert severity, else 0.
    static func decideExit(_ totals: RunTotals, _ alerts: [CustodyAlert], _ request: RunRequest) -> Int32 {
        let alertSeverity = request.configuration.alertSeverity
        return totals.alerts > 0 || alerts.contains { $0.severity >= alertSeverity } ? 1 : 0
    }

    /// Writes the reports into the output folder, each renamed into place only when complete; returns
    /// the break lines `breaks.csv` holds, the bytes of `summary.json` and the custody statement.
    static func writeReports(_ context: ReportContext, totals: RunTotals, rejects: RejectLog, exitCode: Int32,
                             request: RunRequest, workers: Int, trace: Trace) throws
        -> (BreakLines, Data, [CustodyStatementLine]?) {
        do {
            try FileManager.default.createDirectory(atPath: request.outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: request.outputDirectory, reason: "\(error)")
        }
        let dir = request.outputDirectory
        let lines = try BreakReportWriter.write(context, to: dir + "/breaks.csv", threads: workers, trace: trace)
        if request.maxRejects > 0 || rejects.count > 0 {
            try RejectsWriter.write(rejects, to: dir + "/rejects.csv")
        }
        if request.configuration.scoring != nil || request.configuration.groups != nil {
            try SuggestionsWriter.write(context, to: dir + "/suggestions.csv")
        }
        var custody: [CustodyStatementLine]?
        if context.result.custody != nil {
            custody = try CustodyReportWriter.writeStatement(context, to: dir + "/custody.csv")
            try CustodyReportWriter.writeAlerts(context, to: dir + "/alerts.json")
        }
        let summary = try SummaryWriter.write(context, totals: totals, exitCode: exitCode, to: dir + "/summary.json")
        trace.mark("summary")
        return (lines, summary, custody)
    }
}
