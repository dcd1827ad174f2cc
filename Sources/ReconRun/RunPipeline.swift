import ReconStore
import ReconReport
import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Reads the inputs, matches, and writes `breaks.csv`, `summary.json` and (with rejects)
/// `rejects.csv` into the output directory. Nothing is written before every input has been read, and
/// each report is renamed into place only when complete.
public enum RunPipeline {
    public static func run(_ request: RunRequest) throws -> RunOutcome {
        var request = request
        // The FX pass's rates are read before anything else: a bad rates file stops the run at once.
        if var fx = request.configuration.fx, fx.rates.isEmpty {
            guard let path = fx.ratesPath else {
                throw ConfigurationError.invalidValue(path: "[fx]", key: "fx.rates", expected: "a rates file (date,from,to,rate), or --rates FILE")
            }
            fx.rates = try RateFileReader.read(path: path)
            request.configuration.fx = fx
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        var catalog = Catalog()
        // Only the columns the passes and the report read: no counterparties, bank value dates or
        // line numbers (rejects carry their own), which would be a fifth of the tables' memory. Open
        // items carried to the next night keep their counterparty and value date.
        let stores: StoredColumns = request.collectOpenItems ? [.counterparty, .valueDate] : .matching
        var bank = BankTable()
        // The custody checks read the bank's counterparties (money paid to a platform or listed account).
        bank.stores = request.configuration.custody == nil ? stores : stores.union(.counterparty)
        var ledger = LedgerTable()
        // Fee schedules by counterparty read the ledger's counterparties.
        let feesByCounterparty = request.configuration.tolerance?.fees.contains { !$0.counterparties.isEmpty } ?? false
        let scoring = request.configuration.scoring != nil
        ledger.stores = feesByCounterparty || scoring ? stores.union(.counterparty) : stores
        // The scored pass reads the bank's counterparties and descriptions; the group pass weighs
        // names and references on both sides as evidence.
        if scoring { bank.stores.formUnion([.counterparty, .description]) }
        if request.configuration.groups != nil {
            bank.stores.formUnion([.counterparty, .description])
            ledger.stores.formUnion(.counterparty)
        }
        var rejects = RejectLog(limit: request.maxRejects)
        var bankFiles: [InputSummary] = []
        var ledgerFiles: [InputSummary] = []
        var statements: [FileStatement] = []
        var bankNotes: [Int32: String] = [:]
        let readTrace = Trace(enabled: request.trace)
        let progress = request.progress
        if let progress {
            let sizes = (request.bankPaths + request.ledgerPaths).map {
                ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int) ?? 0
            }
            progress.begin(totalBytes: sizes.reduce(0, +))
        }
        let registry = try FormatRegistry()
        let limits = request.configuration.limits
        let loader = BankFileLoader(registry: registry, limits: limits)
        let workers = request.configuration.threads ?? SystemInfo.processorCount
        let bankSpec = try request.bankFormat.map { try registry.spec($0) }
        var carriedBankStart: Int?
        for (i, path) in request.bankPaths.enumerated() {
            if request.carriedBankPaths.contains(path) && carriedBankStart == nil { carriedBankStart = bank.count }
            let spec = try request.bankFormatByPath[path].map { try registry.spec($0) } ?? bankSpec
            let loaded = try loader.load(path: path, spec: spec, fileIndex: i, into: &bank,
                                         catalog: &catalog, rejects: &rejects, workers: workers, progress: progress)
            statements += loaded.result.statements.map { FileStatement(file: i, statement: $0) }
            for (row, note) in loaded.result.notes { bankNotes[Int32(row)] = note }
            bankFiles.append(InputSummary(side: .bank, path: path, sha256: loaded.input.sha256(),
                                          bytes: loaded.input.storedBytes, rows: loaded.result.rows,
                                          rejected: loaded.result.rejected, format: loaded.spec.name,
                                          compressed: loaded.input.compressed))
            readTrace.mark("read bank \(path)")
        }
        let ledgerSpec = try request.ledgerFormat.map { try registry.spec($0) }
        if let spec = ledgerSpec, spec.side != .ledger {
            throw FormatSpecError.invalidValue(path: spec.path, key: "side", expected: "ledger (a ledger format: canonical-ledger or a delimited ledger spec)")
        }
        for (i, path) in request.ledgerPaths.enumerated() {
            let input = try OpenedInput(path: path, limits: limits)
            input.progress = progress
            var source = input
            let counts: (rows: Int, rejected: Int)
            var format = "canonical-ledger"
            // Items the nightly job carried are in the canonical layout whatever the platform's export.
            if let mapped = ledgerSpec?.ledgerReader, !request.carriedLedgerPaths.contains(path) {
                counts = try mapped.read(source: &source, path: path, fileIndex: i, into: &ledger, catalog: &catalog, rejects: &rejects)
                format = mapped.header.name
            } else {
                var reader = CanonicalLedgerReader()
                reader.workers = workers
                counts = try reader.read(source: &source, path: path, fileIndex: i, into: &ledger, catalog: &catalog, rejects: &rejects)
            }
            ledgerFiles.append(InputSummary(side: .ledger, path: path, sha256: input.sha256(), bytes: input.storedBytes,
                                            rows: counts.rows, rejected: counts.rejected, format: format,
                                            compressed: input.compressed))
            progress?.fileDone(bytes: input.storedBytes, rows: counts.rows)
            readTrace.mark("read ledger \(path)")
        }
        for fs in statements {
            _ = catalog.accounts.intern(fs.statement.account)
            _ = catalog.currency(fs.statement.currency)
        }
        let balances = try BalanceInputs.read(bank: request.bankBalancePaths, ledger: request.ledgerBalancePaths)
        let bankBalances = balances.bank, ledgerBalances = balances.ledger, balanceFiles = balances.files
        for e in bankBalances + ledgerBalances {
            _ = catalog.accounts.intern(e.account)
            _ = catalog.currency(e.currency)
        }
        for rule in request.configuration.custody?.accounts ?? [] {
            if let custodyAccount = rule.custodyAccount { _ = catalog.accounts.intern(custodyAccount) }
        }
        let t1 = clock.now
        var inputs = MatchInputs(bank: bank, ledger: ledger, catalog: catalog, configuration: request.configuration,
                                 asOf: request.asOf, statements: statements, bankBalances: bankBalances,
                                 ledgerBalances: ledgerBalances)
        inputs.bankNotes = bankNotes
        if request.collectOpenItems {
            inputs.carriedBankStart = carriedBankStart ?? inputs.bank.count
            LineHistoryStep.markResent(&inputs, history: request.bankLineHistory)
        }
        bank = BankTable()
        ledger = LedgerTable()
        progress?.enter(.matching)
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
        let t2 = clock.now
        progress?.enter(.writing)
        func corrected(_ files: [InputSummary]) -> [InputSummary] {
            files.map { f in
                var f = f
                if let old = request.earlierDigests[f.role + "|" + f.path], old != f.sha256 { f.replacesSHA256 = old }
                return f
            }
        }
        bankFiles = corrected(bankFiles)
        ledgerFiles = corrected(ledgerFiles)
        var context = ReportContext(inputs: inputs, result: result, bankFiles: bankFiles, ledgerFiles: ledgerFiles)
        context.balanceFiles = corrected(balanceFiles)
        let trace = Trace(enabled: request.trace)
        let totals = RunTotals(context, rejects: rejects, threads: workers)
        trace.mark("totals")
        let indicators = RunIndicators(context, totals: totals)
        var custodyAlerts = result.custody?.alerts ?? []
        if let custody = request.configuration.custody {
            custodyAlerts += indicators.alerts(limits: custody.indicatorLimits, history: request.indicatorHistory,
                                               deviations: custody.sharpMoveDeviations)
        }
        context.alerts = custodyAlerts
        context.indicators = indicators
        context.exports = request.exports
        let alertSeverity = request.configuration.alertSeverity
        let exitCode: Int32 = totals.alerts > 0 || custodyAlerts.contains { $0.severity >= alertSeverity } ? 1 : 0
        do {
            try FileManager.default.createDirectory(atPath: request.outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: request.outputDirectory, reason: "\(error)")
        }
        let dir = request.outputDirectory
        try BreakReportWriter.write(context, to: dir + "/breaks.csv", threads: workers, trace: trace)
        if request.maxRejects > 0 || rejects.count > 0 {
            try RejectsWriter.write(rejects, to: dir + "/rejects.csv")
        }
        if request.configuration.scoring != nil || request.configuration.groups != nil {
            try SuggestionsWriter.write(context, to: dir + "/suggestions.csv")
        }
        if result.custody != nil {
            try CustodyReportWriter.writeStatement(context, to: dir + "/custody.csv")
            try CustodyReportWriter.writeAlerts(context, to: dir + "/alerts.json")
        }
        try SummaryWriter.write(context, totals: totals, exitCode: exitCode, to: dir + "/summary.json")
        trace.mark("summary")
        let t3 = clock.now
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        var outcome = RunOutcome(exitCode: exitCode, totals: totals, breakCount: result.breaks.count, bankRows: inputs.bank.count,
                                 ledgerRows: inputs.ledger.count, asOf: inputs.asOf, readSeconds: seconds(t1 - t0),
                                 matchSeconds: seconds(t2 - t1), writeSeconds: seconds(t3 - t2),
                                 inputs: bankFiles + ledgerFiles + context.balanceFiles)
        if request.collectOpenItems {
            outcome.openItems = OpenItemCollector.collect(context)
            outcome.bankLineKeys = LineHistoryStep.reconciledKeys(context)
        }
        outcome.custodyAlerts = custodyAlerts
        outcome.indicators = indicators
        progress?.enter(.done)
        return outcome
    }
}
