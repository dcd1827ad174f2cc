import ReconCore

/// A `:61:` statement line: `YYMMDD[MMDD]` value and entry dates, the debit/credit mark (`C`, `D`,
/// `RC`, `RD` for reversals, `EC`/`ED` expected in MT942), an optional funds code (the currency's
/// third letter), the amount with a decimal comma, the transaction type (`NTRF`, `S202`, ...), the
/// customer's reference, the bank's after `//`, and on the next line supplementary details.
struct MTTransactionLine: Equatable {
    var valueDate: Day
    var entryDate: Day?
    /// Signed: money into the account is positive (a reversed debit is a credit).
    var amount: Int64
    var reversal: Bool
    var typeCode: String
    var customerReference: String
    var bankReference: String
    var supplementary: String
    /// What was read other than as written (a value date past its month's end), for the row's detail.
    var note: String?

    enum Failure: Error, Equatable { case field(String, String) }

    /// Parses the field's value (its lines joined by LF) with the statement's currency exponent.
    init(_ value: [UInt8], exponent: Int) throws {
        let lines = value.split(separator: 10, omittingEmptySubsequences: false)
        let first = Array(lines.first ?? [])
        supplementary = lines.dropFirst().map { String(decoding: $0, as: UTF8.self) }.joined().trimmingSpaces
        guard first.count >= 6, let (value, clamped) = MTValue.lenientDate(first[0..<6]) else {
            throw Failure.field("value date", "'\(String(decoding: first.prefix(6), as: UTF8.self))' is not a date YYMMDD")
        }
        valueDate = value
        if clamped {
            note = "value date \(String(decoding: first[0..<6], as: UTF8.self)) is past its month's end: read as \(value.iso), the month's last day"
        }
        var i = 6
        // Entry date MMDD, in the value date's year or the one before or after, whichever is closest
        // (a day past the month's end read as its last day, like the value date).
        if first.count >= i + 4, first[i..<(i + 4)].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let d = first[i..<(i + 4)].map { Int($0) - 48 }
            let (m, dd) = (d[0] * 10 + d[1], d[2] * 10 + d[3])
            let y = value.civil.year
            let options = [y - 1, y, y + 1].compactMap { year -> Day? in
                guard (1...12).contains(m), (1...31).contains(dd) else { return nil }
                return Day(year: year, month: m, day: min(dd, Day.daysInMonth(year: year, month: m)))
            }
            guard let best = options.min(by: { abs($0.days(since: value)) < abs($1.days(since: value)) }) else {
                throw Failure.field("entry date", "'\(String(decoding: first[i..<(i + 4)], as: UTF8.self))' is not a date MMDD")
            }
            entryDate = best
            i += 4
        } else if first.count >= i + 5, first[i..<(i + 4)].allSatisfy({ $0 == 32 }) {
            // Spaces standing in for the optional entry date.
            i += 4
        }
        func at(_ k: Int) -> UInt8? { k < first.count ? first[k] : nil }
        let R = UInt8(ascii: "R"), E = UInt8(ascii: "E"), C = UInt8(ascii: "C"), D = UInt8(ascii: "D")
        var credit: Bool
        reversal = false
        if (at(i) == R || at(i) == E) && (at(i + 1) == C || at(i + 1) == D) {
            reversal = at(i) == R
            credit = at(i + 1) == C
            i += 2
        } else if at(i) == C || at(i) == D {
            credit = at(i) == C
            i += 1
        } else {
            throw Failure.field("debit/credit mark", "expected C, D, RC or RD after the dates")
        }
        // A reversal of a debit puts money back: it is a credit (and the reverse).
        if reversal { credit.toggle() }
        // Funds code: a letter before the amount.
        if let c = at(i), c >= 65 && c <= 90 { i += 1 }
        let n = MTValue.amountLength(first[i...])
        // Some banks leave out the decimal comma of a whole amount (`C500NTRF`): the transaction type
        // after it starts with a letter, so the digits are the whole amount.
        guard n > 0, let amount = MTValue.amount(first[i..<(i + n)], exponent: exponent)
                ?? MTValue.wholeAmount(first[i..<(i + n)], exponent: exponent) else {
            throw Failure.field("amount", "'\(String(decoding: first[i...].prefix(max(n, 1)), as: UTF8.self))' is not an amount with a decimal comma")
        }
        self.amount = credit ? amount : -amount
        i += n
        guard first.count >= i + 4 else { throw Failure.field("transaction type", "missing after the amount") }
        typeCode = String(decoding: first[i..<(i + 4)], as: UTF8.self)
        i += 4
        let rest = first[i...]
        if let slash = Self.doubleSlash(rest) {
            customerReference = String(decoding: rest[rest.startIndex..<slash], as: UTF8.self).trimmingSpaces
            bankReference = String(decoding: rest[(slash + 2)...], as: UTF8.self).trimmingSpaces
        } else {
            customerReference = String(decoding: rest, as: UTF8.self).trimmingSpaces
            bankReference = ""
        }
    }

    private static func doubleSlash(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        while i + 1 < b.endIndex {
            if b[i] == 47 && b[i + 1] == 47 { return i }
            i += 1
        }
        return nil
    }
}

