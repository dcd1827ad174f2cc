import ReconCore

/// A date field: `{ start, format = "DDMMYY" }` (`length`, when given, must be the format's).
struct FixedWidthDateField: Sendable {
    let span: FixedWidthSpan
    let format: FixedWidthDateFormat

    init(table: SpecTable, name: String, recordLength: Int) throws {
        try table.only(["start", "length", "format"])
        let pattern = try table.requiredString("format")
        guard let format = FixedWidthDateFormat(pattern: pattern) else {
            throw table.invalid("format", "a date pattern of YYYY or YY, MM and DD (e.g. DDMMYY, YYYYMMDD, YYYY-MM-DD)")
        }
        span = try FixedWidthSpan(table: table, name: name, recordLength: recordLength, defaultLength: format.length)
        if span.length != format.length {
            throw table.invalid("length", "\(format.length), the length of format \(pattern)")
        }
        self.format = format
    }

    /// The date, or nil when the field is blank or all zeros.
    @inline(__always)
    func read(_ record: UnsafeBufferPointer<UInt8>, pivot: Int) throws -> Day? {
        try format.parse(span.bytes(record), pivot: pivot, field: span.name)
    }
}
