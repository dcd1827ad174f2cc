import ArgumentParser
import Foundation
import ReconCore
import ReconStore
import ReconRun

/// How a command finds the run store: the nightly configuration's `store`, or `--store PATH`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The nightly configuration whose store to use.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The run store (default: recon.db, or the configuration's).", valueName: "PATH"))
    var store: String?

    /// The configuration's `[report]` settings; with only a store, a masking key beside it.
    func exportDefaults() throws -> ExportSettings {
        if let config { return try NightlyConfiguration(path: config).exports }
        return ExportSettings(maskKeyPath: RunStore.maskKeyPath(besideStore: store ?? "recon.db"))
    }

    func open() throws -> RunStore {
        if let store { return try RunStore(path: store) }
        if let config { return try RunStore(path: try NightlyConfiguration(path: config).storePath) }
        return try RunStore(path: "recon.db")
    }
}
