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

    @Option(name: .long, help: "Split settlements to add (a bank line paying 2 or 3 ledger records, no batch id); groups.csv lists them.")
    var groups = 0

    @Option(name: .long, help: "Accounts to spread the rows over (default: one per 2,000 ledger rows, at least 8); e.g. 2000000 for a custody platform's sub-accounts.")
    var accounts: Int?

    @Flag(name: .long, help: "Skew the rows: half go to a busy one in a thousand of the accounts, so most accounts see one or two movements.")
    var skew = false

    @Option(name: .customLong("bank-formats"), parsing: .singleValue,
            help: ArgumentHelp("Also write the bank file as: gzip (bank.csv.gz), cn-bank-fixed (bank.cn-fixed.txt), camt (bank.camt.xml), mt940 (bank.mt940.sta), bai2 (bank.bai2); comma-separated.", valueName: "LIST"))
    var bankFormats: [String] = []

    static let formats = ["gzip", "cn-bank-fixed", "camt", "mt940", "bai2"]

    func validate() throws {
        if rows < 1 { throw ValidationError("--rows must be at least 1") }
        if let accounts, accounts < 1 { throw ValidationError("--accounts must be at least 1") }
        for f in bankFormats.flatMap({ $0.split(separator: ",").map(String.init) }) where !Self.formats.contains(f) {
            throw ValidationError("--bank-formats: unknown format '\(f)' (one of \(Self.formats.joined(separator: ", ")))")
        }
    }

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var generator = SyntheticGenerator(ledgerRows: rows, seed: seed)
            generator.groups = groups
            generator.accounts = accounts
            generator.skewed = skew
            let counts = try generator.write(to: out)
            printError("recon gen: \(counts.bankRows) bank rows, \(counts.ledgerRows) ledger rows in \(out)")
            let bank = out + "/bank.csv"
            for f in bankFormats.flatMap({ $0.split(separator: ",").map(String.init) }) {
                switch f {
                case "gzip": try GzipFileWriter.compress(bank, to: bank + ".gz")
                case "cn-bank-fixed": try CNBankFixedWidthWriter().convert(csvPath: bank, to: out + "/bank.cn-fixed.txt")
                case "mt940": try MT940Writer.write(bankCSV: bank, to: out + "/bank.mt940.sta")
                case "bai2": try BAI2Writer.write(bankCSV: bank, to: out + "/bank.bai2")
                default: _ = try CamtWriter.write(bankCSV: bank, to: out + "/bank.camt.xml")
                }
            }
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
