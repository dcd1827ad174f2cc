import ReconCore

/// Finds the columns a layout needs in a header record, by name.
struct HeaderMap {
    /// Index in the record of each required column, in the layout's order.
    let indices: [Int]
    /// Number of fields every record must have.
    let fieldCount: Int

    init(record: CSVRecord, columns: [String], path: String) throws {
        var names: [String] = []
        for i in 0..<record.count {
            var name = String(decoding: record[i], as: UTF8.self)
            name = String(name.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
            names.append(name)
        }
        var indices: [Int] = []
        for column in columns {
            guard let i = names.firstIndex(of: column) else {
                throw InputError.missingColumn(path: path, line: record.line, column: column)
            }
            indices.append(i)
        }
        self.indices = indices
        self.fieldCount = record.count
    }
}
