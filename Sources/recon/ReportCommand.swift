import ArgumentParser
import Foundation
import ReconCore
import ReconReport
import ReconRun
import ReconStore

/// `recon report --from D1 --to D2 --out DIR`: the breaks and totals of the current runs of a range of
/// business dates, from the store, for month-end and for auditors (default: --xlsx and --html).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the breaks and totals of a range of business dates from the run store.")

    @Option(name: .long, help: ArgumentHelp("First business date.", valueName: "yyyy-mm-dd"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Last business date.", valueName: "yyyy-mm-dd"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Folder for the report (created when missing).", valueName: "DIR"))
    var out: String

    @OptionGroup var store: StoreOptions

    @OptionGroup(title: "Exports")
    var exports: ExportOptions

    func validate() throws {
        guard let a = Day(iso: from) else { throw ValidationError("--from '\(from)' is not a date yyyy-mm-dd") }
        guard let b = Day(iso: to) else { throw ValidationError("--to '\(to)' is not a date yyyy-mm-dd") }
        if a > b { throw ValidationError("--from is after --to") }
    }

    func run() throws {
        do {
            var settings = exports.settings(over: try store.exportDefaults())
            settings.formats = exports.formats.isEmpty ? [.xlsx, .html] : exports.formats
            let (files, runs) = try StoredReport.exportRange(store: try store.openToRecord(), from: from, to: to, settings: settings, output: out)
            ReconLog.logger.info("report written", metadata: ["from": "\(from)", "to": "\(to)", "runs": "\(runs)",
                                                              "files": "\(files.joined(separator: ","))", "masked": "\(!settings.unmasked)"])
            for f in files { print(out + "/" + f) }
        } catch let e as ExitCode { throw e } catch { throw ExitStatus.fail(error) }
    }
}
