import ReconCore

/// Reads a balance file in the canonical layout `account,date,currency,balance` (UTF-8, header
/// row, columns found by name, gzip allowed): one closing balance per account and day.
///
/// The same layout serves the bank's balances (where its statements carry none) and the platform's
/// customer balances per sub-account; a day without a row is rolled forward from the latest earlier
/// balance with that day's movements.
package enum BalanceFileReader {
    package static let columns = ["account", "date", "currency", "balance"]

    /// - Throws: ``InputError`` naming the file, line and column of the first bad value.
    package static func read(path: String) throws -> [BalanceEntry] {
        var entries: [BalanceEntry] = []
        var catalog = Catalog()
        var seen: [String: Int] = [:]
        try HeaderedCSV.scan(path: path, columns: columns) { record, ix, decoder in
            try decoder.required(record[ix[0]], "account")
            try decoder.checkText(record[ix[0]], "account")
            let day = try decoder.day(record[ix[1]], "date")
            let (_, exponent) = try decoder.currency(record[ix[2]], "currency", catalog: &catalog)
            let balance = try decoder.amount(record[ix[3]], exponent: exponent, "balance")
            let entry = BalanceEntry(account: String(decoding: record[ix[0]], as: UTF8.self),
                                     currency: String(decoding: record[ix[2]], as: UTF8.self),
                                     day: day, balance: balance)
            let key = "\(entry.account)\u{1F}\(entry.currency)\u{1F}\(day.rawValue)"
            if let first = seen[key] {
                throw InputError.badRecord(path: "", line: record.line, field: "date",
                                           reason: "a second balance for \(entry.account) \(entry.currency) on \(day) (first on line \(first))")
            }
            seen[key] = record.line
            entries.append(entry)
        }
        return entries
    }
}
