import ReconCore
import ReconFormats

/// Reads a `breaks.csv` that a run wrote into its folder, line by line through ``BreakLineCodec``:
/// for the commands that read a run folder on purpose (`recon export --run-dir`). A run never reads
/// back its own report.
package enum BreakReportReader {
    /// Calls `body` with each line of the report at `path`, in its order.
    ///
    /// - Throws: ``ExportError/notABreakReport(path:reason:)`` when the header is not DESIGN.md's;
    ///   ``BreakLineError`` naming the line and column of a field that is not what its column holds.
    package static func read(path: String, _ body: (BreakLine) throws -> Void) throws {
        var source = try FileByteSource(path: path)
        var header = true
        try CSVScanner().scan(&source, path: path) { record in
            let fields = (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }
            if header {
                header = false
                guard fields == BreakLineCodec.columns else {
                    throw ExportError.notABreakReport(path: path, reason: "its header is not \(BreakLineCodec.header)")
                }
                return
            }
            guard fields.count == BreakLineCodec.columns.count else {
                throw ExportError.notABreakReport(path: path, reason: "line \(record.line) has \(record.count) fields, not \(BreakLineCodec.columns.count)")
            }
            try body(BreakLineCodec.decode(fields, path: path, line: record.line))
        }
    }
}
