import Foundation

/// One run as an export describes it: its date, exit code, inputs with their SHA-256 and its control
/// totals, read back from the run's `summary.json`.
package struct ReportRun: Sendable, Equatable {
    package struct Input: Sendable, Equatable, Decodable {
        package var side, path, format, sha256: String
        package var bytes, rows, rejected: Int

        package init(side: String, path: String, format: String, sha256: String, bytes: Int, rows: Int, rejected: Int) {
            self.side = side; self.path = path; self.format = format; self.sha256 = sha256
            self.bytes = bytes; self.rows = rows; self.rejected = rejected
        }
    }

    package struct Money: Sendable, Equatable, Decodable { package var total, matched, in_breaks: String }

    package struct Side: Sendable, Equatable, Decodable {
        package var rows_in, rows_matched, rows_in_breaks, rows_rejected: Int
        package var money: [String: Money]
    }

    package struct ControlTotals: Sendable, Equatable, Decodable { package var bank, ledger: Side }

    /// `run 12` for a stored run, else the output folder.
    package var label: String
    /// The business date (the nightly job's) or the run's as-of date.
    package var date: String
    package var reconVersion: String
    package var exitCode: Int
    package var breaks: Int
    package var inputs: [Input]
    package var controlTotals: ControlTotals?

    package init(label: String, date: String, reconVersion: String, exitCode: Int, breaks: Int, inputs: [Input],
                controlTotals: ControlTotals?) {
        self.label = label; self.date = date; self.reconVersion = reconVersion; self.exitCode = exitCode
        self.breaks = breaks; self.inputs = inputs; self.controlTotals = controlTotals
    }

    private struct SummaryFile: Decodable {
        var recon_version, as_of: String
        var exit_code, breaks: Int
        var inputs: [Input]
        var control_totals: ControlTotals
    }

    /// Reads the run described by a `summary.json`.
    package static func read(summary path: String, label: String, date: String? = nil) throws -> ReportRun {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExportError.notABreakReport(path: path, reason: "the run's summary.json cannot be read")
        }
        return try decode(summary: data, path: path, label: label, date: date)
    }

    /// The run described by the bytes of a `summary.json` (those the run has just written, or a file's).
    package static func decode(summary data: Data, path: String, label: String, date: String? = nil) throws -> ReportRun {
        do {
            let s = try JSONDecoder().decode(SummaryFile.self, from: data)
            return ReportRun(label: label, date: date ?? s.as_of, reconVersion: s.recon_version, exitCode: s.exit_code,
                             breaks: s.breaks, inputs: s.inputs, controlTotals: s.control_totals)
        } catch {
            throw ExportError.notABreakReport(path: path, reason: "summary.json: \(error)")
        }
    }
}
