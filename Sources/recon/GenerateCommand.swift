import ArgumentParser
import Foundation
import ReconFormats

/// `recon gen`: synthetic bank and ledger files with known outcomes, for tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Write synthetic canonical bank.csv, ledger.csv and expected.csv (the outcome of every row)."
    )

    @Option(name: .long, help: "Number of ledger rows (about as many bank lines are written).")
    var rows: Int

    @Option(name: .long, help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Output directory (created when missing).", valueName: "DIR"))
    var out: String

    func validate() throws {
        if rows < 1 { throw ValidationError("--rows must be at least 1") }
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let counts = try SyntheticGenerator(ledgerRows: rows, seed: seed).write(to: out)
            printError("recon gen: \(counts.bankRows) bank rows, \(counts.ledgerRows) ledger rows in \(out)")
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
