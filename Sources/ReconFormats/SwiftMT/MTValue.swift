import Foundation
import ReconCore

/// SWIFT's field values: dates `YYMMDD`, amounts with a decimal comma (`1234,5` or `119,`).
enum MTValue {
    /// `YYMMDD`: years 80–99 are 19xx, 00–79 are 20xx.
    static func date(_ b: ArraySlice<UInt8>) -> Day? {
        guard b.count == 6, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = b.map { Int($0) - 48 }
        let yy = d[0] * 10 + d[1]
        return Day(year: yy >= 80 ? 1900 + yy : 2000 + yy, month: d[2] * 10 + d[3], day: d[4] * 10 + d[5])
    }

    /// `YYMMDD` where the day may lie past the month's end (some German savings banks write value
    /// dates such as 30 February, counting 30-day months): such a day is read as the month's last day,
    /// and `clamped` says so. Nil when the month is not 01–12 or the day not 01–31.
    static func lenientDate(_ b: ArraySlice<UInt8>) -> (day: Day, clamped: Bool)? {
        if let d = date(b) { return (d, false) }
        guard b.count == 6, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = b.map { Int($0) - 48 }
        let yy = d[0] * 10 + d[1], month = d[2] * 10 + d[3], day = d[4] * 10 + d[5]
        let year = yy >= 80 ? 1900 + yy : 2000 + yy
        guard (1...12).contains(month), (1...31).contains(day),
              let last = Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month)) else { return nil }
        return (last, true)
    }

    /// A day as `YYMMDD` (the inverse of ``date(_:)`` for 1980–2079).
    static func yymmdd(_ day: Int32) -> String {
        let c = Day(rawValue: day).civil
        return String(format: "%02d%02d%02d", c.year % 100, c.month, c.day)
    }

    /// `digits,[digits]` in minor units of a currency with `exponent` decimals.
    static func amount(_ b: ArraySlice<UInt8>, exponent: Int) -> Int64? {
        guard let comma = b.firstIndex(of: 44), comma > b.startIndex, b.filter({ $0 == 44 }).count == 1 else { return nil }
        var text = Array(b)
        text[comma - b.startIndex] = 46
        if text.last == 46 { text.removeLast() }
        guard text.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }) else { return nil }
        guard case .success(let v) = MinorUnits.parse(String(decoding: text, as: UTF8.self), exponent: exponent) else { return nil }
        return v
    }

    /// An amount in whole units, written without its decimal comma (`500` for `500,`), as some banks
    /// write a `:61:` amount.
    static func wholeAmount(_ b: ArraySlice<UInt8>, exponent: Int) -> Int64? {
        guard !b.isEmpty, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard case .success(let v) = MinorUnits.parse(String(decoding: b, as: UTF8.self), exponent: exponent) else { return nil }
        return v
    }

    /// The length of the amount at the front of `b` (digits and one comma).
    static func amountLength(_ b: ArraySlice<UInt8>) -> Int {
        var n = 0
        for c in b { if (c >= 48 && c <= 57) || c == 44 { n += 1 } else { break } }
        return n
    }
}
