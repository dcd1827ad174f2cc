import ReconCore

/// Decodes canonical field values from bytes, throwing errors that name line and column.
///
/// It holds no file name (a `String` would be retained and released on every call in the row loop):
/// its errors carry an empty path, which the reading loop fills in with ``InputError/inFile(_:)``.
struct FieldDecoder {
    var line = 0
    var cache = FieldCache()

    @inline(__always)
    mutating func day(_ bytes: UnsafeBufferPointer<UInt8>, _ column: String) throws -> Day {
        if let d = cache.day(bytes) { return d }
        throw InputError.badRecord(path: "", line: line, field: column,
                                   reason: bytes.isEmpty ? "empty date" : "'\(shown(bytes))' is not a date yyyy-mm-dd")
    }

    @inline(__always)
    func amount(_ bytes: UnsafeBufferPointer<UInt8>, exponent: Int, _ column: String) throws -> Int64 {
        switch MinorUnits.parse(bytes, exponent: exponent) {
        case .success(let v): return v
        case .failure(let e):
            throw InputError.badRecord(path: "", line: line, field: column, reason: "'\(shown(bytes))': \(e)")
        }
    }

    /// The currency's catalog id and exponent.
    @inline(__always)
    mutating func currency(_ bytes: UnsafeBufferPointer<UInt8>, _ column: String, catalog: inout Catalog) throws -> (Int32, Int) {
        if let c = cache.currency(bytes, catalog: &catalog) { return c }
        throw InputError.badRecord(path: "", line: line, field: column,
                                   reason: "'\(shown(bytes))' is not an ISO 4217 code (three capital letters)")
    }

    @inline(__always)
    func required(_ bytes: UnsafeBufferPointer<UInt8>, _ column: String) throws {
        if bytes.isEmpty { throw InputError.badRecord(path: "", line: line, field: column, reason: "empty value") }
    }

    /// Checks a text field (``FieldText``); only a field that may span lines (`lineBreaks`: a
    /// counterparty, a description) may hold line breaks.
    @inline(__always)
    func checkText(_ bytes: UnsafeBufferPointer<UInt8>, _ column: String, lineBreaks: Bool = false) throws {
        if let fault = FieldText.check(bytes, lineBreaks: lineBreaks) {
            throw InputError.badRecord(path: "", line: line, field: column, reason: fault.description)
        }
    }

    func fieldCount(_ record: CSVRecord, expected: Int) throws {
        if record.count != expected {
            throw InputError.badRecord(path: "", line: line, field: nil,
                                       reason: "expected \(expected) fields, found \(record.count)")
        }
    }

    private func shown(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = FieldText.displayable(bytes.prefix(64))
        return bytes.count > 64 ? s + "…" : s
    }
}
