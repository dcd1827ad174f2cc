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

    /// The store's path: `--store`, else the configuration's, else `recon.db`.
    func path() throws -> String {
        if let store { return store }
        if let config { return try NightlyConfiguration(path: config).storePath }
        return "recon.db"
    }

    /// The store, which must exist, opened only to read: never created, migrated or written.
    func openExisting() throws -> RunStore { try RunStore(path: try path(), access: .readOnly) }

    /// The store, which must exist and be current, opened to record a decision or an export.
    func openToRecord() throws -> RunStore { try RunStore(path: try path(), access: .existing) }
}
