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
    package static let header = (["date", "custody_account", "currency", "accounts", "bank_balance", "owed", "difference",
                                 "in_transit", "unexplained", "unexplained_items", "not_itemised"]
        + FundFlow.allCases.flatMap { ["\($0.rawValue)_count", "\($0.rawValue)_amount"] }).joined(separator: ",")

    package static func writeStatement(_ c: ReportContext, to path: String) throws {
        let catalog = c.inputs.catalog
        var out = Array((header + "\n").utf8)
        for row in c.result.custody?.statement ?? [] {
            let exponent = catalog.exponent(ofCurrency: row.currency)
            func money(_ v: Int128) { MinorUnits.append(v, exponent: exponent, to: &out); out.append(44) }
            row.day.appendISO(to: &out); out.append(44)
            catalog.accounts.values.appendCSVField(Int(row.custodyAccount), to: &out); out.append(44)
            catalog.currencies.values.appendCSVField(Int(row.currency), to: &out); out.append(44)
            out.append(contentsOf: String(row.accounts).utf8); out.append(44)
            money(row.bankBalance); money(row.owed); money(row.difference); money(row.timing)
            money(row.unexplained); money(row.unexplainedItems); money(row.notItemised)
            for flow in FundFlow.allCases {
                let f = row.flows[flow] ?? FlowTotal()
                out.append(contentsOf: String(f.count).utf8); out.append(44)
                MinorUnits.append(f.amount, exponent: exponent, to: &out); out.append(44)
            }
            out[out.count - 1] = 10
        }
        let writer = try AtomicFileWriter(path: path)
        try writer.write(out)
        try writer.commit()
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
