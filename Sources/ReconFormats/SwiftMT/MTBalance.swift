import ReconCore

/// A balance field (`:60F:`, `:62F:`, `:64:`, ...): `C|D`, date `YYMMDD`, currency, amount.
struct MTBalance: Equatable {
    var amount: Int64
    var day: Day
    var currency: String

    /// Parses `C140219EUR662,23`.
    init?(_ value: [UInt8]) {
        guard value.count >= 11, value[0] == UInt8(ascii: "C") || value[0] == UInt8(ascii: "D"),
              let day = MTValue.date(value[1..<7]) else { return nil }
        let code = value[7..<10]
        guard Currency.isWellFormedCode(code) else { return nil }
        currency = String(decoding: code, as: UTF8.self)
        guard let v = MTValue.amount(value[10...], exponent: Currency.exponent(ofCode: code)) else { return nil }
        amount = value[0] == UInt8(ascii: "D") ? -v : v
        self.day = day
    }

    /// Parses a page balance written without its currency (`C190825` then `1111,10`), in `currency`.
    init?(withoutCurrency value: [UInt8], currency: String) {
        guard value.count >= 9, value[0] == UInt8(ascii: "C") || value[0] == UInt8(ascii: "D"),
              let day = MTValue.date(value[1..<7]), value[7] >= 48 && value[7] <= 57 else { return nil }
        let code = Array(currency.utf8)
        guard let v = MTValue.amount(value[7...], exponent: Currency.exponent(ofCode: code[...])) else { return nil }
        self.currency = currency
        amount = value[0] == UInt8(ascii: "D") ? -v : v
        self.day = day
    }
}
