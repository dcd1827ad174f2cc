import ArgumentParser
import Foundation
import ReconCore
import ReconReport
import ReconStore

/// `recon export RUN_ID --xlsx ...`: renders a stored run's breaks again, as XLSX, Excel CSV, HTML or
/// JSON lines, masked unless `--unmasked`; the export is recorded in the store.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the exports of a stored run (default: --xlsx) into its folder or --out DIR.")

    @Argument(help: "The run id (see `recon breaks` or the nightly log).")
    var runId: Int64

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Folder for the exports (default: the run's own folder).", valueName: "DIR"))
    var out: String?

    @OptionGroup(title: "Exports")
    var exports: ExportOptions

    func run() throws {
        do {
            var settings = exports.settings(over: try store.exportDefaults())
            settings.formats = exports.formats.isEmpty ? [.xlsx] : exports.formats
            let (dir, files) = try StoredReport.exportRun(store: try store.open(), id: runId, settings: settings, output: out)
            for f in files { print(dir + "/" + f) }
        } catch let e as ExitCode { throw e } catch { throw ExitStatus.fail(error) }
    }
}
