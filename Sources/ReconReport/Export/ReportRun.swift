import Foundation

/// One run as an export describes it: its date, exit code, inputs with their SHA-256 and its control
/// totals, read back from the run's `summary.json`.
public struct ReportRun: Sendable, Equatable {
    public struct Input: Sendable, Equatable, Decodable {
        public var side, path, format, sha256: String
        public var bytes, rows, rejected: Int

        package init(side: String, path: String, format: String, sha256: String, bytes: Int, rows: Int, rejected: Int) {
            self.side = side; self.path = path; self.format = format; self.sha256 = sha256
            self.bytes = bytes; self.rows = rows; self.rejected = rejected
        }
    }

    public struct Money: Sendable, Equatable, Decodable { public var total, matched, in_breaks: String }

    public struct Side: Sendable, Equatable, Decodable {
        public var rows_in, rows_matched, rows_in_breaks, rows_rejected: Int
        public var money: [String: Money]
    }

    public struct ControlTotals: Sendable, Equatable, Decodable { public var bank, ledger: Side }

    /// `run 12` for a stored run, else the output folder.
    public var label: String
    /// The business date (the nightly job's) or the run's as-of date.
    public var date: String
    public var reconVersion: String
    public var exitCode: Int
    public var breaks: Int
    public var inputs: [Input]
    public var controlTotals: ControlTotals?

    public init(label: String, date: String, reconVersion: String, exitCode: Int, breaks: Int, inputs: [Input],
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
    public static func read(summary path: String, label: String, date: String? = nil) throws -> ReportRun {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExportError.notABreakReport(path: path, reason: "the run's summary.json cannot be read")
        }
        return try decode(summary: data, path: path, label: label, date: date)
    }

    /// The run described by the bytes of a `summary.json` (those the run has just written, or a file's).
    public static func decode(summary data: Data, path: String, label: String, date: String? = nil) throws -> ReportRun {
        do {
            let s = try JSONDecoder().decode(SummaryFile.self, from: data)
            return ReportRun(label: label, date: date ?? s.as_of, reconVersion: s.recon_version, exitCode: s.exit_code,
                             breaks: s.breaks, inputs: s.inputs, controlTotals: s.control_totals)
        } catch {
            throw ExportError.notABreakReport(path: path, reason: "summary.json: \(error)")
        }
    }
}
