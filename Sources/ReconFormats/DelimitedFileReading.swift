import ReconCore

/// The part every delimited reader shares: stream the file, find the header, hand each data
/// record to `row`, and set aside (or stop on) the records `row` refuses.
enum DelimitedFileReading {
    static func read<S: ByteSource>(
        source: inout S, path: String, side: Side, columns: [String], scanner: CSVScanner, rejects: inout RejectLog,
        row: (CSVRecord, [Int], inout FieldDecoder) throws -> Void
    ) throws -> (rows: Int, rejected: Int) {
        var header: HeaderMap?
        var decoder = FieldDecoder(path: path)
        var rows = 0
        let rejectedBefore = rejects.count
        try scanner.scan(&source, path: path, onBytes: { _ in }) { record in
            guard let map = header else {
                header = try HeaderMap(record: record, columns: columns, path: path)
                return
            }
            decoder.line = record.line
            do {
                try decoder.fieldCount(record, expected: map.fieldCount)
                try row(record, map.indices, &decoder)
                rows += 1
            } catch let error as InputError {
                try rejects.reject(error, side: side, raw: record.raw)
            }
        }
        if header == nil {
            throw InputError.badRecord(path: path, line: 1, field: nil, reason: "empty file: no header row")
        }
        return (rows, rejects.count - rejectedBefore)
    }
}
