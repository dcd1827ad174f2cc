import Foundation
import ReconCore
import ReconTestSupport
import Testing

/// Reading Recon's exports back with independent readers, for the export tests.
enum ExportReading {
    /// One cell as openpyxl read it: its type (`s`, `n`, `d`, `b`, `-`), value and number format.
    struct Cell: Equatable {
        var type: String
        var value: String?
        var numberFormat: String?
    }

    struct Sheet {
        var name: String
        var frozen: String?
        var autofilter: String?
        var widths: [String: Double] = [:]
        var rows: [[Cell]] = []
    }

    /// Every sheet of a workbook, in order, through `scripts/xlsx-dump.py` (openpyxl).
    static func openpyxl(_ path: String) throws -> [Sheet] {
        let python = try #require(ExternalTool.python, "Python with openpyxl (apt-get install python3-openpyxl)")
        let r = try ExternalTool.run(python, [Fixture.repositoryRoot + "/scripts/xlsx-dump.py", path])
        try #require(r.status == 0, "xlsx-dump.py failed: \(r.stderr)")
        var sheets: [Sheet] = []
        for line in r.stdout.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let name = o["sheet"] as! String
            if let row = o["row"] as? [[Any]] {
                sheets[sheets.count - 1].rows.append(row.map { c in
                    Cell(type: c[0] as! String, value: c.count > 1 ? (c[1] is NSNull ? nil : "\(c[1])") : nil,
                         numberFormat: c.count > 2 ? c[2] as? String : nil)
                })
            } else {
                var s = Sheet(name: name, frozen: o["frozen"] as? String, autofilter: o["autofilter"] as? String)
                for (k, v) in (o["widths"] as? [String: Any]) ?? [:] { s.widths[k] = (v as? NSNumber)?.doubleValue }
                sheets.append(s)
            }
        }
        return sheets
    }

    /// Each sheet of a workbook as LibreOffice converts it to CSV (headless), by sheet name.
    static func libreOffice(_ path: String) throws -> [String: [[String]]] {
        let soffice = try #require(ExternalTool.soffice, "LibreOffice (apt-get install libreoffice-calc-nogui)")
        let dir = try ReconProcess.temporaryDirectory("lo")
        let r = try ExternalTool.run(soffice, ["--headless", "--norestore", "-env:UserInstallation=file://\(dir)/profile",
                                               "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                                               "--outdir", dir, path])
        try #require(r.status == 0, "LibreOffice failed: \(r.stderr)")
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var sheets: [String: [[String]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix(base + "-") && name.hasSuffix(".csv") {
            let sheet = String(name.dropFirst(base.count + 1).dropLast(4))
            sheets[sheet] = try CSVTable.records(path: dir + "/" + name)
        }
        return sheets
    }

    /// `breaks.csv`'s rows (without the header) as fields.
    static func breaks(_ path: String) throws -> [[String]] { Array(try CSVTable.records(path: path).dropFirst()) }

    /// Minor units of a decimal text (`-995`, `-995.5`, `1.0E-2`) with `exponent` digits; nil when not exact.
    static func minor(_ text: String, exponent: Int) -> Int64? {
        guard let d = Decimal(string: text) else { return nil }
        var scaled = d * pow(Decimal(10), exponent)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else { return nil }
        return Int64(truncating: rounded as NSDecimalNumber)
    }

    /// The rows of `breaks.csv` grouped by kind, in order.
    static func byKind(_ rows: [[String]]) -> [String: [[String]]] { Dictionary(grouping: rows, by: { $0[0] }) }
}
