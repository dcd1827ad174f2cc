import ReconCore

/// An amount, balance or control total: `{ start, length, format = "digits", decimals = 2 }`.
///
/// Implied decimals come from the field's own `decimals`, or else from the record's `decimals`
/// field (CFONB's position 20). The value is converted exactly to minor units of the statement's
/// currency: more implied decimals than the currency has are accepted only when the extra digits
/// are zeros (CODA's 3 decimals for EUR), fewer are scaled up.
struct FixedWidthAmountField: Sendable {
    let span: FixedWidthSpan
    let format: FixedWidthAmountFormat
    /// Implied decimals fixed by the spec; nil when the record's `decimals` field gives them.
    let decimals: Int?

    init(span: FixedWidthSpan, format: FixedWidthAmountFormat, decimals: Int?) {
        self.span = span
        self.format = format
        self.decimals = decimals
    }

    init(table: SpecTable, name: String, recordLength: Int, defaultFormat: FixedWidthAmountFormat = .digits) throws {
        try table.only(["start", "length", "format", "decimals"])
        span = try FixedWidthSpan(table: table, name: name, recordLength: recordLength)
        if let f = try table.string("format") {
            guard let parsed = FixedWidthAmountFormat(rawValue: f) else {
                throw table.invalid("format", "one of " + FixedWidthAmountFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            format = parsed
        } else {
            format = defaultFormat
        }
        decimals = try table.int("decimals", min: 0)
        if let d = decimals, d > 18 { throw table.invalid("decimals", "an integer from 0 to 18") }
    }

    /// The signed value in minor units of a currency with `exponent` decimals, and whether the
    /// field says negative (true also for an overpunched −0, so that a zero debit stays a debit).
    /// `recordDecimals` is the record's `decimals` field, used when the spec fixes none.
    func read(_ record: UnsafeBufferPointer<UInt8>, recordDecimals: Int?, exponent: Int) throws -> (value: Int64, negative: Bool) {
        let b = FixedWidthBytes.trimmed(span.bytes(record))
        if b.isEmpty { throw FixedWidthValueError(span.name, "empty amount (\(span.bytesDescription))") }
        if format == .decimal {
            switch MinorUnits.parse(b, exponent: exponent) {
            case .success(let v): return (v, b[0] == UInt8(ascii: "-"))
            case .failure(let e): throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is not a decimal amount: \(e)")
            }
        }
        var i = 0, end = b.count
        var negative = false
        var last: UInt8? = nil
        if format == .overpunch {
            guard let (digit, neg) = Overpunch.decode(b[end - 1]) else {
                throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) does not end in an overpunched digit ({, A-I, }, J-R or 0-9)")
            }
            negative = neg
            last = digit
            end -= 1
        } else if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
            if end == 1 { throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) has no digits") }
        }
        var magnitude: Int64 = 0
        var overflow = false
        while i < end {
            let d = b[i] &- 48
            if d > 9 { throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is not an amount (digits expected)") }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            overflow = overflow || o1 || o2
            magnitude = s
            i += 1
        }
        if let last {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(last))
            overflow = overflow || o1 || o2
            magnitude = s
        }
        if overflow { throw FixedWidthValueError(span.name, "\(FixedWidthBytes.quoted(b)) is too large") }
        guard let implied = decimals ?? recordDecimals else {
            throw FixedWidthValueError(span.name, "no implied decimals (the record has no decimals field)")
        }
        let scaled = try FixedWidthAmountField.scale(magnitude, decimals: implied, exponent: exponent, field: span.name, text: b)
        return (negative ? -scaled : scaled, negative)
    }

    /// `magnitude` with `decimals` implied decimals, as minor units with `exponent` decimals.
    static func scale(_ magnitude: Int64, decimals: Int, exponent: Int, field: String,
                      text: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        if decimals == exponent { return magnitude }
        if decimals < exponent {
            let shift = exponent - decimals
            guard shift <= 18 else { throw FixedWidthValueError(field, "\(FixedWidthBytes.quoted(text)) is too large") }
            let (v, o) = magnitude.multipliedReportingOverflow(by: FixedWidthBytes.powersOfTen[shift])
            if o { throw FixedWidthValueError(field, "\(FixedWidthBytes.quoted(text)) is too large") }
            return v
        }
        let shift = decimals - exponent
        guard shift <= 18 else { return 0 }
        let p = FixedWidthBytes.powersOfTen[shift]
        if magnitude % p != 0 {
            throw FixedWidthValueError(field, "\(FixedWidthBytes.quoted(text)) has \(decimals) implied decimals, more than the currency's \(exponent), and they are not zeros")
        }
        return magnitude / p
    }
}
