/// A number of bytes as people write it in configurations and options: `4GiB`, `512 MiB`, `2G`,
/// `1500M`, `64k` or a plain number of bytes. K, M, G and T are powers of 1024 with or without the
/// `iB` (a memory ceiling is set against RAM, which is counted in them).
public enum ByteSize {
    /// The bytes `text` names, or nil when it is not a positive size.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits), number > 0 else { return nil }
        let shift: Int
        switch trimmed.dropFirst(digits.count).lowercased() {
        case "", "b": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        case "t", "tb", "tib": shift = 40
        default: return nil
        }
        let (value, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : value
    }

    /// `bytes` in the largest binary unit that keeps it at one or more, with one decimal: `4.0 GiB`.
    public static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) bytes" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
