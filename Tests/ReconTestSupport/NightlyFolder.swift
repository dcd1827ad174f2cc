import Foundation

/// A temporary folder laid out for the nightly job: `in/bank/bank-{date}.csv`,
/// `in/ledger/ledger-{date}.csv`, the store `recon.db`, reports under `out/`, and `recon.toml` naming
/// them. `top` adds top-level keys (before the tables), `tables` more tables after them.
package enum NightlyFolder {
    package static func make(_ name: String, top: String = "", tables: String = "", directories: [String] = []) throws -> String {
        let dir = try ReconProcess.temporaryDirectory(name)
        for d in ["in/bank", "in/ledger"] + directories {
            try FileManager.default.createDirectory(atPath: dir + "/" + d, withIntermediateDirectories: true)
        }
        try """
            store = "recon.db"
            output_directory = "out"
            \(top)
            [bank]
            directory = "in/bank"
            pattern = "bank-{date}.csv"
            [ledger]
            directory = "in/ledger"
            pattern = "ledger-{date}.csv"
            \(tables)
            """.write(toFile: dir + "/recon.toml", atomically: true, encoding: .utf8)
        return dir
    }
}
