/// COBOL signed overpunch: the last character of an amount carries both its last digit and the
/// amount's sign, as CFONB 120 and many mainframe exports write them.
///
/// | last character | digit | sign |
/// |---|---|---|
/// | `{` | 0 | + |
/// | `A` … `I` | 1 … 9 | + |
/// | `}` | 0 | − |
/// | `J` … `R` | 1 … 9 | − |
/// | `0` … `9` | itself | + (an unsigned amount) |
enum Overpunch {
    /// The digit and sign a last character stands for, or nil when it is none of the table's.
    @inline(__always)
    static func decode(_ c: UInt8) -> (digit: UInt8, negative: Bool)? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return (c &- 48, false)
        case UInt8(ascii: "{"): return (0, false)
        case UInt8(ascii: "A")...UInt8(ascii: "I"): return (c &- UInt8(ascii: "A") &+ 1, false)
        case UInt8(ascii: "}"): return (0, true)
        case UInt8(ascii: "J")...UInt8(ascii: "R"): return (c &- UInt8(ascii: "J") &+ 1, true)
        default: return nil
        }
    }

    /// The last character that writes `digit` (0…9) with a sign; the inverse of ``decode(_:)``.
    static func encode(digit: UInt8, negative: Bool) -> UInt8 {
        if digit == 0 { return negative ? UInt8(ascii: "}") : UInt8(ascii: "{") }
        return (negative ? UInt8(ascii: "J") : UInt8(ascii: "A")) &+ digit &- 1
    }
}
