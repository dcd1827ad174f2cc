/// A calendar day as a count of days since 1970-01-01 (proleptic Gregorian calendar).
///
/// Days carry no time zone: a bank's booking date is a business date, and it is compared as such.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01; negative before it.
    public var rawValue: Int32

    @inlinable
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The day of a civil date, or `nil` when the date does not exist (for example 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
              (1...9999).contains(year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.rawValue = Int32(era * 146_097 + doe - 719_468)
    }

    /// The civil date (year, month, day) of this day.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses exactly `yyyy-mm-dd` from bytes.
    @inlinable
    public static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = bytes[i] &- 48
            return d < 10 ? Int(d) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    /// Parses `yyyy-mm-dd` from a string.
    public init?(iso string: String) {
        var s = string
        guard let d = s.withUTF8({ Day.parseISO($0) }) else { return nil }
        self = d
    }

    /// Parses `yyyy-mm-dd` naming a day of the calendar: `2026-13-45` or `2026-02-30` is nil (the
    /// lenient ``init(iso:)`` rolls them over).
    public init?(calendarISO string: String) {
        guard let d = Day(iso: string), d.iso == string else { return nil }
        self = d
    }

    /// `yyyy-mm-dd`.
    public var iso: String {
        var out: [UInt8] = []
        out.reserveCapacity(10)
        appendISO(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `yyyy-mm-dd` to a byte buffer.
    public func appendISO(to out: inout [UInt8]) {
        let (y, m, d) = civil
        out.append(UInt8(48 + (y / 1000) % 10)); out.append(UInt8(48 + (y / 100) % 10))
        out.append(UInt8(48 + (y / 10) % 10)); out.append(UInt8(48 + y % 10))
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(48 + m / 10)); out.append(UInt8(48 + m % 10))
        out.append(UInt8(ascii: "-"))
        out.append(UInt8(48 + d / 10)); out.append(UInt8(48 + d % 10))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }

    /// Days from `other` to `self`.
    public func days(since other: Day) -> Int { Int(rawValue) - Int(other.rawValue) }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}
