import ReconCore

/// A date layout such as `yyyy-MM-dd`, `dd/MM/yy` or `yyyyMMdd`, applied to bytes.
///
/// Tokens: `yyyy` (four-digit year), `yy` (two digits: 00–69 → 20xx, 70–99 → 19xx), `MM`, `dd`;
/// any other character must appear as is. Text after the date that starts with a space or `T` (a time
/// of day) is ignored: statements are reconciled by business date.
package struct DateFormat: Sendable, Equatable {
    enum Token: Equatable, Sendable { case year4, year2, month, day, literal(UInt8) }
    let tokens: [Token]
    package let pattern: String

    package init?(_ pattern: String) {
        var tokens: [Token] = []
        var rest = Substring(pattern)
        while !rest.isEmpty {
            if rest.hasPrefix("yyyy") { tokens.append(.year4); rest = rest.dropFirst(4) }
            else if rest.hasPrefix("yy") { tokens.append(.year2); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("MM") { tokens.append(.month); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("dd") { tokens.append(.day); rest = rest.dropFirst(2) }
            else {
                guard let b = rest.first?.asciiValue else { return nil }
                tokens.append(.literal(b))
                rest = rest.dropFirst()
            }
        }
        guard tokens.contains(.month), tokens.contains(.day), tokens.contains(.year4) || tokens.contains(.year2) else { return nil }
        self.tokens = tokens
        self.pattern = pattern
    }

    package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        var i = 0
        var year = 0, month = 0, day = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var v = 0
            for k in 0..<n {
                let d = bytes[i + k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += n
            return v
        }
        for t in tokens {
            switch t {
            case .year4: guard let v = digits(4) else { return nil }; year = v
            case .year2: guard let v = digits(2) else { return nil }; year = v < 70 ? 2000 + v : 1900 + v
            case .month: guard let v = digits(2) else { return nil }; month = v
            case .day: guard let v = digits(2) else { return nil }; day = v
            case .literal(let b): guard i < bytes.count, bytes[i] == b else { return nil }; i += 1
            }
        }
        if i < bytes.count && bytes[i] != 32 && bytes[i] != UInt8(ascii: "T") { return nil }
        return Day(year: year, month: month, day: day)
    }
}
