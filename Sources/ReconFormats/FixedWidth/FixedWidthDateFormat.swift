import ReconCore

/// A date layout such as `DDMMYY`, `YYMMDD`, `YYYYMMDD`, `DDMMYYYY` or `YYYY-MM-DD`: the tokens
/// `YYYY`, `YY`, `MM` and `DD` (each exactly once for year, month and day) and any other ASCII
/// character as a literal that must be there.
///
/// A two-digit year is placed in a century by a pivot (`year_pivot`, default 69, as POSIX
/// `strptime`): `YY` below the pivot is 20YY, otherwise 19YY; 00–68 → 2000–2068, 69–99 → 1969–1999.
struct FixedWidthDateFormat: Sendable, Equatable {
    let pattern: String
    /// Byte offsets (in the field) of the parts.
    private let yearOffset: Int
    private let yearDigits: Int
    private let monthOffset: Int
    private let dayOffset: Int
    private let literals: [Literal]

    private struct Literal: Sendable, Equatable {
        let offset: Int
        let byte: UInt8
    }

    /// The field length the pattern needs.
    var length: Int { pattern.utf8.count }

    /// Compiles a pattern; nil when it is not one this type understands.
    init?(pattern: String) {
        let b = Array(pattern.utf8)
        var year: (Int, Int)? = nil, month: Int? = nil, day: Int? = nil
        var literals: [Literal] = []
        var i = 0
        func run(_ c: UInt8) -> Int {
            var n = 0
            while i + n < b.count && b[i + n] == c { n += 1 }
            return n
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "Y"):
                let n = run(c)
                guard year == nil, n == 2 || n == 4 else { return nil }
                year = (i, n); i += n
            case UInt8(ascii: "M"):
                guard month == nil, run(c) == 2 else { return nil }
                month = i; i += 2
            case UInt8(ascii: "D"):
                guard day == nil, run(c) == 2 else { return nil }
                day = i; i += 2
            default:
                guard c < 0x80, !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) else { return nil }
                literals.append(Literal(offset: i, byte: c)); i += 1
            }
        }
        guard let (yo, yd) = year, let month, let day else { return nil }
        self.pattern = pattern
        yearOffset = yo; yearDigits = yd
        monthOffset = month; dayOffset = day
        self.literals = literals
    }

    /// The day written in `bytes` (exactly ``length`` bytes), nil when the field is blank or all
    /// zeros (no date), or throws naming `field` when it is not a valid date of this format.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, pivot: Int, field: String) throws -> Day? {
        if FixedWidthBytes.isBlankOrZero(bytes) { return nil }
        for l in literals where bytes[l.offset] != l.byte { throw invalid(bytes, field) }
        guard let y = number(bytes, yearOffset, yearDigits), let m = number(bytes, monthOffset, 2),
              let d = number(bytes, dayOffset, 2) else { throw invalid(bytes, field) }
        let year = yearDigits == 4 ? y : (y < pivot ? 2000 + y : 1900 + y)
        guard let day = Day(year: year, month: m, day: d) else { throw invalid(bytes, field) }
        return day
    }

    @inline(__always)
    private func number(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var v = 0
        for i in offset..<(offset + count) {
            let d = b[i] &- 48
            if d > 9 { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    private func invalid(_ bytes: UnsafeBufferPointer<UInt8>, _ field: String) -> FixedWidthValueError {
        FixedWidthValueError(field, "\(FixedWidthBytes.quoted(bytes)) is not a date \(pattern)")
    }

    /// Writes `day` in this format (for writers).
    func format(_ day: Day) -> [UInt8] {
        var out = Array(pattern.utf8)
        let (y, m, d) = day.civil
        func put(_ value: Int, _ offset: Int, _ count: Int) {
            var v = value
            for i in stride(from: offset + count - 1, through: offset, by: -1) {
                out[i] = UInt8(48 + v % 10); v /= 10
            }
        }
        put(yearDigits == 4 ? y : y % 100, yearOffset, yearDigits)
        put(m, monthOffset, 2)
        put(d, dayOffset, 2)
        return out
    }
}
