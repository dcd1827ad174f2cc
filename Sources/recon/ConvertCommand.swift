import ArgumentParser
import Foundation
import ReconCore
import ReconFormats
import ReconReport
import ReconRun

/// `recon convert FILE --to canonical-csv`: any readable bank file in the canonical layout.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a bank file in the canonical bank CSV layout, one row per booked movement."
    )

    @Argument(help: "The bank file (plain or gzip).")
    var file: String

    @Option(name: .long, help: "Target layout; only canonical-csv.")
    var to: String = "canonical-csv"

    @Option(name: .long, help: ArgumentHelp("Format spec by name or path; default: detected.", valueName: "NAME|PATH"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Output file (written atomically); default: standard output.", valueName: "FILE"))
    var out: String?

    func validate() throws {
        if to != "canonical-csv" { throw ValidationError("--to must be canonical-csv") }
    }

    func run() throws {
        do {
            let (_, table, catalog) = try BankFileLoader(registry: FormatRegistry()).loadForDisplay(path: file, format: format)
            if let out {
                let writer = try AtomicFileWriter(path: out)
                try writer.write(CanonicalBankWriter.header)
                for i in 0..<table.count {
                    try writer.withBuffer { CanonicalBankWriter.appendRow(i, of: table, catalog: catalog, to: &$0) }
                }
                try writer.commit()
            } else {
                var buffer = Array(CanonicalBankWriter.header.utf8)
                for i in 0..<table.count {
                    CanonicalBankWriter.appendRow(i, of: table, catalog: catalog, to: &buffer)
                    if buffer.count > 1 << 20 {
                        FileHandle.standardOutput.write(Data(buffer))
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                FileHandle.standardOutput.write(Data(buffer))
            }
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
