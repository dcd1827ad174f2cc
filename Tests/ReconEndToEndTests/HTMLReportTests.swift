import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ReconTestSupport
import Testing

/// `report.html`: well-formed, self-contained, and its charts say what `summary.json` says.
@Suite struct HTMLReportTests {
    /// The charts of a page: for each `data-chart`, its bars' labels and figures, in order.
    final class ChartReader: NSObject, XMLParserDelegate {
        var charts: [String: [(label: String, value: String)]] = [:]
        var rects: [String: Int] = [:]
        private var chart: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "svg", let id = attributes["data-chart"] { chart = id; charts[id] = [] }
            if let chart, name == "g", let label = attributes["data-label"], let value = attributes["data-value"] {
                charts[chart]!.append((label, value))
            }
            if let chart, name == "rect", let w = attributes["width"], (Int(w) ?? 0) > 0 { rects[chart, default: 0] += 1 }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "svg" { chart = nil }
        }
    }

    static func read(_ path: String) throws -> (html: String, charts: ChartReader) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = ChartReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        let ok = parser.parse()
        #expect(ok, "report.html is well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return (String(decoding: data, as: UTF8.self), reader)
    }

    static func expectSelfContained(_ html: String) {
        for needle in ["<script", "<link", "<img", "<iframe", "<object", "src=", "url(", "@import"] {
            #expect(!html.contains(needle), "report.html loads nothing: found \(needle)")
        }
        let links = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/").count - 1
        #expect(links == namespaces, "the only addresses are XML namespaces")
    }

    @Test func theChartsOfReportHTMLHoldTheFiguresOfSummaryJSON() throws {
        let dir = try ReconProcess.temporaryDirectory("html")
        let run = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir,
                                        "--html", "--mask-key", dir + "/mask.key"])
        try #require(run.status == 1, "\(run.stderr)")
        let (html, charts) = try Self.read(dir + "/report.html")
        Self.expectSelfContained(html)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json"))) as? [String: Any])
        let kinds = summary["kinds"] as! [String: [String: Any]]

        // Breaks by kind and by severity.
        let byKind = Dictionary(uniqueKeysWithValues: (charts.charts["kinds"] ?? []).map { ($0.label, Int($0.value)!) })
        let expectedKinds = kinds.compactMapValues { ($0["count"] as! Int) > 0 ? $0["count"] as? Int : nil }
        #expect(byKind == expectedKinds)
        var severities: [String: Int] = [:]
        for k in kinds.values where (k["count"] as! Int) > 0 { severities[k["severity"] as! String, default: 0] += k["count"] as! Int }
        #expect(Dictionary(uniqueKeysWithValues: (charts.charts["severities"] ?? []).map { ($0.label, Int($0.value)!) }) == severities)

        // Ageing: counts, and money at risk per currency.
        let ageing = summary["ageing"] as! [[String: Any]]
        #expect((charts.charts["ageing"] ?? []).map(\.label) == ageing.map { $0["bucket"] as! String })
        #expect((charts.charts["ageing"] ?? []).map { Int($0.value)! } == ageing.map { $0["count"] as! Int })
        let currencies = Set(ageing.flatMap { ($0["money_at_risk"] as! [String: String]).keys })
        #expect(currencies == ["CNY", "JPY", "USD"])
        for cur in currencies {
            let bars = try #require(charts.charts["money-at-risk-\(cur)"])
            for (bar, bucket) in zip(bars, ageing) {
                let expected = (bucket["money_at_risk"] as! [String: String])[cur]
                #expect(ExportReading.minor(bar.value, exponent: cur == "JPY" ? 0 : 2) == expected.flatMap { ExportReading.minor($0, exponent: cur == "JPY" ? 0 : 2) } ?? 0,
                        "\(cur) \(bucket["bucket"]!): \(bar.value) vs \(expected ?? "none")")
            }
        }
        for chart in ["kinds", "severities", "ageing", "money-at-risk-CNY"] { #expect(charts.rects[chart] ?? 0 > 0, "\(chart) draws bars") }
        #expect(charts.charts["trend"]?.isEmpty == true, "no store, no trend")

        // The key figure, and the critical breaks listed before the charts.
        #expect(html.contains("data-figure=\"breaks\"><div class=\"value\">\(summary["breaks"] as! Int)<"))
        let critical = try #require(html.range(of: "<h2>Critical breaks</h2>"))
        let firstChart = try #require(html.range(of: "<svg"))
        #expect(critical.lowerBound < firstChart.lowerBound)
        #expect(html.contains("<td>BK011</td>"), "the critical unexplained outflow is listed")
    }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.chromium), "needs headless Chromium (chromium-headless-shell)"))
    func theRenderScriptDrawsTheReportWithHeadlessChromium() throws {
        let dir = try ReconProcess.temporaryDirectory("png")
        let run = try ReconProcess.run(["run", "--bank", "samples/bank.csv", "--ledger", "samples/ledger.csv", "--out", dir,
                                        "--html", "--mask-key", dir + "/mask.key"])
        try #require(run.status == 1, "\(run.stderr)")
        let r = try ExternalTool.run("/bin/bash", [Fixture.repositoryRoot + "/scripts/render-report", dir + "/report.html", dir + "/report.png", "1200x1600"])
        try #require(r.status == 0, "\(r.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/report.png"))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        // A blank page compresses to a few kilobytes; charts and tables do not.
        #expect(png.count > 40_000, "the picture has content: \(png.count) bytes")
    }
}
