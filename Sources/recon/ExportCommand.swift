import ArgumentParser
import Foundation
import ReconCore
import ReconReport
import ReconRun
import ReconStore

/// `recon export RUN_ID --xlsx ...`: renders a stored run's breaks again, as XLSX, Excel CSV, HTML or
/// JSON lines, masked unless `--unmasked`; the export is recorded in the store.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the exports of a stored run (default: --xlsx) into its folder or --out DIR.")

    @Argument(help: "The run id in the store (see `recon breaks` or the nightly log).")
    var runId: Int64?

    @Option(name: .customLong("run-dir"), help: ArgumentHelp("Instead of a stored run: a run's folder (its breaks.csv and summary.json), as `recon run --out` wrote it.", valueName: "DIR"))
    var runDirectory: String?

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Folder for the exports (default: the run's own folder).", valueName: "DIR"))
    var out: String?

    @OptionGroup(title: "Exports")
    var exports: ExportOptions

    func validate() throws {
        if (runId == nil) == (runDirectory == nil) { throw ValidationError("give a RUN_ID or --run-dir DIR") }
    }

    func run() throws {
        do {
            if let runDirectory {
                var settings = exports.settings()
                settings.formats = exports.formats.isEmpty ? [.xlsx] : exports.formats
                let files = try RunExport.write(directory: runDirectory, output: out, settings: settings, label: runDirectory)
                for f in files { print((out ?? runDirectory) + "/" + f) }
                return
            }
            guard let runId else { return }
            var settings = exports.settings(over: try store.exportDefaults())
            settings.formats = exports.formats.isEmpty ? [.xlsx] : exports.formats
            let (dir, files) = try StoredReport.exportRun(store: try store.openToRecord(), id: runId, settings: settings, output: out)
            for f in files { print(dir + "/" + f) }
        } catch let e as ExitCode { throw e } catch { throw ExitStatus.fail(error) }
    }
}
