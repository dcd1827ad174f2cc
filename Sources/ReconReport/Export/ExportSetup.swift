import Foundation
import ReconCore

/// What every export of a run or a range sets up the same way: the custody statements beside the
/// runs' reports, and the masking key.
package enum ExportSetup {
    /// The `custody.csv` files of the given run folders that exist.
    /// The custody statements of stored runs, read from their folders' `custody.csv` through the
    /// codec (the store does not keep them); nil when no run has one.
    package static func custodyLines(in directories: [String]) throws -> [CustodyStatementLine]? {
        let files = directories.map { $0 + "/custody.csv" }.filter { FileManager.default.fileExists(atPath: $0) }
        guard !files.isEmpty else { return nil }
        return try files.flatMap { try CustodyStatementCodec.read(path: $0) }
    }

    /// Masked unless the settings say otherwise, with the key they name (or the default one).
    package static func configureMasking(_ request: inout ExportRequest, _ settings: ExportSettings) throws {
        request.masked = !settings.unmasked
        if request.masked { request.maskKey = try MaskKey.load(path: settings.maskKeyPath ?? MaskKey.defaultPath) }
    }
}
