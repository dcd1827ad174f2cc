/// The renderings of a break report besides `breaks.csv` and `summary.json`.
public enum ExportFormat: String, CaseIterable, Sendable, Comparable {
    /// `breaks.xlsx`: a Summary sheet and one sheet per break kind.
    case xlsx
    /// `breaks-excel.csv`: UTF-8 with BOM, CRLF, cells neutralised against formula injection.
    case excelCSV = "excel-csv"
    /// `report.html`: one self-contained page with SVG charts.
    case html
    /// `breaks.jsonl`: one JSON object per break, the fields of `breaks.csv`.
    case jsonl

    /// The file each format writes in the output folder.
    public var fileName: String {
        switch self {
        case .xlsx: return "breaks.xlsx"
        case .excelCSV: return "breaks-excel.csv"
        case .html: return "report.html"
        case .jsonl: return "breaks.jsonl"
        }
    }

    public static func < (a: ExportFormat, b: ExportFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
