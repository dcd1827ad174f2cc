import ArgumentParser
import Foundation
import ReconCore
import ReconMatch
import ReconReport

/// `recon run`: reconcile bank files against ledger files and write the reports.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Reconcile bank statement files (any supported format, plain or gzip) against ledger files.",
        discussion: "Writes DIR/breaks.csv and DIR/summary.json (and DIR/rejects.csv with --max-rejects)."
    )

    @Option(name: .long, help: ArgumentHelp("Bank statement file (canonical CSV); repeat for several.", valueName: "FILE"))
    var bank: [String] = []

    @Option(name: .long, help: ArgumentHelp("Ledger file (canonical CSV); repeat for several.", valueName: "FILE"))
    var ledger: [String] = []

    @Option(name: .long, help: ArgumentHelp("Output directory (created when missing).", valueName: "DIR"))
    var out: String

    @Option(name: .customLong("bank-format"), help: ArgumentHelp("Format spec of the bank files, by name (formats/NAME.toml) or path; default: detected per file.", valueName: "NAME|PATH"))
    var bankFormat: String?

    @Option(name: .customLong("ledger-format"), help: ArgumentHelp("Format spec of the ledger files; default: canonical-ledger.", valueName: "NAME|PATH"))
    var ledgerFormat: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Business date yyyy-mm-dd the run is as of (default: latest bank booking date).", valueName: "DATE"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Run configuration (TOML): passes, windows, tolerances, severities.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("max-rejects"), help: "Malformed rows allowed before the run stops; they go to DIR/rejects.csv.")
    var maxRejects: Int = 0

    @Option(name: .long, help: "Worker threads for matching (default: one per core).")
    var threads: Int?

    @Flag(name: .long, help: "Print phase timings to standard error.")
    var verbose = false

    func validate() throws {
        if bank.isEmpty { throw ValidationError("at least one --bank FILE is required") }
        if ledger.isEmpty { throw ValidationError("at least one --ledger FILE is required") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date yyyy-mm-dd") }
        if maxRejects < 0 { throw ValidationError("--max-rejects must be 0 or more") }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    func run() throws {
        do {
            var configuration = MatchConfiguration()
            if let config {
                let text: String
                do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
                    throw ConfigurationError.unreadable(path: config, reason: "\(error.localizedDescription)")
                }
                configuration = try MatchConfiguration(toml: text, path: config)
            }
            if let threads { configuration.threads = threads }
            let request = RunRequest(bankPaths: bank, ledgerPaths: ledger, outputDirectory: out,
                                     asOf: asOf.flatMap { Day(iso: $0) }, configuration: configuration,
                                     maxRejects: maxRejects, bankFormat: bankFormat, ledgerFormat: ledgerFormat)
            var traced = request
            traced.trace = ProcessInfo.processInfo.environment["RECON_TRACE"] == "1"
            let outcome = try RunPipeline.run(traced)
            let t = outcome.totals
            printError("recon: as of \(outcome.asOf): \(outcome.bankRows) bank rows, \(outcome.ledgerRows) ledger rows, "
                + "\(t.bank.rowsRejected + t.ledger.rowsRejected) rejected; \(outcome.breakCount) breaks, "
                + "\(t.alerts) at or above \(configuration.alertSeverity.name)")
            if verbose {
                printError(String(format: "recon: timing read+parse %.3fs match %.3fs write %.3fs",
                                  outcome.readSeconds, outcome.matchSeconds, outcome.writeSeconds))
            }
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
