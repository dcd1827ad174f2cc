import ReconCore
/// Why an input could not be read. Every case names the file and, where there is one, the line and
/// the field, so a person can open the file at the right place.
package enum InputError: Error, Equatable, Sendable {
    case cannotOpen(path: String, reason: String)
    /// A header is missing a required column.
    case missingColumn(path: String, line: Int, column: String)
    /// A record is malformed; `field` is the column name, or nil when the record as a whole is bad.
    case badRecord(path: String, line: Int, field: String?, reason: String)
    /// More malformed records than `--max-rejects` allows; carries the first error past the limit.
    case tooManyRejects(limit: Int, last: String)
    case lineTooLong(path: String, line: Int, limit: Int)
    /// The file's CSV structure is broken at `line` (a quote never closed, text after a closing
    /// quote): what follows cannot be cut into records, so this stops the read even when rejects
    /// are allowed.
    case malformedCSV(path: String, line: Int, reason: String)
}

extension InputError {
    /// The error with `path` as its file, when it was thrown without one (by ``FieldDecoder``).
    func inFile(_ path: String) -> InputError {
        if case .badRecord(let p, let line, let field, let reason) = self, p.isEmpty {
            return .badRecord(path: path, line: line, field: field, reason: reason)
        }
        return self
    }
}

extension InputError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .missingColumn(let path, let line, let column):
            return "\(path):\(line): header has no column '\(column)'"
        case .badRecord(let path, let line, let field, let reason):
            if let field { return "\(path):\(line): column '\(field)': \(reason)" }
            return "\(path):\(line): \(reason)"
        case .tooManyRejects(let limit, let last):
            return "more than \(limit) rejected rows (--max-rejects \(limit)); last: \(last)"
        case .lineTooLong(let path, let line, let limit):
            return "\(path):\(line): record longer than \(limit) bytes"
        case .malformedCSV(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        }
    }
}

extension InputError: ReconError {}
