import Foundation
import ReconCore

/// What every export of a run or a range sets up the same way: the custody statements beside the
/// runs' reports, and the masking key.
package enum ExportSetup {
    /// The `custody.csv` files of the given run folders that exist.
    package static func custodyStatements(in directories: [String]) -> [String] {
        directories.map { $0 + "/custody.csv" }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Masked unless the settings say otherwise, with the key they name (or the default one).
    package static func configureMasking(_ request: inout ExportRequest, _ settings: ExportSettings) throws {
        request.masked = !settings.unmasked
        if request.masked { request.maskKey = try MaskKey.load(path: settings.maskKeyPath ?? MaskKey.defaultPath) }
    }
}
