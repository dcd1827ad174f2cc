/// Inline SVG charts for `report.html`. Every bar carries its label and exact figure as
/// `data-label` and `data-value` (and shows the figure as text), so a reader and a test see the same
/// numbers as `summary.json`.
enum SVGChart {
    struct Bar {
        var label: String
        /// The figure as shown: a count, or an exact decimal amount.
        var value: String
        /// The bar's length, relative to the others.
        var magnitude: Double
        var color: String
    }

    static let severityColors = ["critical": "#b91c1c", "high": "#ea580c", "medium": "#ca8a04", "low": "#2563eb", "info": "#6b7280"]

    /// A horizontal bar chart.
    static func bars(id: String, title: String, _ bars: [Bar]) -> String {
        let rowHeight = 22, labelWidth = 170, barWidth = 250, valueWidth = 110
        let width = labelWidth + barWidth + valueWidth, height = max(1, bars.count) * rowHeight + 30
        let maximum = bars.map(\.magnitude).max() ?? 0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"\(id)\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" class=\"chart-title\">\(HTMLText.escape(title))</text>"
        if bars.isEmpty { svg += "<text x=\"0\" y=\"44\" class=\"none\">none</text>" }
        for (i, bar) in bars.enumerated() {
            let y = 30 + i * rowHeight
            let length = maximum > 0 ? max(2, Int((bar.magnitude / maximum * Double(barWidth - 10)).rounded())) : 2
            svg += "<g class=\"bar\" data-label=\"\(HTMLText.escape(bar.label))\" data-value=\"\(HTMLText.escape(bar.value))\">"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTMLText.escape(bar.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"\(bar.color)\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 15)\">\(HTMLText.escape(bar.value))</text></g>"
        }
        return svg + "</svg>"
    }

    /// Columns per run, oldest first: all breaks, with the critical ones drawn over them.
    static func trend(_ points: [TrendPoint]) -> String {
        let columnWidth = 34, chartHeight = 160, top = 30, bottom = 60
        let width = max(300, points.count * columnWidth + 60), height = top + chartHeight + bottom
        let maximum = Double(points.map(\.total).max() ?? 0)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"trend\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Breaks over the last runs\">"
        svg += "<title>Breaks over the last runs</title><text x=\"0\" y=\"16\" class=\"chart-title\">Breaks over the last runs (critical in red)</text>"
        if points.isEmpty { svg += "<text x=\"0\" y=\"50\" class=\"none\">no history: runs of the nightly job only</text>" }
        for (i, p) in points.enumerated() {
            let x = 40 + i * columnWidth
            func h(_ v: Int) -> Int { maximum > 0 ? Int((Double(v) / maximum * Double(chartHeight)).rounded()) : 0 }
            let critical = p.severities["critical"] ?? 0
            svg += "<g class=\"point\" data-label=\"\(p.date)\" data-run=\"\(p.runId)\" data-value=\"\(p.total)\" data-critical=\"\(critical)\">"
            svg += "<rect x=\"\(x)\" y=\"\(top + chartHeight - h(p.total))\" width=\"\(columnWidth - 8)\" height=\"\(h(p.total))\" fill=\"#94a3b8\"/>"
            svg += "<rect x=\"\(x)\" y=\"\(top + chartHeight - h(critical))\" width=\"\(columnWidth - 8)\" height=\"\(h(critical))\" fill=\"#b91c1c\"/>"
            svg += "<text x=\"\(x + (columnWidth - 8) / 2)\" y=\"\(top + chartHeight - h(p.total) - 4)\" text-anchor=\"middle\" class=\"small\">\(p.total)</text>"
            svg += "<text transform=\"translate(\(x + 12),\(top + chartHeight + 8)) rotate(60)\" class=\"small\">\(p.date)</text></g>"
        }
        return svg + "</svg>"
    }
}
