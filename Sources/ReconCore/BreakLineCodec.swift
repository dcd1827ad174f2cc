/// The one text form of a ``BreakLine``: the columns of `breaks.csv` (DESIGN.md), written and read.
///
/// Amounts are written with the currency's decimals (`-12.50`), dates as `yyyy-mm-dd`, text fields
/// quoted by RFC 4180 where they need it. Reading takes the fields of one record (the caller's CSV
/// scanner splits them) and checks each: a bad field is an error naming the file, line and column.
public enum BreakLineCodec {
    /// The header line of `breaks.csv`, without its line feed.
    public static let header = "kind,severity,account,currency,bank_ref,ledger_id,bank_date,ledger_date,bank_amount,ledger_amount,difference,age_days,detail"
    /// The column names, in order.
    public static let columns = header.split(separator: ",").map(String.init)
    /// Columns holding money, dates and whole numbers (everything else is text).
    public static let amountColumns: Set<Int> = [8, 9, 10]
    public static let dateColumns: Set<Int> = [6, 7]
    public static let integerColumns: Set<Int> = [11]

    /// Appends the line's CSV record, with its line feed, to `out`.
    public static func append(_ line: BreakLine, to out: inout [UInt8]) {
        let comma: UInt8 = 44
        out.append(contentsOf: line.kind.name.utf8); out.append(comma)
        out.append(contentsOf: line.severity.name.utf8); out.append(comma)
        CSVField.append(line.account, to: &out); out.append(comma)
        CSVField.append(line.currency, to: &out); out.append(comma)
        CSVField.append(line.bankRef, to: &out); out.append(comma)
        CSVField.append(line.ledgerId, to: &out); out.append(comma)
        line.bankDate?.appendISO(to: &out); out.append(comma)
        line.ledgerDate?.appendISO(to: &out); out.append(comma)
        if let v = line.bankAmount { MinorUnits.append(v, exponent: line.exponent, to: &out) }
        out.append(comma)
        if let v = line.ledgerAmount { MinorUnits.append(v, exponent: line.exponent, to: &out) }
        out.append(comma)
        if let v = line.difference { MinorUnits.append(v, exponent: line.exponent, to: &out) }
        out.append(comma)
        MinorUnits.append(line.ageDays, exponent: 0, to: &out); out.append(comma)
        CSVField.append(line.detail, to: &out)
        out.append(10)
    }

    /// The line's CSV record, with its line feed.
    public static func record(_ line: BreakLine) -> [UInt8] {
        var out: [UInt8] = []
        append(line, to: &out)
        return out
    }

    /// The thirteen fields as text, unquoted: what a spreadsheet cell or a JSON string shows.
    public static func fields(_ line: BreakLine) -> [String] {
        func amount(_ v: (some BinaryInteger)?) -> String {
            guard let v else { return "" }
            var b: [UInt8] = []
            MinorUnits.append(v, exponent: line.exponent, to: &b)
            return String(decoding: b, as: UTF8.self)
        }
        return [line.kind.name, line.severity.name, line.account, line.currency, line.bankRef, line.ledgerId,
                line.bankDate?.iso ?? "", line.ledgerDate?.iso ?? "", amount(line.bankAmount), amount(line.ledgerAmount),
                amount(line.difference), String(line.ageDays), line.detail]
    }

    /// Reads one record's fields (unquoted), as ``fields(_:)`` gives them.
    ///
    /// The currency's decimals are those the amounts are written with (the run wrote them with its
    /// catalog's), else the currency's ISO 4217 default.
    ///
    /// - Throws: ``BreakLineError`` naming `path`, `line` and the column at fault.
    public static func decode(_ fields: [String], path: String, line: Int) throws -> BreakLine {
        func fail(_ column: Int, _ expected: String) -> BreakLineError {
            BreakLineError(path: path, line: line, column: columns[min(column, columns.count - 1)], value: column < fields.count ? fields[column] : "",
                           expected: expected)
        }
        guard fields.count == columns.count else { throw fail(columns.count - 1, "\(columns.count) fields, not \(fields.count)") }
        guard let kind = BreakKind(name: fields[0]) else { throw fail(0, "a break kind of DESIGN.md") }
        guard let severity = Severity(name: fields[1]) else { throw fail(1, "info, low, medium, high or critical") }
        func day(_ i: Int) throws -> Day? {
            if fields[i].isEmpty { return nil }
            guard let d = Day(calendarISO: fields[i]) else { throw fail(i, "a date yyyy-mm-dd") }
            return d
        }
        let exponent = [8, 9, 10].compactMap { decimals(of: fields[$0]) }.max() ?? Currency.exponent(ofCode: Array(fields[3].utf8))
        func amount(_ i: Int) throws -> Int128? {
            if fields[i].isEmpty { return nil }
            guard let v = minorUnits(of: fields[i], exponent: exponent) else { throw fail(i, "an amount such as -12.50") }
            return v
        }
        guard let age = Int(fields[11]) else { throw fail(11, "a whole number of days") }
        return BreakLine(kind: kind, severity: severity, account: fields[2], currency: fields[3], bankRef: fields[4],
                         ledgerId: fields[5], bankDate: try day(6), ledgerDate: try day(7), bankAmount: try amount(8),
                         ledgerAmount: try amount(9), difference: try amount(10), exponent: exponent, ageDays: age,
                         detail: fields[12])
    }

    /// The decimals an amount is written with (`-12.50`: 2, `7`: 0); nil for an empty field.
    public static func decimals(of text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        return text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
    }

    /// A decimal with exactly `exponent` decimals (none when it is 0), as written by
    /// ``MinorUnits/append(_:exponent:to:)``, in minor units; nil for any other text.
    public static func minorUnits(of text: String, exponent: Int) -> Int128? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: Int128 = 0, fraction = -1
        for c in digits {
            if c == "." { guard fraction < 0 else { return nil }; fraction = 0; continue }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int128(d))
            guard !o1, !o2 else { return nil }
            value = s
            if fraction >= 0 { fraction += 1 }
        }
        guard max(fraction, 0) == exponent else { return nil }
        return negative ? -value : value
    }
}
