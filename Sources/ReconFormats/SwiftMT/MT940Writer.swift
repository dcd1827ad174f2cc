import ReconCore

/// Writes canonical bank rows as an MT940 file, for equivalence tests and benchmarks: reading it
/// back with ``MTBankReader`` gives the rows' bank_ref, account, dates, amount, currency and
/// end-to-end id (and counterparty and description, unless they hold a `/`).
///
/// One statement per account and currency, in order of first appearance (`:20:RECON<n>`,
/// `:28C:<n>/1`), opening at 0 on its first booking date and closing at the sum of its rows on its
/// last, so that it reconciles. Each row is a `:61:` (value date, the booking date as entry date,
/// C/D, amount with a decimal comma, `NTRF`, customer reference `NONREF`, `//` bank_ref) and a `:86:`
/// in the slash dialect (`/EREF/`, `/CNTP////name/`, `/REMI/USTD//text/`). Value and booking dates
/// must be within half a year of each other (the entry date has no year) and in 1980–2079.
package enum MT940Writer {
    /// Converts the canonical bank CSV at `path` (plain or gzip) to an MT940 file at `outPath`;
    /// returns the number of rows written.
    @discardableResult
    package static func write(bankCSV path: String, to outPath: String) throws -> Int {
        var source = try OpenedInput(path: path)
        let input = try CanonicalBankInput(source: &source, path: path)
        let statements = try input.statements()
        let table = input.table, catalog = input.catalog
        try GeneratedFile.write(to: outPath) { file in
            func put(_ s: String) { file.buffer.append(contentsOf: s.utf8) }
            let yymmdd = MTValue.yymmdd
            for (n, s) in statements.enumerated() {
                let account = catalog.accounts.string(s.account), currency = catalog.currencies.string(s.currency)
                let exponent = catalog.exponent(ofCurrency: s.currency)
                func money(_ v: Int64) -> String {
                    var text = MinorUnits.format(v.magnitude, exponent: exponent).replacingOccurrences(of: ".", with: ",")
                    if !text.contains(",") { text += "," }
                    return text
                }
                put(":20:RECON\(n + 1)\r\n:25:\(account)\r\n:28C:\(n + 1)/1\r\n")
                put(":60F:C\(yymmdd(s.firstDate))\(currency)0,\r\n")
                for r in s.rows {
                    let i = Int(r)
                    let booking = table.bookingDate[i], value = table.valueDate[i]
                    guard abs(Int(booking) - Int(value)) < 180 else {
                        throw InputError.badRecord(path: path, line: Int(table.line[i]), field: "value_date",
                                                   reason: "more than half a year from the booking date: MT940's entry date has no year")
                    }
                    let c = Day(rawValue: booking).civil
                    let amount = table.amount[i]
                    put(":61:\(yymmdd(value))\(String(format: "%02d%02d", c.month, c.day))\(amount < 0 ? "D" : "C")\(money(amount))")
                    put("NTRFNONREF//\(table.bankRef.string(i))\r\n")
                    put(":86:/EREF/\(table.endToEndId.string(i))/CNTP////\(table.counterparty.string(i))//REMI/USTD//\(table.description.string(i))/\r\n")
                    try file.maybeFlush()
                }
                put(":62F:\(s.sum < 0 ? "D" : "C")\(yymmdd(s.lastDate))\(currency)\(money(s.sum))\r\n-\r\n")
            }
        }
        return table.count
    }
}
