import ReconCore

/// Writes canonical bank rows as a BAI2 file, for equivalence tests: reading it back with
/// ``BAI2BankReader`` gives the rows' bank_ref, account, dates, amount, currency, end-to-end id and
/// description.
///
/// One group (02) per booking date, as-of that date, in date order; in it one account (03) per
/// account and currency, in order of first appearance, with opening (010) 0 and closing (015) ledger
/// balances equal to the day's movements, and the totals of credits (100) and debits (400); each row
/// a 16 of type 195 (incoming wire) or 495 (outgoing wire), funds type `V` with its value date, the
/// bank_ref as bank reference, the end-to-end id as customer reference and the description as text.
/// Trailers (49, 98, 99) carry the control totals. Text must not hold a `/`, nor a reference a comma.
package enum BAI2Writer {
    @discardableResult
    package static func write(bankCSV path: String, to outPath: String) throws -> Int {
        var source = try OpenedInput(path: path)
        let input = try CanonicalBankInput(source: &source, path: path)
        let table = input.table, catalog = input.catalog
        // Rows by booking date, then by account and currency in order of first appearance.
        var byDate: [Int32: [Int64: [Int]]] = [:], order: [Int32: [Int64]] = [:]
        for i in 0..<table.count {
            let d = table.bookingDate[i], key = Int64(table.account[i]) << 32 | Int64(UInt32(bitPattern: table.currency[i]))
            for (name, text) in [("bank_ref", table.bankRef.string(i)), ("end_to_end_id", table.endToEndId.string(i))]
                where text.contains(",") || text.contains("/") {
                throw InputError.badRecord(path: path, line: Int(table.line[i]), field: name, reason: "a BAI2 reference cannot hold ',' or '/'")
            }
            if table.description.string(i).contains("/") {
                throw InputError.badRecord(path: path, line: Int(table.line[i]), field: "description", reason: "BAI2 text cannot hold '/'")
            }
            if byDate[d]?[key] == nil { order[d, default: []].append(key) }
            byDate[d, default: [:]][key, default: []].append(i)
        }
        let yymmdd = MTValue.yymmdd
        var lines: [String] = ["01,RECON,RECON,\(yymmdd(byDate.keys.min() ?? 0)),0000,1,,,2/"]
        var fileTotal: Int64 = 0, groups = 0
        for date in byDate.keys.sorted() {
            groups += 1
            var groupLines: [String] = [], groupTotal: Int64 = 0, accounts = 0
            for key in order[date]! {
                let rows = byDate[date]![key]!
                let account = catalog.accounts.string(table.account[rows[0]]), currency = catalog.currencies.string(table.currency[rows[0]])
                let credits = rows.map { table.amount[$0] }.filter { $0 > 0 }.reduce(0, +)
                let debits = rows.map { table.amount[$0] }.filter { $0 < 0 }.reduce(0) { $0 + $1.magnitude }
                let closing = credits - Int64(debits)
                var accountLines = ["03,\(account),\(currency),010,0,,,015,\(closing),,,100,\(credits),\(rows.filter { table.amount[$0] > 0 }.count),,400,\(debits),\(rows.filter { table.amount[$0] < 0 }.count),/"]
                var total = closing + credits + Int64(debits)
                for i in rows {
                    let a = table.amount[i]
                    accountLines.append("16,\(a < 0 ? "495" : "195"),\(a.magnitude),V,\(yymmdd(table.valueDate[i])),,\(table.bankRef.string(i)),\(table.endToEndId.string(i)),\(table.description.string(i))/")
                    total += Int64(a.magnitude)
                }
                accountLines.append("49,\(total),\(accountLines.count + 1)/")
                groupLines += accountLines
                groupTotal += total
                accounts += 1
            }
            lines.append("02,RECON,RECON,1,\(yymmdd(date)),2400,,2/")
            lines += groupLines
            lines.append("98,\(groupTotal),\(accounts),\(groupLines.count + 2)/")
            fileTotal += groupTotal
        }
        lines.append("99,\(fileTotal),\(groups),\(lines.count + 1)/")
        try GeneratedFile.write(to: outPath) { file in
            for l in lines { file.buffer.append(contentsOf: (l + "\n").utf8); try file.maybeFlush() }
        }
        return table.count
    }
}
