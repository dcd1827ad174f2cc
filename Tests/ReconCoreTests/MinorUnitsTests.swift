import Testing
@testable import ReconCore

@Suite struct MinorUnitsTests {
    @Test(arguments: [
        ("12.34", 2, Int64(1234)), ("-12.34", 2, -1234), ("+5", 2, 500), ("0.5", 2, 50), ("1.230", 2, 123),
        ("-0.05", 2, -5), ("50000", 0, 50000), ("1.234", 3, 1234), ("7.", 2, 700), (".5", 2, 50),
        ("-9223372036854775808", 0, Int64.min), ("92233720368547758.07", 2, Int64.max),
    ])
    func parsesExactly(_ text: String, _ exponent: Int, _ expected: Int64) throws {
        #expect(try MinorUnits.parse(text, exponent: exponent).get() == expected)
    }

    @Test func refusesSignificantDecimalsBeyondTheCurrency() {
        #expect(throws: AmountError.tooManyDecimals(allowed: 2)) { try MinorUnits.parse("1.005", exponent: 2).get() }
        #expect(throws: AmountError.tooManyDecimals(allowed: 0)) { try MinorUnits.parse("1.5", exponent: 0).get() }
    }

    @Test func refusesValuesBeyondInt64InsteadOfRounding() {
        #expect(throws: AmountError.overflow) { try MinorUnits.parse("92233720368547758.08", exponent: 2).get() }
        #expect(throws: AmountError.overflow) { try MinorUnits.parse("9223372036854775808", exponent: 0).get() }
        #expect(throws: AmountError.overflow) { try MinorUnits.parse("100000000000000000000", exponent: 2).get() }
    }

    @Test(arguments: ["", "-", "1,000.00", "12a", "1.2.3", " 12", "1e5", "--1"])
    func refusesMalformedAmounts(_ text: String) {
        #expect(throws: AmountError.self) { try MinorUnits.parse(text, exponent: 2).get() }
    }

    @Test(arguments: [
        (Int64(1234), 2, "12.34"), (-5, 2, "-0.05"), (0, 2, "0.00"), (50000, 0, "50000"), (-1, 3, "-0.001"),
        (Int64.min, 2, "-92233720368547758.08"),
    ])
    func formatsWithTheCurrencyExponent(_ value: Int64, _ exponent: Int, _ expected: String) {
        #expect(MinorUnits.format(value, exponent: exponent) == expected)
    }

    @Test func formatsInt128Totals() {
        let big = Int128(Int64.max) * 3
        #expect(MinorUnits.format(big, exponent: 2) == "276701161105643274.21")
    }

    @Test func currencyExponentsFollowISO4217() {
        #expect(Currency.exponent(ofCode: Array("JPY".utf8)) == 0)
        #expect(Currency.exponent(ofCode: Array("KWD".utf8)) == 3)
        #expect(Currency.exponent(ofCode: Array("CNY".utf8)) == 2)
        #expect(Currency.exponent(ofCode: Array("CLF".utf8)) == 4)
    }
}
