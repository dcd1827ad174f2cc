import ReconStore
import ReconReport
import Foundation

/// The alert of a night whose file has not arrived: written to `<output>/<date>/alerts.json` (the
/// night's reports are not written, since nothing was reconciled) for whoever watches the job.
struct MissingInputAlert: Encodable {
    var date: String
    var side: String
    var directory: String
    var pattern: String
    var message: String

    private struct File: Encodable {
        var date: String
        var alerts: [Alert]
    }

    private struct Alert: Encodable {
        var kind = "missing_input"
        var severity = "critical"
        var side, directory, pattern, message: String
    }

    /// Writes the file atomically (an earlier alert of the same date is replaced).
    func write(to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let file = File(date: date, alerts: [Alert(side: side, directory: directory, pattern: pattern, message: message)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Array(try encoder.encode(file)))
        try writer.write("\n")
        try writer.commit()
    }
}
