import ReconCore
import ReconFormats
import ReconMatch

/// The one text form of a ``CustodyStatementLine``: the columns of `custody.csv`, written by the run
/// and read by the commands that read a run folder (`recon custody-report --out`, the Custody sheet
/// of a report over stored runs).
///
/// `difference = in_transit + unexplained` and `unexplained = unexplained_items + not_itemised`, as
/// exact decimals; then each flow's count and amount.
package enum CustodyStatementCodec {
    package static let columns = ["date", "custody_account", "currency", "accounts", "bank_balance", "owed", "difference",
                                  "in_transit", "unexplained", "unexplained_items", "not_itemised"]
        + FundFlow.allCases.flatMap { ["\($0.rawValue)_count", "\($0.rawValue)_amount"] }
    package static let header = columns.joined(separator: ",")

    /// Appends the line's CSV record, with its line feed.
    package static func append(_ line: CustodyStatementLine, to out: inout [UInt8]) {
        var first = true
        for field in fields(line) {
            if !first { out.append(44) }
            first = false
            CSVField.append(field, to: &out)
        }
        out.append(10)
    }

    /// The fields as text, in the order of ``columns``.
    package static func fields(_ line: CustodyStatementLine) -> [String] {
        func money(_ v: Int128) -> String { MinorUnits.format(v, exponent: line.exponent) }
        var f = [line.day.iso, line.custodyAccount, line.currency, String(line.accounts), money(line.bankBalance), money(line.owed),
                 money(line.difference), money(line.inTransit), money(line.unexplained), money(line.unexplainedItems),
                 money(line.notItemised)]
        for flow in FundFlow.allCases {
            let t = line.flows[flow] ?? FlowTotal()
            f += [String(t.count), money(t.amount)]
        }
        return f
    }

    /// Reads one record's fields; the amounts' decimals are those they are written with.
    ///
    /// - Throws: ``BreakLineError`` naming `path`, `line` and the column at fault (also when the
    ///   difference is not the sum of its parts).
    package static func decode(_ fields: [String], path: String, line: Int) throws -> CustodyStatementLine {
        func fail(_ column: Int, _ expected: String) -> BreakLineError {
            BreakLineError(path: path, line: line, column: columns[min(column, columns.count - 1)],
                           value: column < fields.count ? fields[column] : "", expected: expected)
        }
        guard fields.count == columns.count else { throw fail(columns.count - 1, "\(columns.count) fields, not \(fields.count)") }
        guard let day = Day(calendarISO: fields[0]) else { throw fail(0, "a date yyyy-mm-dd") }
        let exponent = BreakLineCodec.decimals(of: fields[4]) ?? 0
        func money(_ i: Int) throws -> Int128 {
            guard let v = BreakLineCodec.minorUnits(of: fields[i], exponent: exponent) else { throw fail(i, "an amount such as -12.50") }
            return v
        }
        func count(_ i: Int) throws -> Int {
            guard let n = Int(fields[i]), n >= 0 else { throw fail(i, "a count") }
            return n
        }
        var flows: [FundFlow: FlowTotal] = [:]
        for (k, flow) in FundFlow.allCases.enumerated() {
            var t = FlowTotal()
            t.count = try count(11 + 2 * k)
            t.amount = try money(12 + 2 * k)
            if t.count > 0 || t.amount != 0 { flows[flow] = t }
        }
        let result = CustodyStatementLine(day: day, custodyAccount: fields[1], currency: fields[2], exponent: exponent,
                                          accounts: try count(3), bankBalance: try money(4), owed: try money(5),
                                          inTransit: try money(7), unexplainedItems: try money(9), notItemised: try money(10),
                                          flows: flows)
        guard try money(6) == result.difference else { throw fail(6, "bank_balance - owed") }
        guard try money(8) == result.unexplained else { throw fail(8, "unexplained_items + not_itemised") }
        return result
    }

    /// The lines of the `custody.csv` at `path`.
    ///
    /// - Throws: ``ExportError/notABreakReport(path:reason:)`` when the header is not the statement's;
    ///   ``BreakLineError`` for a field that is not what its column holds.
    package static func read(path: String) throws -> [CustodyStatementLine] {
        var source = try FileByteSource(path: path)
        var lines: [CustodyStatementLine] = []
        var header = true
        try CSVScanner().scan(&source, path: path) { record in
            let fields = (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }
            if header {
                header = false
                guard fields == columns else { throw ExportError.notABreakReport(path: path, reason: "its header is not \(Self.header)") }
                return
            }
            lines.append(try decode(fields, path: path, line: record.line))
        }
        if header { throw ExportError.notABreakReport(path: path, reason: "it is empty, without the statement's header") }
        return lines
    }
}
