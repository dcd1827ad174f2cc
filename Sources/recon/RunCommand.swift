import ArgumentParser
import Foundation
import ReconCore
import ReconMatch
import ReconReport
import ReconRun
import ReconStore
import Logging

/// `recon run`: reconcile bank files against ledger files and write the reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Reconcile bank statement files (any supported format, plain or gzip) against ledger files.",
        discussion: """
            With --bank and --ledger: reconciles those files and writes DIR/breaks.csv and DIR/summary.json \
            (and DIR/rejects.csv with --max-rejects).
            With --config and no files: the nightly job. Reconciles --date (default: yesterday), or every \
            date from --from to --to in order, reading the files the configuration names for each date, \
            carrying open items from night to night in the run store and writing reports to \
            OUTPUT/<date>/run-<id>/. Exit code 3 when another run holds an overlapping date range.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Bank statement file (canonical CSV); repeat for several.", valueName: "FILE"))
    var bank: [String] = []

    @Option(name: .long, help: ArgumentHelp("Ledger file (canonical CSV); repeat for several.", valueName: "FILE"))
    var ledger: [String] = []

    @Option(name: .long, help: ArgumentHelp("Output directory (created when missing).", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Nightly job: the business date to reconcile (default: yesterday).", valueName: "yyyy-mm-dd"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Nightly job: first business date of a range to re-run in order.", valueName: "yyyy-mm-dd"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Nightly job: last business date of the range.", valueName: "yyyy-mm-dd"))
    var to: String?

    @Option(name: .customLong("bank-format"), help: ArgumentHelp("Format spec of the bank files, by name (formats/NAME.toml) or path; default: detected per file.", valueName: "NAME|PATH"))
    var bankFormat: String?

    @Option(name: .customLong("ledger-format"), help: ArgumentHelp("Format spec of the ledger files; default: canonical-ledger.", valueName: "NAME|PATH"))
    var ledgerFormat: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Business date yyyy-mm-dd the run is as of (default: latest bank booking date).", valueName: "DATE"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Run configuration (TOML or YAML): passes, windows, tolerances, severities.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("bank-balances"), help: ArgumentHelp("Bank closing balances (account,date,currency,balance) for the custody checks; repeat for several.", valueName: "FILE"))
    var bankBalances: [String] = []

    @Option(name: .customLong("ledger-balances"), help: ArgumentHelp("The platform's customer balances per sub-account (account,date,currency,balance) for the custody checks.", valueName: "FILE"))
    var ledgerBalances: [String] = []

    @Option(name: .long, help: ArgumentHelp("Exchange rates (date,from,to,rate) for matching across currencies (the FX pass; [fx] in the configuration).", valueName: "FILE"))
    var rates: String?

    @Option(name: .customLong("max-rejects"), help: "Malformed rows allowed before the run stops; they go to DIR/rejects.csv.")
    var maxRejects: Int = 0

    @Option(name: .long, help: "Worker threads for matching (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Most memory the run may hold while reading and matching, such as 8GiB ([limits] max_memory); past it the run stops with exit code 2.", valueName: "SIZE"))
    var maxMemory: String?

    @Flag(name: .long, help: "The nightly job: do not re-run the later dates that have a current run after re-running --date or --from/--to (they are reported stale instead).")
    var noCascade = false

    @Flag(name: .long, help: "Print phase timings to standard error.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Progress display: auto (a bar when standard error is a terminal, else log lines), bar, log or off.", valueName: "MODE"))
    var progress: ProgressReporter.Mode = .auto

    @Option(name: .customLong("progress-every"), help: ArgumentHelp("Seconds between progress log lines when not on a terminal.", valueName: "SECONDS"))
    var progressEvery: Double = 30

    @OptionGroup(title: "Exports")
    var exports: ExportOptions

    /// The nightly job: a configuration and no files named on the command line.
    var isNightly: Bool { config != nil && bank.isEmpty && ledger.isEmpty }

    func validate() throws {
        if let maxMemory, ByteSize.parse(maxMemory) == nil {
            throw ValidationError("--max-memory '\(maxMemory)' is not a size such as 8GiB, 512MiB or a number of bytes")
        }
        if isNightly {
            for (name, value) in [("--date", date), ("--from", from), ("--to", to)] {
                if let value, Day(iso: value) == nil { throw ValidationError("\(name) '\(value)' is not a date yyyy-mm-dd") }
            }
            if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
            if date != nil && from != nil { throw ValidationError("give --date or --from/--to, not both") }
            if let from, let to, let a = Day(iso: from), let b = Day(iso: to), a > b { throw ValidationError("--from is after --to") }
            if out != nil || asOf != nil { throw ValidationError("the nightly job takes its output directory and dates from the configuration and --date") }
            if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
            return
        }
        if date != nil || from != nil || to != nil { throw ValidationError("--date, --from and --to need --config without --bank/--ledger (the nightly job)") }
        if bank.isEmpty { throw ValidationError("at least one --bank FILE is required") }
        if ledger.isEmpty { throw ValidationError("at least one --ledger FILE is required") }
        if out == nil { throw ValidationError("--out DIR is required") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date yyyy-mm-dd") }
        if maxRejects < 0 { throw ValidationError("--max-rejects must be 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    func run() throws {
        if isNightly { return try runNightly() }
        do {
            var configuration = MatchConfiguration()
            if let config {
                configuration = try MatchConfiguration(contentsOf: config, ignoring: NightlyConfiguration.sourceKeys)
            }
            if let threads { configuration.threads = threads }
            if let bytes = maxMemory.flatMap(ByteSize.parse) { configuration.limits.memory = MemoryCeiling(bytes: bytes) }
            if let rates {
                var fx = configuration.fx ?? FXConfiguration()
                fx.ratesPath = rates
                configuration.fx = fx
            }
            let request = RunRequest(bankPaths: bank, ledgerPaths: ledger, outputDirectory: out!,
                                     asOf: asOf.flatMap { Day(iso: $0) }, configuration: configuration,
                                     maxRejects: maxRejects, bankFormat: bankFormat, ledgerFormat: ledgerFormat)
            var traced = request
            traced.bankBalancePaths = bankBalances
            traced.ledgerBalancePaths = ledgerBalances
            traced.exports = exports.settings()
            // The masking key is checked (created, or refused when others may read it) before anything is read.
            if !traced.exports.formats.isEmpty && !traced.exports.unmasked {
                _ = try MaskKey.load(path: traced.exports.maskKeyPath ?? MaskKey.defaultPath)
            }
            _ = Cleanup.sweep(out!, recursive: false)
            traced.trace = ProcessInfo.processInfo.environment["RECON_TRACE"] == "1"
            let reporter = ProgressReporter(mode: progress, interval: progressEvery)
            traced.progress = reporter.progress
            traced.memoryCeilingExceeded = { ReconLog.logger.error("\($0.description)") }
            traced.memoryCeilingTerminate = Self.endOnMemoryCeiling
            let outcome: RunOutcome
            do {
                defer { reporter.stop() }
                outcome = try RunPipeline.run(traced)
            }
            let written = try RunExport.write(directory: out!, settings: traced.exports, label: out!, lines: outcome.lines,
                                           summary: outcome.summary, custody: outcome.custody)
            let t = outcome.totals
            for alert in outcome.custodyAlerts { alert.log(to: ReconLog.logger) }
            var metadata: Logger.Metadata = [
                "as_of": "\(outcome.asOf)", "bank_rows": "\(outcome.bankRows)", "ledger_rows": "\(outcome.ledgerRows)",
                "rejected": "\(t.bank.rowsRejected + t.ledger.rowsRejected)", "breaks": "\(outcome.breakCount)",
                "alerts": "\(t.alerts)", "alert_severity": "\(configuration.alertSeverity.name)", "reports": "\(out!)",
                "exit_code": "\(outcome.exitCode)"]
            if !written.isEmpty {
                metadata["exports"] = "\(written.joined(separator: ","))"
                metadata["masked"] = "\(!traced.exports.unmasked)"
            }
            ReconLog.logger.info("run completed", metadata: metadata)
            if verbose {
                ReconLog.logger.info("\(String(format: "timing read+parse %.3fs match %.3fs write %.3fs cpu read+parse %.3fs match %.3fs write %.3fs", outcome.readSeconds, outcome.matchSeconds, outcome.writeSeconds, outcome.cpuSeconds.read, outcome.cpuSeconds.match, outcome.cpuSeconds.write))")
            }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    func runNightly() throws {
        do {
            var configuration = try NightlyConfiguration(path: config!)
            configuration.exports = exports.settings(over: configuration.exports)
            if let bytes = maxMemory.flatMap(ByteSize.parse) { configuration.match.limits.memory = MemoryCeiling(bytes: bytes) }
            let dates: [Day]
            if let from, let to, let a = Day(iso: from), let b = Day(iso: to) {
                dates = (0...Int(b.rawValue - a.rawValue)).map { a.adding(days: $0) }
            } else if let date, let d = Day(iso: date) {
                dates = [d]
            } else {
                dates = [yesterday()]
            }
            let store = try RunStore(path: configuration.storePath)
            let reporter = ProgressReporter(mode: progress, interval: progressEvery)
            defer { reporter.stop() }
            var runner = NightlyRunner(configuration: configuration, store: store, threads: threads,
                                       logger: ReconLog.logger, progress: reporter.progress)
            runner.cascade = !noCascade
            runner.memoryCeilingTerminate = Self.endOnMemoryCeiling
            let code = try runner.run(dates: dates)
            if code != 0 { throw ExitCode(code) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    /// Past the memory ceiling while matching: the passes cannot stop part-way, so the process ends
    /// at once with exit code 2 (nothing has been written; a stale lock is taken over next time).
    static let endOnMemoryCeiling: @Sendable () -> Void = { _exit(ExitStatus.badInput) }
}
