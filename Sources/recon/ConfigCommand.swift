import ArgumentParser
import Foundation
import ReconCore
import ReconStore
import ReconRun

/// `recon config check`: validates the nightly configuration and prints what a run would read.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with the nightly configuration.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the configuration and print the files a run of --date would read.")

        @Argument(help: "The configuration file (recon.toml).")
        var file: String

        @Option(name: .long, help: ArgumentHelp("Business date (default: yesterday).", valueName: "yyyy-mm-dd"))
        var date: String?

        func run() throws {
            do {
                let c = try NightlyConfiguration(path: file)
                guard let day = date.map({ Day(iso: $0) }) ?? yesterday() else {
                    throw ValidationError("--date is not a date yyyy-mm-dd")
                }
                print("configuration \(file): valid (SHA-256 \(c.hash))")
                print("store: \(c.storePath)")
                print("reports: \(c.outputDirectory)/\(day.iso)/run-<id>/")
                print("alert severity: \(c.match.alertSeverity.name); settlement window: \(c.match.settlementWindowDays) days")
                var missing = false
                let sources = [("bank", c.bank), ("ledger", c.ledger)]
                    + [("bank_balances", c.bankBalances), ("ledger_balances", c.ledgerBalances)].compactMap { side, source in source.map { (side, $0) } }
                for (side, source) in sources {
                    let files = try c.files(source, for: day)
                    print("\(side) files for \(day.iso) ('\(source.pattern)' in \(source.directory)\(source.format.map { ", format " + $0 } ?? "")):")
                    if files.isEmpty { print("  none: a run of \(day.iso) would stop with an alert"); missing = true }
                    for f in files { print("  " + f) }
                }
                if missing { throw ExitCode(ExitStatus.badInput) }
            } catch let e as ExitCode { throw e } catch let e as ValidationError { throw e } catch { throw ExitStatus.fail(error) }
        }
    }
}
