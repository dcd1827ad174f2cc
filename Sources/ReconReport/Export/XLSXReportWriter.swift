import CXlsxWriter
import Foundation
import ReconCore
import ReconFormats

/// Writes `breaks.xlsx`: a Summary sheet (runs, inputs and their SHA-256, control totals, counts and
/// money per kind and severity, ageing, the accounts with most money at risk), then one sheet per
/// break kind, most severe first, with the columns of `breaks.csv`.
///
/// Amounts are numbers shown with their currency's decimals, dates are dates, `age_days` is a whole
/// number; every other cell is written as a string, so text from a bank file can never become a
/// formula. Each sheet has a frozen header row, an autofilter and set column widths. A kind with more
/// rows than a sheet holds continues on `kind (2)`, `kind (3)`, ...
package final class XLSXReportWriter {
    /// Excel's rows per worksheet, the header row included.
    package static let excelRowLimit = 1_048_576
    /// Days from Excel's epoch (1899-12-30) to 1970-01-01.
    static let excelEpochOffset = 25_569.0
    static let columnWidths: [Double] = [24, 9, 24, 8, 20, 20, 11, 11, 15, 15, 15, 8, 90]
    /// libxlsxwriter's limit for a cell's text is 32,767 characters; longer details are cut with a note.
    static let maxCellBytes = 32_000

    private let book: XLSXWorkbook
    private let rowLimit: Int
    private let header, date, integer, text, title, bold: UnsafeMutablePointer<lxw_format>
    private var amount: [Int: UnsafeMutablePointer<lxw_format>] = [:]
    /// For each kind, its sheets and the next row of the last one.
    private var sheets: [String: (list: [UnsafeMutablePointer<lxw_worksheet>], row: Int)] = [:]

    /// Creates the workbook with its Summary sheet and a sheet for every kind in `digest`.
    init(path: String, request: ExportRequest, digest: ReportDigest, masker: Masker) throws {
        book = try XLSXWorkbook(path: path)
        rowLimit = max(2, request.sheetRowLimit)
        header = book.format { f in
            format_set_bold(f); format_set_bg_color(f, 0xDDE5F0); format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
        }
        date = book.format { format_set_num_format($0, "yyyy-mm-dd") }
        integer = book.format { format_set_num_format($0, "0") }
        text = book.format { _ in }
        title = book.format { f in format_set_bold(f); format_set_font_size(f, 14) }
        bold = book.format { format_set_bold($0) }
        let summary = try book.addSheet("Summary")
        if let custody = request.custody {
            try writeCustody(try book.addSheet("Custody"), lines: custody, masker: masker)
        }
        for kind in digest.kindsInOrder {
            let count = digest.kinds[kind]!.count
            let parts = max(1, (count + rowLimit - 2) / (rowLimit - 1))
            var list: [UnsafeMutablePointer<lxw_worksheet>] = []
            for part in 0..<parts {
                let sheet = try book.addSheet(part == 0 ? kind : "\(kind) (\(part + 1))")
                let rows = part == parts - 1 ? count - part * (rowLimit - 1) : rowLimit - 1
                try prepare(sheet, lastRow: rows)
                list.append(sheet)
            }
            sheets[kind] = (list, 1)
        }
        try writeSummary(summary, request: request, digest: digest, masker: masker)
    }

    private func prepare(_ sheet: UnsafeMutablePointer<lxw_worksheet>, lastRow: Int) throws {
        for (col, width) in Self.columnWidths.enumerated() {
            try XLSXWorkbook.check(worksheet_set_column(sheet, lxw_col_t(col), lxw_col_t(col), width, nil), book.path, "column widths")
        }
        worksheet_freeze_panes(sheet, 1, 0)
        try XLSXWorkbook.check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(lastRow), lxw_col_t(BreakLineCodec.columns.count - 1)),
                               book.path, "autofilter")
        for (col, name) in BreakLineCodec.columns.enumerated() {
            try XLSXWorkbook.check(worksheet_write_string(sheet, 0, lxw_col_t(col), name, header), book.path, "header")
        }
    }

    /// Appends a (masked) row to its kind's sheet.
    func write(_ line: BreakLine) throws {
        let kind = line.kind.name
        guard var entry = sheets[kind] else {
            throw ExportError.workbook(path: book.path, step: "write", reason: "a \(kind) row the totals did not count")
        }
        if entry.row == rowLimit {
            guard entry.list.count > 1 else {
                throw ExportError.workbook(path: book.path, step: "write", reason: "more \(kind) rows than the totals counted")
            }
            entry.list.removeFirst()
            entry.row = 1
        }
        let sheet = entry.list[0], r = lxw_row_t(entry.row)
        let exponent = line.exponent
        let amounts = [8: line.bankAmount, 9: line.ledgerAmount, 10: line.difference]
        let days = [6: line.bankDate, 7: line.ledgerDate]
        for (col, value) in BreakLineCodec.fields(line).enumerated() where !value.isEmpty {
            let c = lxw_col_t(col)
            let error: lxw_error
            if let minor = amounts[col] ?? nil {
                error = worksheet_write_number(sheet, r, c, Self.number(minor, exponent), amountFormat(exponent))
            } else if let day = days[col] ?? nil {
                error = worksheet_write_number(sheet, r, c, Double(day.rawValue) + Self.excelEpochOffset, date)
            } else if BreakLineCodec.integerColumns.contains(col) {
                error = worksheet_write_number(sheet, r, c, Double(line.ageDays), integer)
            } else {
                error = worksheet_write_string(sheet, r, c, Self.cellText(value), text)
            }
            try XLSXWorkbook.check(error, book.path, "row \(entry.row) of \(kind)")
        }
        entry.row += 1
        sheets[kind] = entry
    }

    func close() throws { try book.close() }

    /// Minor units of a decimal text of `custody.csv` or `summary.json`, or nil when it is no amount.
    static func minor(_ text: String, _ exponent: Int) -> Int64? {
        guard !text.isEmpty, case .success(let v) = MinorUnits.parse(text, exponent: exponent) else { return nil }
        return v
    }

    /// The amount as Excel holds it: the nearest double to the exact decimal.
    static func number<T: BinaryInteger>(_ minor: T, _ exponent: Int) -> Double {
        var scale = 1.0
        for _ in 0..<exponent { scale *= 10 }
        return Double(minor) / scale
    }

    static func cellText(_ value: String) -> String {
        guard value.utf8.count > maxCellBytes else { return value }
        var cut = String(decoding: value.utf8.prefix(maxCellBytes), as: UTF8.self)
        while cut.utf8.count > maxCellBytes || cut.last == "\u{FFFD}" { cut.removeLast() }
        return cut + " … (cut; the whole text is in breaks.csv)"
    }

    private func amountFormat(_ exponent: Int) -> UnsafeMutablePointer<lxw_format> {
        if let f = amount[exponent] { return f }
        let decimals = exponent > 0 ? "." + String(repeating: "0", count: exponent) : ""
        let f = book.format { format_set_num_format($0, "#,##0\(decimals);-#,##0\(decimals)") }
        amount[exponent] = f
        return f
    }
}

extension XLSXReportWriter {
    /// The Custody sheet: the custody statements of the runs, one row per custody account, currency
    /// and day, with its money as numbers and the account masked.
    private func writeCustody(_ sheet: UnsafeMutablePointer<lxw_worksheet>, lines: [CustodyStatementLine], masker: Masker) throws {
        let path = book.path
        let columns = CustodyStatementCodec.columns
        worksheet_freeze_panes(sheet, 1, 0)
        try XLSXWorkbook.check(worksheet_set_column(sheet, 0, 0, 11, nil), path, "Custody widths")
        try XLSXWorkbook.check(worksheet_set_column(sheet, 1, 1, 24, nil), path, "Custody widths")
        try XLSXWorkbook.check(worksheet_set_column(sheet, 2, lxw_col_t(columns.count - 1), 14, nil), path, "Custody widths")
        for (i, name) in columns.enumerated() {
            try XLSXWorkbook.check(worksheet_write_string(sheet, 0, lxw_col_t(i), name, header), path, "Custody header")
        }
        var row: lxw_row_t = 1
        for line in lines {
            for (i, value) in CustodyStatementCodec.fields(line).enumerated() where !value.isEmpty {
                let c = lxw_col_t(i)
                let error: lxw_error
                if i == 0 {
                    error = worksheet_write_number(sheet, row, c, Double(line.day.rawValue) + Self.excelEpochOffset, date)
                } else if i == 1 {
                    error = worksheet_write_string(sheet, row, c, masker.account(value), text)
                } else if i == 3 || columns[i].hasSuffix("_count"), let n = Int(value) {
                    error = worksheet_write_number(sheet, row, c, Double(n), integer)
                } else if i > 3, let minor = BreakLineCodec.minorUnits(of: value, exponent: line.exponent) {
                    error = worksheet_write_number(sheet, row, c, Self.number(minor, line.exponent), amountFormat(line.exponent))
                } else {
                    error = worksheet_write_string(sheet, row, c, Self.cellText(value), text)
                }
                try XLSXWorkbook.check(error, path, "Custody row \(row)")
            }
            row += 1
        }
        if row > 1 {
            try XLSXWorkbook.check(worksheet_autofilter(sheet, 0, 0, row - 1, lxw_col_t(columns.count - 1)), path, "Custody autofilter")
        }
    }

    /// The Summary sheet, top to bottom (constant-memory mode writes rows in order).
    /// Over 80 lines on purpose: the sheet is laid out in one place, top to bottom as it appears, its
    /// cell writers local functions sharing the row cursor.
    private func writeSummary(_ sheet: UnsafeMutablePointer<lxw_worksheet>, request: ExportRequest, digest: ReportDigest,
                              masker: Masker) throws {
        var row: lxw_row_t = 0
        let path = book.path
        func put(_ col: Int, _ value: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) throws {
            guard !value.isEmpty else { return }
            try XLSXWorkbook.check(worksheet_write_string(sheet, row, lxw_col_t(col), Self.cellText(value), format ?? text), path, "Summary")
        }
        func put(_ col: Int, _ value: Int) throws {
            try XLSXWorkbook.check(worksheet_write_number(sheet, row, lxw_col_t(col), Double(value), integer), path, "Summary")
        }
        func put(_ col: Int, money: Int128, currency: String) throws {
            let exponent = Currency.exponent(ofCode: Array(currency.utf8))
            try XLSXWorkbook.check(worksheet_write_number(sheet, row, lxw_col_t(col), Self.number(money, exponent), amountFormat(exponent)),
                                   path, "Summary")
        }
        func put(_ col: Int, decimal: String, currency: String) throws {
            let exponent = Currency.exponent(ofCode: Array(currency.utf8))
            if let v = Self.minor(decimal, exponent) { try put(col, money: Int128(v), currency: currency) } else { try put(col, decimal) }
        }
        func heading(_ name: String, _ columns: [String]) throws {
            row += 1
            try put(0, name, bold)
            row += 1
            for (i, c) in columns.enumerated() { try put(i, c, header) }
            row += 1
        }
        for (col, width) in [26.0, 14, 14, 14, 16, 16, 16, 70].enumerated() {
            try XLSXWorkbook.check(worksheet_set_column(sheet, lxw_col_t(col), lxw_col_t(col), width, nil), path, "Summary widths")
        }
        try put(0, request.title, title); row += 1
        try put(0, "account numbers and counterparty names"); try put(1, masker.enabled ? "masked" : "in clear (--unmasked)"); row += 1
        try put(0, "breaks"); try put(1, digest.rows); row += 1

        try heading("Runs", ["run", "date", "exit code", "breaks", "recon version"])
        for run in request.runs {
            try put(0, run.label); try put(1, run.date); try put(2, run.exitCode); try put(3, run.breaks); try put(4, run.reconVersion)
            row += 1
        }
        try heading("Inputs", ["run", "side", "format", "rows", "rejected", "bytes", "sha256", "path"])
        for run in request.runs {
            for i in run.inputs {
                try put(0, run.label); try put(1, i.side); try put(2, i.format); try put(3, i.rows); try put(4, i.rejected)
                try put(5, i.bytes); try put(6, i.sha256); try put(7, i.path)
                row += 1
            }
        }
        try heading("Control totals (rows and money in = matched + in breaks + rejected)",
                    ["run", "side", "currency", "rows in", "rows matched", "rows in breaks", "rows rejected", "money in", "money matched", "money in breaks"])
        for run in request.runs {
            guard let totals = run.controlTotals else { continue }
            for (name, side) in [("bank", totals.bank), ("ledger", totals.ledger)] {
                for currency in side.money.keys.sorted() {
                    let m = side.money[currency]!
                    try put(0, run.label); try put(1, name); try put(2, currency)
                    try put(3, side.rows_in); try put(4, side.rows_matched); try put(5, side.rows_in_breaks); try put(6, side.rows_rejected)
                    try put(7, decimal: m.total, currency: currency); try put(8, decimal: m.matched, currency: currency)
                    try put(9, decimal: m.in_breaks, currency: currency)
                    row += 1
                }
            }
        }
        try heading("Breaks by kind", ["kind", "severity", "count", "currency", "bank amount", "ledger amount", "money at risk"])
        for kind in digest.kindsInOrder {
            let k = digest.kinds[kind]!
            let currencies = Set(k.bankAmount.keys).union(k.ledgerAmount.keys).union(k.moneyAtRisk.keys).sorted()
            try put(0, kind); try put(1, k.severity); try put(2, k.count)
            for (i, cur) in currencies.enumerated() {
                if i > 0 { row += 1; try put(0, kind) }
                try put(3, cur)
                if let v = k.bankAmount[cur] { try put(4, money: v, currency: cur) }
                if let v = k.ledgerAmount[cur] { try put(5, money: v, currency: cur) }
                if let v = k.moneyAtRisk[cur] { try put(6, money: v, currency: cur) }
            }
            row += 1
        }
        try heading("Breaks by severity", ["severity", "count"])
        for severity in Severity.allCases.reversed() {
            try put(0, severity.name); try put(1, digest.severities[severity.name] ?? 0)
            row += 1
        }
        try heading("Ageing of open items (days)", ["bucket", "count", "currency", "money at risk"])
        for (bucket, b) in zip(AgeBucket.allCases, digest.ageing.buckets) {
            try put(0, bucket.label); try put(1, b.count)
            for (i, cur) in b.moneyAtRisk.keys.sorted().enumerated() {
                if i > 0 { row += 1; try put(0, bucket.label) }
                try put(2, cur); try put(3, money: b.moneyAtRisk[cur]!, currency: cur)
            }
            row += 1
        }
        try heading("Accounts with most money at risk", ["account", "currency", "breaks", "money at risk"])
        for a in digest.topAccounts {
            try put(0, a.account); try put(1, a.currency); try put(2, a.breaks)
            try put(3, money: a.moneyAtRisk, currency: a.currency)
            row += 1
        }
    }
}
