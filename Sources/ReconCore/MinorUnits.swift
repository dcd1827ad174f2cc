/// Exact conversion between decimal text and `Int64` minor units.
///
/// Money never passes through floating point: "12.34" with exponent 2 is 1234, and a value that does
/// not fit is an error, never a rounding.
public enum MinorUnits {
    /// Parses a signed decimal (`-12.34`, `+5`, `0.5`, `1.230`) into minor units of a currency with
    /// `exponent` decimals. Fraction digits beyond the exponent are accepted only when they are zeros.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, exponent: Int) -> Result<Int64, AmountError> {
        let n = bytes.count
        if n == 0 { return .failure(.empty) }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if bytes[0] == UInt8(ascii: "+") { i = 1 }
        // Accumulate as a negative number so that Int64.min is representable.
        var value: Int64 = 0
        var digits = 0
        var fraction = -1 // -1: no point seen; else number of fraction digits consumed
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: ".") {
                if fraction >= 0 { return .failure(.invalidCharacter(position: i)) }
                fraction = 0
            } else {
                let d = c &- 48
                if d >= 10 { return .failure(.invalidCharacter(position: i)) }
                digits += 1
                if fraction >= 0 {
                    if fraction >= exponent {
                        if d != 0 { return .failure(.tooManyDecimals(allowed: exponent)) }
                        i += 1
                        continue
                    }
                    fraction += 1
                }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int64(d))
                if o1 || o2 { return .failure(.overflow) }
                value = s
            }
            i += 1
        }
        if digits == 0 { return .failure(.empty) }
        var scale = exponent - max(fraction, 0)
        while scale > 0 {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return .failure(.overflow) }
            value = m
            scale -= 1
        }
        if negative { return .success(value) }
        if value == Int64.min { return .failure(.overflow) }
        return .success(-value)
    }

    /// Parses a string; see ``parse(_:exponent:)``.
    public static func parse(_ string: String, exponent: Int) -> Result<Int64, AmountError> {
        var s = string
        return s.withUTF8 { parse($0, exponent: exponent) }
    }

    /// Appends the decimal form of `value` (`-12.50`, `0.05`, `7`) to `out`.
    @inlinable
    public static func append<T: BinaryInteger>(_ value: T, exponent: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var count = 0
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(48 + Int(magnitude % 10))
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count <= exponent { d[count] = 48; count += 1 }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            for i in stride(from: count - 1, through: 0, by: -1) {
                if i == exponent - 1 { out.append(UInt8(ascii: ".")) }
                out.append(d[i])
            }
        }
    }

    /// The decimal form of `value`.
    public static func format<T: BinaryInteger>(_ value: T, exponent: Int) -> String {
        var out: [UInt8] = []
        append(value, exponent: exponent, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
