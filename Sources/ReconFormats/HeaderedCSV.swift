/// The small CSV inputs beside the statements (balances, rates): UTF-8, a header row naming the
/// columns (found by name, in any order), gzip allowed, blank lines skipped.
enum HeaderedCSV {
    /// Calls `body` with each data record, the indices of `columns` in it and a decoder set to its
    /// line; an ``InputError`` thrown by `body` is given the file's path.
    static func scan(path: String, columns: [String],
                     _ body: (CSVRecord, [Int], inout FieldDecoder) throws -> Void) throws {
        var input = try OpenedInput(path: path)
        var header: HeaderMap?
        var decoder = FieldDecoder()
        try CSVScanner().scan(&input, path: path) { record in
            guard let map = header else {
                header = try HeaderMap(record: record, columns: columns, path: path)
                return
            }
            if record.count == 1 && record[0].isEmpty { return }
            decoder.line = record.line
            do {
                try decoder.fieldCount(record, expected: map.fieldCount)
                try body(record, map.indices, &decoder)
            } catch let e as InputError {
                throw e.inFile(path)
            }
        }
        if header == nil { throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row") }
    }
}
