import ReconCore

/// Reads a rates file `date,from,to,rate` (UTF-8, header row, columns by name, gzip allowed): one
/// unit of `from` is `rate` units of `to` on `date`, the rate a positive decimal with up to 10 decimals.
package enum RateFileReader {
    package static let columns = ["date", "from", "to", "rate"]

    /// - Throws: ``InputError`` naming the file, line and column of the first bad value.
    package static func read(path: String) throws -> RateTable {
        var list: [FXRate] = []
        var seen: [String: Int] = [:]
        try HeaderedCSV.scan(path: path, columns: columns) { record, ix, decoder in
            let day = try decoder.day(record[ix[0]], "date")
            var codes: [String] = []
            for (i, name) in [(1, "from"), (2, "to")] {
                let field = record[ix[i]]
                guard Currency.isWellFormedCode(field) else {
                    throw InputError.badRecord(path: "", line: record.line, field: name, reason: "'\(String(decoding: field, as: UTF8.self))' is not an ISO 4217 code")
                }
                codes.append(String(decoding: field, as: UTF8.self))
            }
            let text = String(decoding: record[ix[3]], as: UTF8.self)
            let fraction = text.split(separator: ".", omittingEmptySubsequences: false)
            let scale = fraction.count == 2 ? fraction[1].count : 0
            guard scale <= 10, case .success(let mantissa) = MinorUnits.parse(text, exponent: scale), mantissa > 0 else {
                throw InputError.badRecord(path: "", line: record.line, field: "rate", reason: "'\(text)' is not a positive decimal with at most 10 decimals")
            }
            let key = "\(codes[0])/\(codes[1])/\(day.rawValue)"
            if let first = seen[key] {
                throw InputError.badRecord(path: "", line: record.line, field: "date",
                                           reason: "a second \(codes[0])/\(codes[1]) rate on \(day) (first on line \(first))")
            }
            seen[key] = record.line
            list.append(FXRate(day: day, from: codes[0], to: codes[1], mantissa: mantissa, scale: scale))
        }
        return RateTable(list)
    }
}
