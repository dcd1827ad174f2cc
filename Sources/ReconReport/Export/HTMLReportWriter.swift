import ReconCore

/// Writes `report.html`: one self-contained page (no scripts, fonts or images from anywhere; charts
/// are inline SVG) for managers and auditors: the key figures, breaks by kind and severity, money at
/// risk and ageing, the trend over the last runs, the critical breaks first, and the runs' inputs
/// and control totals. The page is well-formed XML as well as HTML.
enum HTMLReportWriter {
    static func render(_ request: ExportRequest, digest: ReportDigest, masked: Bool) -> String {
        var h = head(request, masked: masked)
        h += keyFigures(digest)
        h += criticalBreaks(digest)
        h += charts(request, digest)
        h += kindsTable(digest)
        h += accountsTable(digest)
        h += runsTables(request)
        h += "</body></html>\n"
        return h
    }

    /// The document head, the title and the line saying the version, the runs and the masking.
    private static func head(_ request: ExportRequest, masked: Bool) -> String {
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        h += "<title>\(HTMLText.escape(request.title))</title><style>\(style)</style></head><body>"
        h += "<h1>\(HTMLText.escape(request.title))</h1>"
        let version = request.runs.first?.reconVersion ?? ReconVersion.current
        h += "<p class=\"meta\">recon \(HTMLText.escape(version)) · \(request.runs.count) run(s) · account numbers and counterparty names "
        h += masked ? "masked</p>" : "<strong>in clear (--unmasked)</strong></p>"
        return h
    }

    /// Breaks, critical breaks and money at risk per currency.
    private static func keyFigures(_ digest: ReportDigest) -> String {
        let atRisk = digest.moneyAtRisk
        var h = "<div class=\"figures\">"
        h += figure("breaks", String(digest.rows), id: "breaks")
        h += figure("critical", String(digest.criticalCount), id: "critical")
        for cur in atRisk.keys.sorted() {
            h += figure("money at risk \(cur)", money(atRisk[cur]!, cur), id: "money-at-risk-\(cur)")
        }
        h += "</div>"
        return h
    }

    /// The critical breaks, first.
    private static func criticalBreaks(_ digest: ReportDigest) -> String {
        var h = "<h2>Critical breaks</h2>"
        if digest.criticalCount == 0 {
            h += "<p>No critical break.</p>"
        } else {
            if digest.criticalCount > digest.critical.count {
                h += "<p>\(digest.criticalCount) critical breaks; the first \(digest.critical.count) are listed, all are in breaks.csv.</p>"
            }
            h += "<div class=\"scroll\">"
            h += table(BreakLineCodec.columns, digest.critical.map(BreakLineCodec.fields), numeric: BreakLineCodec.amountColumns.union(BreakLineCodec.integerColumns), id: "critical")
            h += "</div>"
        }
        return h
    }

    /// Breaks by kind, by severity and by age, money at risk by age per currency, and the trend.
    private static func charts(_ request: ExportRequest, _ digest: ReportDigest) -> String {
        var h = "<div class=\"charts\">"
        h += SVGChart.bars(id: "kinds", title: "Breaks by kind", digest.kindsInOrder.map { k in
            let t = digest.kinds[k]!
            return SVGChart.Bar(label: k, value: String(t.count), magnitude: Double(t.count), color: SVGChart.severityColors[t.severity] ?? "#64748b")
        })
        h += SVGChart.bars(id: "severities", title: "Breaks by severity", Severity.allCases.reversed().compactMap { s in
            guard let n = digest.severities[s.name] else { return nil }
            return SVGChart.Bar(label: s.name, value: String(n), magnitude: Double(n), color: SVGChart.severityColors[s.name]!)
        })
        h += SVGChart.bars(id: "ageing", title: "Open items by age (days)", AgeBucket.allCases.map { b in
            let n = digest.ageing.buckets[b.rawValue].count
            return SVGChart.Bar(label: b.label, value: String(n), magnitude: Double(n), color: "#0f766e")
        })
        let buckets = digest.ageing.buckets
        let currencies = Set(buckets.flatMap(\.moneyAtRisk.keys)).sorted()
        for cur in currencies {
            h += SVGChart.bars(id: "money-at-risk-\(cur)", title: "Money at risk by age (days), \(cur)", AgeBucket.allCases.map { b in
                let v = buckets[b.rawValue].moneyAtRisk[cur] ?? 0
                return SVGChart.Bar(label: b.label, value: money(v, cur), magnitude: Double(v), color: "#7c3aed")
            })
        }
        h += SVGChart.trend(request.trend)
        h += "</div>"
        return h
    }

    /// Money by kind: one row per kind and currency.
    private static func kindsTable(_ digest: ReportDigest) -> String {
        var h = "<h2>Breaks by kind</h2>"
        var kindRows: [[String]] = []
        for k in digest.kindsInOrder {
            let t = digest.kinds[k]!
            let curs = Set(t.bankAmount.keys).union(t.ledgerAmount.keys).union(t.moneyAtRisk.keys).sorted()
            if curs.isEmpty { kindRows.append([k, t.severity, String(t.count), "", "", "", ""]) }
            for (i, cur) in curs.enumerated() {
                kindRows.append([k, t.severity, i == 0 ? String(t.count) : "", cur, t.bankAmount[cur].map { money($0, cur) } ?? "",
                                 t.ledgerAmount[cur].map { money($0, cur) } ?? "", t.moneyAtRisk[cur].map { money($0, cur) } ?? ""])
            }
        }
        h += table(["kind", "severity", "count", "currency", "bank amount", "ledger amount", "money at risk"], kindRows, numeric: [2, 4, 5, 6], id: "kinds")
        return h
    }

    private static func accountsTable(_ digest: ReportDigest) -> String {
        var h = "<h2>Accounts with most money at risk</h2>"
        h += table(["account", "currency", "breaks", "money at risk"],
                   digest.topAccounts.map { [$0.account, $0.currency, String($0.breaks), money($0.moneyAtRisk, $0.currency)] },
                   numeric: [2, 3], id: "accounts")
        return h
    }

    /// Runs, inputs and control totals.
    private static func runsTables(_ request: ExportRequest) -> String {
        var h = "<h2>Runs and control totals</h2>"
        h += table(["run", "date", "exit code", "breaks", "recon version"],
                   request.runs.map { [$0.label, $0.date, String($0.exitCode), String($0.breaks), $0.reconVersion] }, numeric: [2, 3], id: "runs")
        var totals: [[String]] = []
        for run in request.runs {
            guard let t = run.controlTotals else { continue }
            for (name, side) in [("bank", t.bank), ("ledger", t.ledger)] {
                for cur in side.money.keys.sorted() {
                    let m = side.money[cur]!
                    totals.append([run.label, name, cur, String(side.rows_in), String(side.rows_matched), String(side.rows_in_breaks),
                                   String(side.rows_rejected), m.total, m.matched, m.in_breaks])
                }
            }
        }
        h += table(["run", "side", "currency", "rows in", "matched", "in breaks", "rejected", "money in", "matched", "in breaks"], totals,
                   numeric: Set(3...9), id: "control-totals")
        h += table(["run", "side", "format", "rows", "rejected", "sha256", "path"],
                   request.runs.flatMap { run in run.inputs.map { [run.label, $0.side, $0.format, String($0.rows), String($0.rejected), $0.sha256, $0.path] } },
                   numeric: [3, 4], id: "inputs")
        return h
    }

    static func money(_ v: Int128, _ currency: String) -> String {
        MinorUnits.format(v, exponent: Currency.exponent(ofCode: Array(currency.utf8)))
    }

    static func figure(_ label: String, _ value: String, id: String) -> String {
        "<div class=\"figure\" data-figure=\"\(HTMLText.escape(id))\"><div class=\"value\">\(HTMLText.escape(value))</div><div class=\"label\">\(HTMLText.escape(label))</div></div>"
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, id: String) -> String {
        var t = "<table data-table=\"\(id)\"><thead><tr>"
        for c in header { t += "<th>\(HTMLText.escape(c))</th>" }
        t += "</tr></thead><tbody>"
        for r in rows {
            t += "<tr>"
            for (i, c) in r.enumerated() { t += numeric.contains(i) ? "<td class=\"n\">\(HTMLText.escape(c))</td>" : "<td>\(HTMLText.escape(c))</td>" }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }

    static let style = """
        body{font-family:"Noto Sans","Noto Sans CJK SC","Helvetica Neue",Arial,sans-serif;margin:24px;color:#1e293b;background:#fff}\
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #cbd5e1}\
        .meta{color:#475569;margin:0 0 16px}.figures{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}\
        .figure{border:1px solid #cbd5e1;border-radius:6px;padding:8px 14px;min-width:120px}\
        .figure .value{font-size:20px;font-weight:bold}.figure .label{color:#475569;font-size:12px}\
        .charts{display:flex;flex-wrap:wrap;gap:18px}.chart{font-size:12px;border:1px solid #e2e8f0;border-radius:6px;padding:6px}\
        .chart-title{font-weight:bold;font-size:13px}.small{font-size:10px}.none{fill:#64748b}\
        table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #e2e8f0;padding:3px 6px;text-align:left;vertical-align:top}\
        th{background:#f1f5f9;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}\
        td{white-space:nowrap}td:last-child{white-space:normal;min-width:240px}\
        .scroll{max-height:330px;overflow:auto;border:1px solid #e2e8f0;margin:8px 0}.scroll table{margin:0}
        """
}
