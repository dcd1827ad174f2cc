import Foundation
import ReconCore
import ReconFormats
import ReconMatch

/// Writes the custody statement (`custody.csv`) and the run's alerts (`alerts.json`).
///
/// `custody.csv`: one row per custody account, currency and day, with `difference = in_transit +
/// unexplained` and `unexplained = unexplained_items + not_itemised` (exact decimals), and the day's
/// customer fund flows by type with their counts.
package enum CustodyReportWriter {
    /// Writes the run's custody statement to `path` (atomically) through ``CustodyStatementCodec``
    /// and returns its lines.
    @discardableResult
    package static func writeStatement(_ c: ReportContext, to path: String) throws -> [CustodyStatementLine] {
        let lines = (c.result.custody?.statement ?? []).map { CustodyStatementLine($0, catalog: c.inputs.catalog) }
        var out = Array((CustodyStatementCodec.header + "\n").utf8)
        for line in lines { CustodyStatementCodec.append(line, to: &out) }
        let writer = try AtomicFileWriter(path: path)
        try writer.write(out)
        try writer.commit()
        return lines
    }

    private struct File: Encodable {
        var as_of: String
        var alerts: [Alert]
    }

    struct Alert: Encodable {
        var kind: String
        var name: String
        var severity: String
        var message: String
    }

    static func alerts(_ c: ReportContext) -> [Alert] {
        c.alerts.map { Alert(kind: $0.type, name: $0.name, severity: $0.severity.name, message: $0.message) }
    }

    /// Writes `alerts.json` with the run's alerts (thresholds crossed).
    package static func writeAlerts(_ c: ReportContext, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Array(try encoder.encode(File(as_of: c.inputs.asOf.iso, alerts: alerts(c)))))
        try writer.write("\n")
        try writer.commit()
    }
}
